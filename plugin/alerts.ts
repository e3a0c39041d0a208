/**
 * What the alerts watch for, and the one statistical rule among them: a served entry whose click
 * or conversion rate dropped against its own recent past. The server checks the rest (a
 * sample-ratio mismatch, a bandit's winner, quiet segments, broken rules, arms not published) with
 * the engine's own functions; this file names the kinds and holds the thresholds, so the admin
 * and the README read them from one place.
 */
/// <reference path="./jstat.d.ts" />
import { jStat } from 'jstat';
import { rate } from './kpi';
import type { Trials } from './sequential';

/** The causes an alert can have, in the order the admin lists them. */
export const ALERT_KINDS = [
  'sample-ratio',
  'bandit-winner',
  'rate-drop',
  'quiet-segment',
  'broken-rule',
  'unpublished-arm',
] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];

export const ALERT_RULES = Object.freeze({
  /** A drop compares the last `recentDays` days (today included)... */
  recentDays: 7,
  /** ...with the `baselineDays` days before them. */
  baselineDays: 28,
  /** One-sided, strict: the check runs again at every round, on every entry and goal. */
  dropAlpha: 0.001,
  /** A drop smaller than this (relative: 10%) is not worth anyone's attention, however sure. */
  minRelativeDrop: 0.1,
  /** Enough data for the normal approximation and a rate worth watching. */
  minBaselineImpressions: 1_000,
  minRecentImpressions: 200,
  minBaselineSuccesses: 20,
  /** A segment is quiet after this many days without an impression of its variants... */
  quietDays: 7,
  /** ...while the site served at least this many impressions in those days: else the site is quiet, not the segment. */
  quietSiteImpressions: 100,
});

export interface RateDrop {
  baselineRate: number;
  recentRate: number;
  /** recent / baseline - 1: -0.25 for a quarter lower. */
  relativeChange: number;
  /** Of the two-proportion test (pooled), recent against baseline. */
  z: number;
  /** P(a drop this large or larger by chance): one-sided. */
  pValue: number;
  /** Significant at ALERT_RULES.dropAlpha and at least ALERT_RULES.minRelativeDrop. */
  dropped: boolean;
}

/**
 * The recent rate against the baseline's, by a one-sided two-proportion z-test (pooled variance).
 * null without enough data (ALERT_RULES' minimums) or with a count that is not a number of 0 or
 * more; successes above trials are capped at the trials.
 */
export function rateDrop(baseline: Trials, recent: Trials): RateDrop | null {
  if (![baseline, recent].every(validCounts)) return null;
  const b = { successes: Math.min(baseline.successes, baseline.trials), trials: baseline.trials };
  const r = { successes: Math.min(recent.successes, recent.trials), trials: recent.trials };
  if (b.trials < ALERT_RULES.minBaselineImpressions || r.trials < ALERT_RULES.minRecentImpressions) return null;
  if (b.successes < ALERT_RULES.minBaselineSuccesses) return null;
  const baselineRate = rate(b.successes, b.trials);
  const recentRate = rate(r.successes, r.trials);
  const pooled = (b.successes + r.successes) / (b.trials + r.trials);
  const se = Math.sqrt(pooled * (1 - pooled) * (1 / b.trials + 1 / r.trials));
  if (!(se > 0)) return null;
  const z = (recentRate - baselineRate) / se;
  const pValue = jStat.normal.cdf(z, 0, 1);
  const relativeChange = recentRate / baselineRate - 1;
  return { baselineRate, recentRate, relativeChange, z, pValue, dropped: pValue < ALERT_RULES.dropAlpha && -relativeChange >= ALERT_RULES.minRelativeDrop };
}

function validCounts(counts: Trials | undefined): counts is Trials {
  return (
    typeof counts === 'object' &&
    counts !== null &&
    [counts.successes, counts.trials].every((n) => typeof n === 'number' && Number.isFinite(n) && n >= 0)
  );
}
