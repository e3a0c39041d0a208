import cases from './sequential.cases.json';
import { SEQUENTIAL, sequentialTest, type SequentialTest, type Trials } from './sequential';
import { simulateExperiment } from '../bench/optimize';

type Day = { control: Trials; treatment: Trials };
type TestCase = [name: string, input: { days: Day[]; comparisons: number }, expected: SequentialTest | null];
type SimulationCase = [
  name: string,
  input: { rate: number; uplift: number; perArmPerDay: number; days: number; experiments: number; seed: number },
  expected: { sequentialCallsAtMost?: number; naiveCallsAtLeast?: number; winnersAtLeast?: number },
];

const testCases = cases.sequentialTest as unknown as TestCase[];
const simulationCases = cases.simulations as unknown as SimulationCase[];

/** The expected values come from the same formulas written again in Python: numbers to 9 decimals. */
function expectClose(actual: unknown, expected: unknown, path = '$'): void {
  if (typeof expected === 'number') {
    if (typeof actual !== 'number' || Math.abs(actual - expected) > 5e-10) throw new Error(`${path}: expected ${expected}, got ${actual}`);
  } else if (Array.isArray(expected)) {
    expect(Array.isArray(actual)).toBe(true);
    expect((actual as unknown[]).length).toBe(expected.length);
    expected.forEach((item, i) => expectClose((actual as unknown[])[i], item, `${path}[${i}]`));
  } else if (typeof expected === 'object' && expected !== null) {
    expect(Object.keys(actual as object).sort()).toEqual(Object.keys(expected).sort());
    for (const [key, value] of Object.entries(expected)) expectClose((actual as Record<string, unknown>)[key], value, `${path}.${key}`);
  } else {
    expect(actual).toBe(expected);
  }
}

describe('sequentialTest cases', () => {
  test.each(testCases)('%s', (_name, { days, comparisons }, expected) => {
    expectClose(sequentialTest(days, comparisons), expected);
  });

  test('one comparison unless told', () => {
    const [, { days }] = testCases.find(([name]) => name.startsWith('3% against 4.2%'))!;
    expect(sequentialTest(days)).toEqual(sequentialTest(days, 1));
  });

  test('the p-value never goes up, and the verdict never changes once given, day after day', () => {
    const days: Day[] = [];
    let previous: SequentialTest | null = null;
    // A strong start that fades: the evidence comes early, the later days say nothing.
    for (let day = 0; day < 30; day++) {
      const treatment = day < 3 ? 60 : 30;
      days.push({ control: { successes: 30, trials: 1000 }, treatment: { successes: treatment, trials: 1000 } });
      const now = sequentialTest(days)!;
      if (previous !== null) {
        expect(now.pValue).toBeLessThanOrEqual(previous.pValue);
        if (previous.verdict !== 'keep-going') expect([now.verdict, now.decidedOn]).toEqual([previous.verdict, previous.decidedOn]);
      }
      previous = now;
    }
    expect(previous!.verdict).toBe('winner');
  });

  test('the interval holds the difference the test was built around: 0 inside it until the verdict', () => {
    const days: Day[] = Array.from({ length: 10 }, () => ({ control: { successes: 30, trials: 1000 }, treatment: { successes: 40, trials: 1000 } }));
    for (let n = 1; n <= days.length; n++) {
      const result = sequentialTest(days.slice(0, n))!;
      const [low, high] = result.confidenceSequence!;
      if (result.decidedOn === n - 1) expect(low > 0 || high < 0).toBe(true);
      if (result.verdict === 'keep-going') expect(low <= 0 && high >= 0).toBe(true);
    }
  });
});

describe('simulations (bench/optimize.ts, small and seeded)', () => {
  test.each(simulationCases)('%s', (_name, { experiments, seed, ...scenario }, expected) => {
    const runs = Array.from({ length: experiments }, (_, e) => simulateExperiment(scenario, seed + e));
    const calls = runs.filter((run) => run.sequential.verdict !== 'keep-going').length;
    if (expected.sequentialCallsAtMost !== undefined) expect(calls).toBeLessThanOrEqual(expected.sequentialCallsAtMost);
    if (expected.naiveCallsAtLeast !== undefined) {
      expect(runs.filter((run) => run.naiveDay !== null).length).toBeGreaterThanOrEqual(expected.naiveCallsAtLeast);
    }
    if (expected.winnersAtLeast !== undefined) {
      expect(runs.filter((run) => run.sequential.verdict === 'winner').length).toBeGreaterThanOrEqual(expected.winnersAtLeast);
    }
  });

  test(`the A/A bound is the test's own alpha (${SEQUENTIAL.alpha})`, () => {
    const aa = simulationCases.find(([, input]) => input.uplift === 0)!;
    expect(aa[2].sequentialCallsAtMost).toBeLessThanOrEqual(SEQUENTIAL.alpha * aa[1].experiments);
  });
});
