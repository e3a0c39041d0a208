/**
 * The bandit and the sequential test on simulated visitors, no Strapi. Run alone with
 * `node -r ./bench/register.cjs bench/optimize.ts`; `npm run bench` runs it too.
 *
 * 1. Regret: three arms converting at 3%, 3.5% and 4.5%; 100,000 visitors arriving 1,000 an hour,
 *    the allocation recomputed after each hour (100 allocations) with the editors' default
 *    controls; 200 repetitions. Figures on expected conversions (each visitor counted at the
 *    true rate of the arm served), so the luck of the draws does not blur the comparison with
 *    a uniform split and with always serving the best arm. The same with three equal arms (100
 *    runs), for how often the bandit calls a winner that is not there. The runs are shared
 *    between two worker threads (the machine's two cores): 300 runs of 100 allocations each.
 * 2. False positives: 1,000 A/A experiments (both arms at 3%, 1,000 visitors each a day) read
 *    every day for 28 days, by the sequential test and by the 95% interval; and the power the
 *    sequential test keeps on a real +20% (3% against 3.6%).
 * Visitors are drawn by the weights, as assignArm's hash spreads them; each simulation has its
 * own seed, so every run gives the same figures.
 */
/// <reference path="../plugin/pure-rand.d.ts" />
import { isMainThread, parentPort, Worker, workerData } from 'worker_threads';
import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import { allocate, DEFAULT_BANDIT_CONTROLS, type BanditControls } from '../plugin/bandit';
import { compareRates } from '../plugin/kpi';
import { sequentialTest, type Trials } from '../plugin/sequential';
import { atLeast, atMost, figure, REPORTED, table, type Figure } from './report';

export const REGRET = { rates: [0.03, 0.035, 0.045], visitors: 100_000, perHour: 1_000, repetitions: 200, seed: 15_000 };
export const EQUAL_ARMS = { ...REGRET, rates: [0.035, 0.035, 0.035], repetitions: 100, seed: 15_500 };
export const PEEKING = { rate: 0.03, uplift: 0.2, perArmPerDay: 1_000, days: 28, experiments: 1_000, seed: 15_100 };

const uniform = (seed: number) => {
  const rng = xoroshiro128plus(seed);
  return () => uniformFloat64(rng);
};

export interface BanditRun {
  /** Share of the gain of always serving the best arm over a uniform split that the bandit got (1 = all of it; below 0, worse than uniform). */
  captured: number;
  /** Visitors served each arm. */
  served: number[];
  /** The arm the bandit called the winner at the end, and the hour it first called it; null when it never did. */
  winner: number | null;
  winnerHour: number | null;
}

/** One run: visitors arrive `perHour` at a time, the allocation is recomputed after each hour. */
export function simulateBandit(
  { rates, visitors, perHour }: { rates: number[]; visitors: number; perHour: number },
  seed: number,
  controls: BanditControls = DEFAULT_BANDIT_CONTROLS
): BanditRun {
  const next = uniform(seed);
  const names = rates.map((_, i) => `arm-${i}`);
  const arms = names.map((name) => ({ name, weight: 1 / rates.length, trials: 0, successes: 0 }));
  let expected = 0;
  let winnerHour: number | null = null;
  let winner: string | null = null;
  for (let hour = 0, arrived = 0; arrived < visitors; hour++) {
    const batch = Math.min(perHour, visitors - arrived);
    for (let v = 0; v < batch; v++) {
      const arm = pick(arms, next());
      arm.trials++;
      const i = arms.indexOf(arm);
      if (next() < rates[i]) arm.successes++;
      expected += rates[i];
    }
    arrived += batch;
    const allocation = allocate(arms, controls);
    if (allocation === null) throw new Error('the simulated counts were refused');
    allocation.arms.forEach((a, i) => (arms[i].weight = a.weight));
    winner = allocation.winner;
    if (winner !== null && winnerHour === null) winnerHour = hour;
  }
  const uniformRate = rates.reduce((a, b) => a + b, 0) / rates.length;
  const bestRate = Math.max(...rates);
  return {
    captured: (expected - visitors * uniformRate) / (visitors * (bestRate - uniformRate)),
    served: arms.map((arm) => arm.trials),
    winner: winner === null ? null : names.indexOf(winner),
    winnerHour: winner === null ? null : winnerHour,
  };
}

/** The arm whose stretch of the cumulative weights holds u, as assignArm does with a visitor's bucket. */
function pick<T extends { weight: number }>(arms: T[], u: number): T {
  const total = arms.reduce((sum, arm) => sum + arm.weight, 0);
  let cumulative = 0;
  for (let i = 0; i < arms.length - 1; i++) {
    cumulative += arms[i].weight / total;
    if (u < cumulative) return arms[i];
  }
  return arms[arms.length - 1];
}

export interface PeekingRun {
  /** The sequential test's verdict at the end (it stops at its first call), and the day it came. */
  sequential: { verdict: 'winner' | 'loser' | 'keep-going'; day: number | null };
  /** The first day the 95% interval excluded 0, had someone read it every day; null if it never did. */
  naiveDay: number | null;
  /** The 95% interval read once, on the last day. */
  fixedHorizon: boolean;
}

/** One fixed 50:50 experiment, the control at `rate` and the treatment at `rate * (1 + uplift)`. */
export function simulateExperiment(
  { rate, uplift, perArmPerDay, days }: { rate: number; uplift: number; perArmPerDay: number; days: number },
  seed: number
): PeekingRun {
  const next = uniform(seed);
  const binomial = (p: number) => {
    let successes = 0;
    for (let v = 0; v < perArmPerDay; v++) if (next() < p) successes++;
    return { successes, trials: perArmPerDay };
  };
  const daily: Array<{ control: Trials; treatment: Trials }> = [];
  const control = { successes: 0, trials: 0 };
  const treatment = { successes: 0, trials: 0 };
  let naiveDay: number | null = null;
  let significant = false;
  for (let day = 0; day < days; day++) {
    const today = { control: binomial(rate), treatment: binomial(rate * (1 + uplift)) };
    daily.push(today);
    control.successes += today.control.successes;
    control.trials += today.control.trials;
    treatment.successes += today.treatment.successes;
    treatment.trials += today.treatment.trials;
    significant = compareRates(control, treatment)?.significant === true;
    if (significant && naiveDay === null) naiveDay = day;
  }
  const test = sequentialTest(daily);
  if (test === null) throw new Error('the simulated counts were refused');
  return { sequential: { verdict: test.verdict, day: test.decidedOn }, naiveDay, fixedHorizon: significant };
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};
const percent = (count: number, of: number) => (100 * count) / of;

type Scenario = typeof REGRET;

/** Every other repetition of each scenario (the even ones for `part` 0, the odd for 1), on a worker thread. */
function runInWorker(scenarios: Scenario[], part: number): Promise<BanditRun[][]> {
  // The worker loads this file again (TypeScript, through the register hook it inherits).
  const worker = new Worker(`require(${JSON.stringify(__filename)})`, { eval: true, workerData: { scenarios, part } });
  return new Promise((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  });
}

const repeat = (scenario: Scenario, part: number) =>
  Array.from({ length: Math.ceil((scenario.repetitions - part) / 2) }, (_, k) => simulateBandit(scenario, scenario.seed + part + 2 * k));

if (!isMainThread && workerData?.scenarios) {
  const { scenarios, part } = workerData as { scenarios: Scenario[]; part: number };
  parentPort!.postMessage(scenarios.map((scenario) => repeat(scenario, part)));
}

export async function regretFigures(): Promise<Figure[]> {
  const halves = await Promise.all([0, 1].map((part) => runInWorker([REGRET, EQUAL_ARMS], part)));
  const [runs, equal] = [0, 1].map((i) => halves.flatMap((part) => part[i]));
  const best = REGRET.rates.length - 1;
  const found = runs.filter((run) => run.winner !== null);
  const served = REGRET.rates.map((_, i) => median(runs.map((run) => run.served[i] / REGRET.visitors)));
  const group = 'bandit';
  return [
    figure(group, 'gain of the best arm over a uniform split captured (median)', percent(median(runs.map((r) => r.captured)), 1), '%', atLeast(70)),
    figure(group, 'repetitions worse than a uniform split', percent(runs.filter((r) => r.captured < 0).length, runs.length), '%', atMost(5)),
    figure(
      group,
      'winner found (the 4.5% arm)',
      percent(found.filter((run) => run.winner === best).length, runs.length),
      '%',
      REPORTED,
      `median hour ${found.length ? median(found.map((run) => run.winnerHour!)) : 'n/a'} of ${REGRET.visitors / REGRET.perHour}; ` +
        `a wrong winner in ${found.filter((run) => run.winner !== best).length} of ${runs.length}; ` +
        `median share served 3% / 3.5% / 4.5%: ${served.map((s) => `${Math.round(s * 1000) / 10}%`).join(' / ')}`
    ),
    figure(group, `three equal arms, ${EQUAL_ARMS.repetitions} runs: a winner called at some hour`, percent(equal.filter((run) => run.winnerHour !== null).length, equal.length), '%', REPORTED),
  ];
}

export function peekingFigures(): Figure[] {
  const aa = Array.from({ length: PEEKING.experiments }, (_, e) => simulateExperiment({ ...PEEKING, uplift: 0 }, PEEKING.seed + e));
  const ab = Array.from({ length: PEEKING.experiments }, (_, e) => simulateExperiment(PEEKING, PEEKING.seed + PEEKING.experiments + e));
  const called = (run: PeekingRun) => run.sequential.verdict !== 'keep-going';
  const wins = ab.filter((run) => run.sequential.verdict === 'winner');
  const group = 'A/A tests';
  return [
    figure(group, 'sequential test: false winners, read daily for 28 days', percent(aa.filter(called).length, aa.length), '%', atMost(5)),
    figure(group, '95% interval read daily: false winners', percent(aa.filter((run) => run.naiveDay !== null).length, aa.length), '%', REPORTED),
    figure(group, '95% interval read once, day 28: false winners', percent(aa.filter((run) => run.fixedHorizon).length, aa.length), '%', REPORTED),
    figure(
      'A/B +20%',
      'sequential test: winner called within 28 days',
      percent(wins.length, ab.length),
      '%',
      REPORTED,
      `3% against 3.6%, 1,000 visitors an arm a day; median day ${wins.length ? median(wins.map((run) => run.sequential.day! + 1)) : 'n/a'}; ` +
        `the 95% interval read once on day 28 finds it in ${percent(ab.filter((run) => run.fixedHorizon).length, ab.length)}%`
    ),
  ];
}

/** Both parts, with the time they took. */
export async function optimizeFigures(): Promise<Figure[]> {
  const started = process.hrtime.bigint();
  const cpu = process.cpuUsage();
  const figures = [...(await regretFigures()), ...peekingFigures()];
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  // Both threads' CPU time, to read the figure by on a shared machine.
  const { user, system } = process.cpuUsage(cpu);
  const note = `the bandit's runs on two worker threads; ${Math.round((user + system) / 1e5) / 10} s of CPU in all`;
  return [...figures, figure('optimize', 'simulations above', seconds, 's', REPORTED, note)];
}

if (require.main === module) {
  optimizeFigures().then(
    (figures) => console.log(`\n${table(figures)}\n`),
    (error) => {
      console.error(error);
      process.exit(1);
    }
  );
}
