import cases from './kpi.cases.json';
import { compareRates, kpiTable, rate, sampleRatioMismatch, type Counts, type RateComparison, type SampleRatio, type VariantKpi } from './kpi';
import { seededRandom } from '../tests/support/random';

type Trials = { successes: number; trials: number };
type RateCase = [name: string, successes: number, trials: number, expected: number];
type CompareCase = [name: string, control: Trials, treatment: Trials, expected: RateComparison | null];
type RatioCase = [name: string, arms: Array<{ observed: number; weight: number }>, expected: SampleRatio | null];
type TableCase = [
  name: string,
  input: { rows: Array<{ key: string; counts: Counts }>; controlKey: string | null },
  expected: VariantKpi[],
];

const rateCases = cases.rate as unknown as RateCase[];
const compareCases = cases.compareRates as unknown as CompareCase[];
const ratioCases = cases.sampleRatioMismatch as unknown as RatioCase[];
const tableCases = cases.kpiTable as unknown as TableCase[];

/** The expected values were computed elsewhere (SciPy): numbers agree to 9 decimals, the rest exactly. */
function expectClose(actual: unknown, expected: unknown, path = '$'): void {
  if (typeof expected === 'number') {
    if (typeof actual !== 'number') throw new Error(`${path}: expected a number, got ${JSON.stringify(actual)}`);
    try {
      expect(actual).toBeCloseTo(expected, 9);
    } catch {
      throw new Error(`${path}: expected ${expected}, got ${actual}`);
    }
  } else if (Array.isArray(expected)) {
    expect(Array.isArray(actual)).toBe(true);
    expect((actual as unknown[]).length).toBe(expected.length);
    expected.forEach((item, i) => expectClose((actual as unknown[])[i], item, `${path}[${i}]`));
  } else if (typeof expected === 'object' && expected !== null) {
    expect(typeof actual === 'object' && actual !== null).toBe(true);
    expect(Object.keys(actual as object).sort()).toEqual(Object.keys(expected).sort());
    for (const [key, value] of Object.entries(expected)) {
      expectClose((actual as Record<string, unknown>)[key], value, `${path}.${key}`);
    }
  } else {
    expect(actual).toBe(expected);
  }
}

describe('rate cases', () => {
  test.each(rateCases)('%s', (_name, successes, trials, expected) => {
    expect(rate(successes, trials)).toBeCloseTo(expected, 12);
  });
});

describe('compareRates cases', () => {
  test.each(compareCases)('%s', (_name, control, treatment, expected) => {
    expectClose(compareRates(control, treatment), expected);
  });

  test('by hand: 100/1000 against 130/1000', () => {
    const comparison = compareRates({ successes: 100, trials: 1000 }, { successes: 130, trials: 1000 }) as RateComparison;
    const se = Math.sqrt((0.1 * 0.9) / 1000 + (0.13 * 0.87) / 1000);
    expect(se).toBeCloseTo(0.0142513, 7);
    expect(comparison.difference).toBeCloseTo(0.03, 12);
    expect(comparison.uplift).toBeCloseTo(0.3, 12);
    expect(comparison.ci95[0]).toBeCloseTo(0.03 - 1.959964 * se, 6);
    expect(comparison.ci95[1]).toBeCloseTo(0.03 + 1.959964 * se, 6);
    expect(comparison.significant).toBe(true);
  });
});

describe('compareRates on generated counts', () => {
  const random = seededRandom(7);
  const counts = Array.from({ length: 500 }, () => {
    const trials = 1 + Math.floor(random() * 5000);
    const control = { trials, successes: Math.floor(random() * random() * trials) };
    const treatmentTrials = 1 + Math.floor(random() * 5000);
    const treatment = { trials: treatmentTrials, successes: Math.floor(random() * random() * treatmentTrials) };
    return [control, treatment] as const;
  });

  test('swapping control and treatment mirrors the answer', () => {
    for (const [control, treatment] of counts) {
      const forward = compareRates(control, treatment) as RateComparison;
      const backward = compareRates(treatment, control) as RateComparison;
      expect(backward.difference).toBeCloseTo(-forward.difference, 12);
      expect(backward.ci95[0]).toBeCloseTo(-forward.ci95[1], 12);
      expect(backward.probabilityToBeat).toBeCloseTo(1 - forward.probabilityToBeat, 9);
      expect(backward.significant).toBe(forward.significant);
    }
  });

  test('the interval holds the difference, and is significant exactly when the probability is past 97.5% either way', () => {
    for (const [control, treatment] of counts) {
      const c = compareRates(control, treatment) as RateComparison;
      expect(c.ci95[0]).toBeLessThanOrEqual(c.difference);
      expect(c.ci95[1]).toBeGreaterThanOrEqual(c.difference);
      expect(c.probabilityToBeat).toBeGreaterThanOrEqual(0);
      expect(c.probabilityToBeat).toBeLessThanOrEqual(1);
      const sure = c.probabilityToBeat > 0.975 || c.probabilityToBeat < 0.025;
      // Far from the edge, where rounding cannot decide.
      if (Math.abs(Math.abs(c.probabilityToBeat - 0.5) - 0.475) > 1e-9) expect(c.significant).toBe(sure);
    }
  });
});

describe('sampleRatioMismatch cases', () => {
  test.each(ratioCases)('%s', (_name, arms, expected) => {
    expectClose(sampleRatioMismatch(arms), expected);
  });
});

describe('kpiTable cases', () => {
  test.each(tableCases)('%s', (_name, { rows, controlKey }, expected) => {
    expectClose(kpiTable(rows, controlKey), expected);
  });

  test('leaves the rows as they were', () => {
    const rows: Array<{ key: string; counts: Counts }> = [
      { key: 'base', counts: { impressions: 10, clicks: 1, conversions: { signup: 1 } } },
      { key: 'v', counts: { impressions: 10, clicks: 2, conversions: {} } },
    ];
    const before = JSON.stringify(rows);
    kpiTable(rows, 'base');
    expect(JSON.stringify(rows)).toBe(before);
  });

  test('a goal named like an Object property is a goal like any other', () => {
    const [row] = kpiTable([{ key: 'v', counts: { impressions: 10, clicks: 0, conversions: { constructor: 2 } } }], null);
    expect(row.conversionRates).toEqual({ constructor: 0.2 });
    const [, other] = kpiTable(
      [
        { key: 'base', counts: { impressions: 10, clicks: 0, conversions: { toString: 1 } } },
        { key: 'v', counts: { impressions: 10, clicks: 0, conversions: {} } },
      ],
      'base'
    );
    expect(other.conversionRates).toEqual({ toString: 0 });
  });
});
