import cases from './alerts.cases.json';
import { ALERT_RULES, rateDrop, type RateDrop } from './alerts';
import type { Trials } from './sequential';

type DropCase = [name: string, input: { baseline: Trials; recent: Trials }, expected: RateDrop | null];

/** The expected values come from the same test written again in Python with SciPy (norm.cdf). */
describe('rateDrop cases', () => {
  test.each(cases.rateDrop as unknown as DropCase[])('%s', (_name, { baseline, recent }, expected) => {
    const drop = rateDrop(baseline, recent);
    if (expected === null) return expect(drop).toBeNull();
    expect(drop).not.toBeNull();
    expect(drop!.dropped).toBe(expected.dropped);
    for (const key of ['baselineRate', 'recentRate', 'relativeChange', 'z', 'pValue'] as const) {
      expect(Math.abs(drop![key] - expected[key])).toBeLessThan(1e-9);
    }
  });
});

describe('rateDrop', () => {
  test('calls a drop only below the alpha and past the minimum relative drop', () => {
    for (let recent = 0; recent <= 120; recent += 5) {
      const drop = rateDrop({ successes: 400, trials: 10_000 }, { successes: recent, trials: 2_500 })!;
      expect(drop.dropped).toBe(drop.pValue < ALERT_RULES.dropAlpha && drop.relativeChange <= -ALERT_RULES.minRelativeDrop);
    }
  });
});
