/// <reference path="./jstat.d.ts" />
import fc from 'fast-check';
import { jStat } from 'jstat';
import cases from './bandit.cases.json';
import {
  allocate,
  applyAllocation,
  BANDIT,
  DEFAULT_BANDIT_CONTROLS,
  validateBanditControls,
  type Allocation,
  type BanditArm,
  type BanditControls,
} from './bandit';
import { assignArm, HOLDOUT_ARM, type Experiment, type ExperimentProblem } from './experiment';
import { simulateBandit } from '../bench/optimize';

type AllocateCase = [name: string, input: { arms: BanditArm[]; controls: BanditControls }, expected: Allocation | null];
type ValidateCase = [
  name: string,
  input: { input: unknown; arms: string[] },
  expected: { controls: BanditControls } | { problems: ExperimentProblem[] },
];
type ApplyCase = [name: string, input: { experiment: Experiment; weights: Record<string, number> }, expected: Experiment];
type SimulationCase = [
  name: string,
  input: { rates: number[]; visitors: number; perHour: number; repetitions: number; seed: number },
  expected: { capturedMedianAtLeast?: number; worseThanUniformAtMost?: number; winnersAtMost?: number },
];

const allocateCases = cases.allocate as unknown as AllocateCase[];
const validateCases = cases.validateBanditControls as unknown as ValidateCase[];
const applyCases = cases.applyAllocation as unknown as ApplyCase[];
const simulationCases = cases.simulations as unknown as SimulationCase[];

/**
 * The expected probabilities are exact (SciPy: the integral over x of one posterior's density
 * times the others' distribution functions); the allocation estimates them from BANDIT.draws
 * draws, so they agree within 4 standard errors of that estimate. The weights follow from them,
 * as close. Everything else is exact (numbers to 9 decimals).
 */
function withinDraws(actual: number, expected: number): boolean {
  const spread = Math.sqrt(Math.max(expected * (1 - expected), 1 / BANDIT.draws) / BANDIT.draws);
  return Math.abs(actual - expected) <= 4 * spread + 1e-9;
}

function expectAllocation(actual: Allocation | null, expected: Allocation | null): void {
  if (expected === null) {
    expect(actual).toBeNull();
    return;
  }
  expect(actual).not.toBeNull();
  const { arms, ...rest } = actual!;
  const { arms: expectedArms, ...expectedRest } = expected;
  expect({ ...rest, seed: undefined }).toEqual({ ...expectedRest, seed: undefined });
  expect(arms.map((arm) => arm.name)).toEqual(expectedArms.map((arm) => arm.name));
  arms.forEach((arm, i) => {
    const want = expectedArms[i];
    for (const field of ['probabilityBest', 'weight'] as const) {
      if (!withinDraws(arm[field], want[field])) throw new Error(`${arm.name}.${field}: expected ${want[field]}, got ${arm[field]}`);
    }
    expect(arm.previousWeight).toBeCloseTo(want.previousWeight, 9);
    expect(arm.posteriorMean).toBeCloseTo(want.posteriorMean, 9);
    expect({ trials: arm.trials, successes: arm.successes, atMinimum: arm.atMinimum }).toEqual({
      trials: want.trials,
      successes: want.successes,
      atMinimum: want.atMinimum,
    });
  });
}

describe('allocate cases', () => {
  test.each(allocateCases)('%s', (_name, { arms, controls }, expected) => {
    expectAllocation(allocate(arms, controls), expected);
  });

  test('the same counts give the same allocation, draw for draw', () => {
    const [, { arms, controls }] = allocateCases[1];
    const first = allocate(arms, controls);
    const again = allocate(
      arms.map((arm) => ({ ...arm })),
      { ...controls }
    );
    expect(again).toEqual(first);
    // Pinned: instances running two versions of the plugin during a deploy must draw alike.
    expect(first!.seed).toBe(4145064038);
  });

  test('new counts draw anew', () => {
    const [, { arms, controls }] = allocateCases[1];
    const later = arms.map((arm) => ({ ...arm, trials: arm.trials + 1 }));
    expect(allocate(later, controls)!.seed).not.toBe(allocate(arms, controls)!.seed);
  });

  test("jStat gets its own random numbers back after the draws", () => {
    const before = jStat._random_fn;
    allocate(allocateCases[1][1].arms, DEFAULT_BANDIT_CONTROLS);
    expect(jStat._random_fn).toBe(before);
  });

  test('any counts and controls: weights of 0 or more adding up to 1, the pin and the minimum kept', () => {
    const arms = fc.uniqueArray(
      fc
        .record({ name: fc.string({ minLength: 1, maxLength: 8 }), weight: fc.double({ min: 0.01, max: 10, noNaN: true }), trials: fc.nat(1_000_000) })
        .chain((arm) => fc.record({ successes: fc.nat(arm.trials + 10) }).map(({ successes }) => ({ ...arm, successes }))),
      { minLength: 1, maxLength: 6, selector: (arm) => arm.name }
    );
    const input = arms.chain((list) =>
      fc.record({
        arms: fc.constant(list),
        minShare: fc.double({ min: 0, max: 1 / list.length, noNaN: true }),
        pinned: fc.option(fc.record({ arm: fc.constantFrom(...list.map((arm) => arm.name)), share: fc.double({ min: 0.01, max: 1, noNaN: true }) })),
        paused: fc.boolean(),
      })
    );
    fc.assert(
      fc.property(input, ({ arms, minShare, pinned, paused }) => {
        const allocation = allocate(arms, { minShare, pinned, paused })!;
        const weights = allocation.arms.map((arm) => arm.weight);
        expect(weights.every((w) => w >= 0)).toBe(true);
        expect(weights.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 9);
        expect(allocation.arms.reduce((sum, arm) => sum + arm.probabilityBest, 0)).toBeCloseTo(1, 9);
        if (paused) return;
        const pinnedAt = pinned ? arms.findIndex((arm) => arm.name === pinned.arm) : -1;
        // A pinned arm alone takes everything: there is no one to leave the rest to.
        const pinnedShare = pinnedAt < 0 ? 0 : arms.length > 1 ? pinned!.share : 1;
        if (pinnedAt >= 0) expect(weights[pinnedAt]).toBe(pinnedShare);
        const others = arms.length - (pinnedAt >= 0 ? 1 : 0);
        const left = 1 - pinnedShare;
        const floor = Math.min(minShare, others > 0 ? left / others : 0);
        weights.forEach((w, i) => i !== pinnedAt && expect(w).toBeGreaterThanOrEqual(floor - 1e-12));
      }),
      { numRuns: 60 }
    );
  });
});

describe('validateBanditControls cases', () => {
  test.each(validateCases)('%s', (_name, { input, arms }, expected) => {
    const result = validateBanditControls(input, arms);
    if ('controls' in expected) expect(result).toEqual({ controls: expected.controls, problems: [] });
    else expect(result).toEqual({ controls: null, problems: expected.problems });
  });
});

describe('applyAllocation cases', () => {
  test.each(applyCases)('%s', (_name, { experiment, weights }, expected) => {
    // applyAllocation reads the arms' names and weights only.
    const allocation = { arms: Object.entries(weights).map(([name, weight]) => ({ name, weight })) } as unknown as Allocation;
    expect(applyAllocation(experiment, allocation)).toEqual(expected);
  });

  test('assignArm splits the visitors by the new weights and leaves the hold-out its share', () => {
    const experiment: Experiment = {
      key: 'hero',
      version: 1,
      holdout: 0.1,
      arms: [
        { name: 'A', documentId: null, weight: 1 },
        { name: 'B', documentId: 'v-b', weight: 1 },
        { name: 'C', documentId: 'v-c', weight: 1 },
      ],
    };
    const allocation = allocate(allocateCases[1][1].arms, allocateCases[1][1].controls)!;
    const applied = applyAllocation(experiment, allocation);
    const seen = new Map<string, number>();
    const visitors = 40_000;
    for (let i = 0; i < visitors; i++) {
      const arm = assignArm(applied, `visitor-${i}`)!.arm;
      seen.set(arm, (seen.get(arm) ?? 0) + 1);
    }
    expect((seen.get(HOLDOUT_ARM) ?? 0) / visitors).toBeCloseTo(0.1, 2);
    for (const arm of allocation.arms) {
      expect(Math.abs((seen.get(arm.name) ?? 0) / visitors - 0.9 * arm.weight)).toBeLessThan(0.01);
    }
  });
});

describe('simulations (bench/optimize.ts, small and seeded)', () => {
  test.each(simulationCases)('%s', (_name, { repetitions, seed, ...scenario }, expected) => {
    const runs = Array.from({ length: repetitions }, (_, r) => simulateBandit(scenario, seed + r));
    const captured = runs.map((run) => run.captured).sort((a, b) => a - b);
    const median = (captured[(repetitions - 1) >> 1] + captured[repetitions >> 1]) / 2;
    if (expected.capturedMedianAtLeast !== undefined) expect(median).toBeGreaterThanOrEqual(expected.capturedMedianAtLeast);
    if (expected.worseThanUniformAtMost !== undefined) {
      expect(runs.filter((run) => run.captured < 0).length).toBeLessThanOrEqual(expected.worseThanUniformAtMost);
    }
    if (expected.winnersAtMost !== undefined) {
      expect(runs.filter((run) => run.winnerHour !== null).length).toBeLessThanOrEqual(expected.winnersAtMost);
    }
  });
});
