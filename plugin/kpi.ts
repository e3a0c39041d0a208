/**
 * KPIs content leads read to judge a variant or an experiment arm: click and conversion rates,
 * the difference with the control and how sure we are of it, and the check that an experiment's
 * traffic split as configured (a sample ratio mismatch makes every other number suspect).
 * Pure functions over counts; the server reads the counts.
 */
/// <reference path="./jstat.d.ts" />
import { jStat } from 'jstat';

export interface Counts {
  impressions: number;
  clicks: number;
  /** Per goal. */
  conversions: Record<string, number>;
}

export interface RateComparison {
  /** rates */
  control: number;
  treatment: number;
  /** relative: treatment/control - 1 (null when control rate is 0) */
  uplift: number | null;
  /** treatment - control */
  difference: number;
  /** 95% CI of the difference (unpooled normal approximation) */
  ci95: [number, number];
  /** P(treatment rate > control rate), normal approximation, in [0,1] */
  probabilityToBeat: number;
  /** the CI excludes 0 (and has a width: see compareRates) */
  significant: boolean;
}

export interface VariantKpi {
  key: string;
  counts: Counts;
  /** clicks / impressions */
  clickRate: number;
  /** per goal, conversions / impressions; every goal of the table, 0 where this row has none */
  conversionRates: Record<string, number>;
  /** null for the control itself, and for every row when there is no control */
  vsControl: { clicks: RateComparison | null; conversions: Record<string, RateComparison | null> } | null;
}

export interface SampleRatio {
  chiSquared: number;
  degreesOfFreedom: number;
  pValue: number;
  /** the largest gap between an arm's impressions and its expected count, relative to it: 0.04 for 4% off */
  deviation: number;
  mismatch: boolean;
  /** impressions per arm had the split gone as configured, in the arms' order */
  expected: number[];
  observed: number[];
}

/** Below this p-value the split is called broken: strict, as the check runs again every day. */
export const SAMPLE_RATIO_ALPHA = 0.001;
/**
 * ...and only when an arm is at least this far off its share (1%): with millions of impressions
 * a gap too small to bias any rate is still "significant", and would raise the alarm for nothing.
 */
export const SAMPLE_RATIO_MIN_DEVIATION = 0.01;

const Z_95 = jStat.normal.inv(0.975, 0, 1);

/** 0 when trials is 0. */
export function rate(successes: number, trials: number): number {
  return trials > 0 ? successes / trials : 0;
}

/**
 * Treatment against control, each a count of successes in trials; null when either has 0 trials.
 * When both rates are exactly 0 or 1 the approximation has no spread to work with: the interval
 * is the difference alone, the probability says only its sign, and it is never called significant
 * (1 click in 1 impression against 0 in 1 proves nothing).
 */
export function compareRates(
  control: { successes: number; trials: number },
  treatment: { successes: number; trials: number }
): RateComparison | null {
  if (!(control.trials > 0) || !(treatment.trials > 0)) return null;
  const c = rate(control.successes, control.trials);
  const t = rate(treatment.successes, treatment.trials);
  const difference = t - c;
  const se = Math.sqrt(variance(c, control.trials) + variance(t, treatment.trials));
  const margin = Z_95 * se;
  const ci95: [number, number] = [difference - margin, difference + margin];
  return {
    control: c,
    treatment: t,
    uplift: c === 0 ? null : t / c - 1,
    difference,
    ci95,
    probabilityToBeat: se > 0 ? jStat.normal.cdf(difference / se, 0, 1) : difference > 0 ? 1 : difference < 0 ? 0 : 0.5,
    significant: se > 0 && (ci95[0] > 0 || ci95[1] < 0),
  };
}

/**
 * A rate's variance. Counts from events can pass their trials (a visitor clicks twice): the
 * binomial spread is taken at most at 100%, never negative.
 */
export function variance(p: number, trials: number): number {
  const bounded = Math.min(1, Math.max(0, p));
  return (bounded * (1 - bounded)) / trials;
}

/**
 * One row per served entry (keys given), in the order given, compared with the control key (the
 * base, or the holdout arm). Rates are per impression. Every row gets every goal any row has,
 * so the table has the same columns all the way down.
 */
export function kpiTable(rows: Array<{ key: string; counts: Counts }>, controlKey: string | null): VariantKpi[] {
  const goals = [...new Set(rows.flatMap((row) => Object.keys(row.counts.conversions)))].sort();
  const control = controlKey === null ? undefined : rows.find((row) => row.key === controlKey);
  return rows.map(({ key, counts }) => {
    const conversionRates: Record<string, number> = {};
    for (const goal of goals) conversionRates[goal] = rate(conversionsOf(counts, goal), counts.impressions);
    let vsControl: VariantKpi['vsControl'] = null;
    if (control !== undefined && key !== control.key) {
      const base = control.counts;
      const conversions: Record<string, RateComparison | null> = {};
      for (const goal of goals) {
        conversions[goal] = compareRates(
          { successes: conversionsOf(base, goal), trials: base.impressions },
          { successes: conversionsOf(counts, goal), trials: counts.impressions }
        );
      }
      vsControl = {
        clicks: compareRates(
          { successes: base.clicks, trials: base.impressions },
          { successes: counts.clicks, trials: counts.impressions }
        ),
        conversions,
      };
    }
    return { key, counts, clickRate: rate(counts.clicks, counts.impressions), conversionRates, vsControl };
  });
}

function conversionsOf(counts: Counts, goal: string): number {
  return Object.prototype.hasOwnProperty.call(counts.conversions, goal) ? counts.conversions[goal] : 0;
}

/**
 * Chi-squared goodness of fit of observed impressions per arm vs the arms' weights (holdout
 * included as an arm with its share; weights need not add up to 1); mismatch when p < 0.001 and
 * an arm is 1% or more off its expected count (SAMPLE_RATIO_MIN_DEVIATION).
 * null with fewer than 2 arms, no traffic, or a weight that is not above 0 (no share to expect).
 */
export function sampleRatioMismatch(arms: Array<{ observed: number; weight: number }>): SampleRatio | null {
  if (arms.length < 2) return null;
  let total = 0;
  let weights = 0;
  for (const { observed, weight } of arms) {
    if (!(Number.isFinite(weight) && weight > 0) || !(Number.isFinite(observed) && observed >= 0)) return null;
    total += observed;
    weights += weight;
  }
  if (total === 0) return null;
  const expected = arms.map(({ weight }) => (total * weight) / weights);
  let chiSquared = 0;
  let deviation = 0;
  arms.forEach(({ observed }, i) => {
    chiSquared += (observed - expected[i]) ** 2 / expected[i];
    deviation = Math.max(deviation, Math.abs(observed - expected[i]) / expected[i]);
  });
  const degreesOfFreedom = arms.length - 1;
  // The upper tail; rounding can take 1 - cdf a hair outside [0, 1].
  const pValue = Math.min(1, Math.max(0, 1 - jStat.chisquare.cdf(chiSquared, degreesOfFreedom)));
  return {
    chiSquared,
    degreesOfFreedom,
    pValue,
    deviation,
    mismatch: pValue < SAMPLE_RATIO_ALPHA && deviation >= SAMPLE_RATIO_MIN_DEVIATION,
    expected,
    observed: arms.map((arm) => arm.observed),
  };
}
