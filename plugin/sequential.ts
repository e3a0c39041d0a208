/**
 * A test that can be read every day: a fixed-split experiment's arm against the control, on a
 * click or conversion rate, by the mixture sequential probability ratio test (mSPRT, Johari,
 * Pekelis and Walsh, "Always valid inference", 2017) on the difference of the rates with the
 * normal approximation. Its p-value and its confidence sequence hold at every look at once, so
 * looking each day and stopping when it says so does not raise the false winners above alpha,
 * as reading the 95% interval every day would.
 *
 * The mixture over the difference is normal, centred on 0, with a spread of SEQUENTIAL.spread
 * standard deviations of a visitor's outcome (sqrt(p(1 - p)) at the pooled rate): typical of the
 * effects content changes have, and the same for any base rate.
 */
import { compareRates, rate, variance } from './kpi';

/** Successes in trials: clicks or conversions of a goal in impressions. */
export type Trials = Parameters<typeof compareRates>[0];

export type SequentialVerdict = 'winner' | 'loser' | 'keep-going';

export interface SequentialTest {
  /** treatment - control, over all the days */
  difference: number;
  /** Always valid: the lowest over the looks, so it only goes down. 1 before the first look. */
  pValue: number;
  /** The difference's always-valid interval at the last look (1 - alpha); null before the first. */
  confidenceSequence: [number, number] | null;
  /** "winner" or "loser" once the p-value has reached alpha (then the experiment can stop), by the difference's sign then. */
  verdict: SequentialVerdict;
  /** The index of the day the verdict came on; null while it is "keep-going". */
  decidedOn: number | null;
  /** Days with enough counts to be a look (see SEQUENTIAL.minimumPerArm). */
  looks: number;
  /** SEQUENTIAL.alpha shared among the comparisons. */
  alpha: number;
}

export const SEQUENTIAL = Object.freeze({
  /** The false-winner rate the test keeps to, however often it is read. */
  alpha: 0.05,
  /** The mixture's spread, in standard deviations of a visitor's outcome (see the file's comment). */
  spread: 0.05,
  /** A day is a look once each side has this many successes and as many failures: the normal approximation's rule. */
  minimumPerArm: 5,
});

/**
 * `days` holds each day's counts (not running totals), in order. With several arms against one
 * control, give `comparisons` (arms - 1): alpha is divided among them (Bonferroni), so the
 * experiment as a whole keeps to SEQUENTIAL.alpha. null when a count is not a number of 0 or more,
 * or comparisons is not a whole number of 1 or more.
 */
export function sequentialTest(days: ReadonlyArray<{ control: Trials; treatment: Trials }>, comparisons = 1): SequentialTest | null {
  if (!Array.isArray(days) || !(Number.isSafeInteger(comparisons) && comparisons >= 1)) return null;
  const alpha = SEQUENTIAL.alpha / comparisons;
  const control = { successes: 0, trials: 0 };
  const treatment = { successes: 0, trials: 0 };
  let pValue = 1;
  let confidenceSequence: [number, number] | null = null;
  let verdict: SequentialVerdict = 'keep-going';
  let decidedOn: number | null = null;
  let looks = 0;
  for (let day = 0; day < days.length; day++) {
    const counts = days[day];
    if (!validCounts(counts?.control) || !validCounts(counts?.treatment)) return null;
    add(control, counts.control);
    add(treatment, counts.treatment);
    const look = mixtureLook(control, treatment, alpha);
    if (look === null) continue;
    looks++;
    pValue = Math.min(pValue, look.pValue);
    confidenceSequence = look.interval;
    if (decidedOn === null && pValue <= alpha) {
      decidedOn = day;
      verdict = look.difference > 0 ? 'winner' : 'loser';
    }
  }
  return {
    difference: rate(treatment.successes, treatment.trials) - rate(control.successes, control.trials),
    pValue,
    confidenceSequence,
    verdict,
    decidedOn,
    looks,
    alpha,
  };
}

/**
 * One look at the running totals. With V the variance of the difference and tau^2 the mixture's,
 * the likelihood ratio against "no difference" is
 *   sqrt(V / (V + tau^2)) * exp(tau^2 * difference^2 / (2 V (V + tau^2))),
 * its inverse the p-value of the look, and the interval the differences it would not reject.
 * Worked in logarithms: the ratio overflows long before the p-value stops meaning something.
 */
function mixtureLook(control: Trials, treatment: Trials, alpha: number) {
  if (!enough(control) || !enough(treatment)) return null;
  const c = rate(control.successes, control.trials);
  const t = rate(treatment.successes, treatment.trials);
  const difference = t - c;
  const v = variance(c, control.trials) + variance(t, treatment.trials);
  const pooled = Math.min(1, (control.successes + treatment.successes) / (control.trials + treatment.trials));
  const tau2 = SEQUENTIAL.spread ** 2 * pooled * (1 - pooled);
  if (!(v > 0) || !(tau2 > 0)) return null;
  const logRatio = 0.5 * Math.log(v / (v + tau2)) + (tau2 * difference ** 2) / (2 * v * (v + tau2));
  const half = Math.sqrt(((v * (v + tau2)) / tau2) * (2 * Math.log(1 / alpha) + Math.log((v + tau2) / v)));
  return {
    difference,
    pValue: Math.min(1, Math.exp(-logRatio)),
    interval: [difference - half, difference + half] as [number, number],
  };
}

/** Enough successes and failures for the normal approximation; counts above trials are all successes. */
function enough({ successes, trials }: Trials): boolean {
  const s = Math.min(successes, trials);
  return s >= SEQUENTIAL.minimumPerArm && trials - s >= SEQUENTIAL.minimumPerArm;
}

function validCounts(counts: Trials | undefined): counts is Trials {
  return (
    typeof counts === 'object' &&
    counts !== null &&
    [counts.successes, counts.trials].every((n) => typeof n === 'number' && Number.isFinite(n) && n >= 0)
  );
}

function add(total: Trials, day: Trials): void {
  total.successes += day.successes;
  total.trials += day.trials;
}
