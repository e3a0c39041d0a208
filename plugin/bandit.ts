/**
 * The bandit: an experiment that moves its traffic toward the arms that convert better, by
 * Thompson sampling on the measured counts, under the editors' controls (a minimum share per arm,
 * a pinned arm, a pause). Each arm's rate has a Beta posterior (uniform prior); the new weight of
 * an arm is its probability to be the best, estimated by drawing from the posteriors. The draws
 * are seeded from the counts, so the same counts give the same allocation on every instance.
 * The allocation shares the traffic that is not held out: the hold-out is never touched.
 */
/// <reference path="./jstat.d.ts" />
/// <reference path="./pure-rand.d.ts" />
import { jStat } from 'jstat';
import murmurhash from 'murmurhash';
import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import type { Experiment, ExperimentProblem } from './experiment';

export interface BanditArm {
  name: string;
  /** The arm's weight now (kept while paused); 0 for an arm that gets no new visitors. */
  weight: number;
  /** impressions */
  trials: number;
  /** clicks, or conversions of the experiment's goal */
  successes: number;
}

export interface BanditControls {
  /** Share of the experiment's traffic (the hold-out aside) no arm goes below: 0 to 1/arms. */
  minShare: number;
  /** An arm that takes `share` (above 0, up to 1) of the traffic whatever the counts say. */
  pinned: { arm: string; share: number } | null;
  /** Traffic stays where it is; the probabilities are still computed and shown. */
  paused: boolean;
}

export type AllocationMode = 'optimizing' | 'pinned' | 'paused';

export interface ArmAllocation {
  name: string;
  /** The new share of the experiment's traffic (the hold-out aside); the arms' weights add up to 1. */
  weight: number;
  /** The share before, from the arm's weight now. */
  previousWeight: number;
  trials: number;
  successes: number;
  /** The posterior mean of the rate, (1 + successes) / (2 + trials). */
  posteriorMean: number;
  /** The share of draws in which this arm's rate came out highest. */
  probabilityBest: number;
  /** Raised to the minimum share: by the counts alone it would get less. */
  atMinimum: boolean;
}

export interface Allocation {
  mode: AllocationMode;
  arms: ArmAllocation[];
  /** The arm found best: see BANDIT.winnerProbability and BANDIT.winnerMinTrials. null until then. */
  winner: string | null;
  /** What the draws were seeded with (a hash of the counts), so an allocation can be redone. */
  seed: number;
  draws: number;
}

export const BANDIT = Object.freeze({
  /**
   * Draws from each posterior per allocation: a probability comes within 1.6 points (its standard
   * error at most), finer than the shifts that matter, in about 1.3 ms for 3 arms.
   */
  draws: 1_000,
  /** A winner is the arm whose probability to be best reaches this... */
  winnerProbability: 0.95,
  /** ...once every arm has this many impressions, so a day's novelty or a slow hour cannot decide. */
  winnerMinTrials: 1_000,
});

/** What an editor starts from: 1% keeps every arm learning at little cost. */
export const DEFAULT_BANDIT_CONTROLS: BanditControls = Object.freeze({ minShare: 0.01, pinned: null, paused: false });

/**
 * Checks the controls an editor saves for an experiment with these arms; problems name the
 * field (`pinned.arm: ...`). A field left out takes its default (DEFAULT_BANDIT_CONTROLS).
 */
export function validateBanditControls(
  input: unknown,
  armNames: readonly string[]
): { controls: BanditControls | null; problems: ExperimentProblem[] } {
  const problems: ExperimentProblem[] = [];
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return { controls: null, problems: [{ field: 'controls', message: 'an object with minShare, pinned and paused' }] };
  }
  const { minShare = DEFAULT_BANDIT_CONTROLS.minShare, pinned = null, paused = false } = input as Record<string, unknown>;
  const most = armNames.length > 0 ? 1 / armNames.length : 0;
  if (typeof minShare !== 'number' || !(minShare >= 0 && minShare <= most)) {
    problems.push({ field: 'minShare', message: `a share from 0 to ${round(most)} (1 / ${armNames.length} arms), not ${show(minShare)}` });
  }
  if (pinned !== null) {
    if (typeof pinned !== 'object' || Array.isArray(pinned)) {
      problems.push({ field: 'pinned', message: `null, or { arm, share }, not ${show(pinned)}` });
    } else {
      const { arm, share } = pinned as Record<string, unknown>;
      if (typeof arm !== 'string' || !armNames.includes(arm)) {
        problems.push({ field: 'pinned.arm', message: `one of the arms (${armNames.join(', ')}), not ${show(arm)}` });
      }
      if (typeof share !== 'number' || !(share > 0 && share <= 1)) {
        problems.push({ field: 'pinned.share', message: `a share above 0, up to 1 for all the traffic, not ${show(share)}` });
      }
    }
  }
  if (typeof paused !== 'boolean') problems.push({ field: 'paused', message: `true or false, not ${show(paused)}` });
  if (problems.length > 0) return { controls: null, problems };
  const pin = pinned as { arm: string; share: number } | null;
  return {
    controls: { minShare: minShare as number, pinned: pin && { arm: pin.arm, share: pin.share }, paused: paused as boolean },
    problems,
  };
}

/**
 * The new allocation, in the arms' order; null when the arms or the controls are not valid (arms
 * named once each, counts and weights numbers of 0 or more, weights not all 0). Paused: the
 * weights stay. Otherwise each arm gets its probability to be best, raised to the minimum share
 * where below it (the others giving up the difference in proportion); a pinned arm then takes its
 * share (all, when it is the only arm), the others sharing the rest the same way: the pin comes
 * before the minimum share. Successes above trials (a visitor clicking twice) are capped at the
 * trials.
 */
export function allocate(arms: readonly BanditArm[], controls: BanditControls): Allocation | null {
  if (!validArms(arms)) return null;
  if (validateBanditControls(controls, arms.map((arm) => arm.name)).problems.length > 0) return null;
  const before = arms.reduce((sum, arm) => sum + arm.weight, 0);
  if (!(before > 0)) return null;

  const seed = seedOf(arms);
  const best = probabilityBest(arms, seed);
  const mode: AllocationMode = controls.paused ? 'paused' : controls.pinned ? 'pinned' : 'optimizing';
  let weights: number[];
  let atMinimum = arms.map(() => false);
  if (mode === 'paused') {
    weights = arms.map((arm) => arm.weight / before);
  } else {
    const pinnedAt = controls.pinned ? arms.findIndex((arm) => arm.name === controls.pinned!.arm) : -1;
    // A pinned arm alone (beside a hold-out) has no one to leave the rest to.
    const pinnedShare = pinnedAt < 0 ? 0 : arms.length > 1 ? controls.pinned!.share : 1;
    const others = arms.map((_, i) => i !== pinnedAt);
    ({ weights, atMinimum } = withMinimum(best, controls.minShare, others, 1 - pinnedShare));
    if (pinnedAt >= 0) weights[pinnedAt] = pinnedShare;
  }

  const winnerAt = best.indexOf(Math.max(...best));
  const enough = arms.every((arm) => arm.trials >= BANDIT.winnerMinTrials);
  return {
    mode,
    arms: arms.map((arm, i) => {
      const successes = Math.min(arm.successes, arm.trials);
      return {
        name: arm.name,
        weight: weights[i],
        previousWeight: arm.weight / before,
        trials: arm.trials,
        successes: arm.successes,
        posteriorMean: (1 + successes) / (2 + arm.trials),
        probabilityBest: best[i],
        atMinimum: atMinimum[i],
      };
    }),
    winner: enough && best[winnerAt] >= BANDIT.winnerProbability ? arms[winnerAt].name : null,
    seed,
    draws: arms.length > 1 ? BANDIT.draws : 0,
  };
}

/**
 * The experiment with the allocation's weights, for `assignArm`: arms matched by name, an arm at
 * 0 left out (it gets no new visitors), an arm the allocation does not name kept as it is (added
 * since). Key, version and hold-out unchanged. A pin of all the traffic with no hold-out leaves a
 * single arm, which `assignArm` does not split: serve the pinned arm to everyone instead.
 */
export function applyAllocation(experiment: Experiment, allocation: Allocation): Experiment {
  const weights = new Map(allocation.arms.map((arm) => [arm.name, arm.weight]));
  return {
    ...experiment,
    arms: experiment.arms
      .map((arm) => (weights.has(arm.name) ? { ...arm, weight: weights.get(arm.name)! } : arm))
      .filter((arm) => arm.weight > 0),
  };
}

function validArms(arms: readonly BanditArm[]): boolean {
  if (!Array.isArray(arms) || arms.length === 0) return false;
  const names = new Set<string>();
  for (const arm of arms) {
    if (typeof arm !== 'object' || arm === null || typeof arm.name !== 'string' || arm.name === '' || names.has(arm.name)) return false;
    names.add(arm.name);
    if (![arm.weight, arm.trials, arm.successes].every((n) => typeof n === 'number' && Number.isFinite(n) && n >= 0)) return false;
  }
  return true;
}

/** The same counts, the same seed: every instance draws the same numbers. */
function seedOf(arms: readonly BanditArm[]): number {
  return murmurhash.v3(arms.map((arm) => `${arm.name}:${arm.trials}:${arm.successes}`).join('|'));
}

/**
 * For each arm, the share of BANDIT.draws rounds in which a draw from its posterior Beta(1 +
 * successes, 1 + failures) came out highest. jStat draws with the generator it is given, a
 * xoroshiro128+ seeded here, and gets its own back after.
 */
function probabilityBest(arms: readonly BanditArm[], seed: number): number[] {
  if (arms.length === 1) return [1];
  const alphas = arms.map((arm) => 1 + Math.min(arm.successes, arm.trials));
  const betas = arms.map((arm, i) => 2 + arm.trials - alphas[i]);
  const wins = new Array<number>(arms.length).fill(0);
  const rng = xoroshiro128plus(seed);
  const previous = jStat._random_fn;
  jStat.setRandom(() => uniformFloat64(rng));
  try {
    for (let draw = 0; draw < BANDIT.draws; draw++) {
      let best = 0;
      let highest = -1;
      for (let i = 0; i < arms.length; i++) {
        const x = jStat.beta.sample(alphas[i], betas[i]);
        if (x > highest) {
          highest = x;
          best = i;
        }
      }
      wins[best]++;
    }
  } finally {
    jStat.setRandom(previous);
  }
  return wins.map((n) => n / BANDIT.draws);
}

/**
 * Shares `total` among the arms marked `among`, in proportion to `shares`, no arm below `floor`:
 * arms that fall below it are raised to it, and the rest is shared again among the others.
 * Arms not marked get 0.
 */
function withMinimum(shares: number[], floor: number, among: boolean[], total: number): { weights: number[]; atMinimum: boolean[] } {
  const atMinimum = shares.map(() => false);
  const weights = shares.map(() => 0);
  const count = among.filter(Boolean).length;
  if (count === 0 || total <= 0) return { weights, atMinimum };
  // Within the arms that share `total`, the floor is of the whole traffic: at most an even split.
  const least = Math.min(floor, total / count);
  for (;;) {
    const free = among.map((inside, i) => inside && !atMinimum[i]);
    const left = total - least * atMinimum.filter(Boolean).length;
    const mass = shares.reduce((sum, share, i) => sum + (free[i] ? share : 0), 0);
    let raised = false;
    for (let i = 0; i < shares.length; i++) {
      if (!free[i]) continue;
      weights[i] = mass > 0 ? (left * shares[i]) / mass : left / free.filter(Boolean).length;
      if (weights[i] < least) {
        atMinimum[i] = true;
        raised = true;
      }
    }
    if (!raised) break;
    // Each round raises at least one more arm, so this ends within as many rounds as arms.
    for (let i = 0; i < shares.length; i++) if (atMinimum[i]) weights[i] = least;
  }
  return { weights, atMinimum };
}

const round = (n: number) => Math.round(n * 1e4) / 1e4;
const show = (value: unknown) => (value === undefined ? 'missing' : JSON.stringify(value) ?? String(value));
