/**
 * Load from this process with autocannon against the playground served by a child process:
 * two requests side by side, both warmed up, then in alternating rounds.
 */
import autocannon from 'autocannon';
import { checkAnswer, send, type BenchRequest, type RequestName } from './queries';

export const LOAD = {
  connections: 10,
  warmupSeconds: Number(process.env.BENCH_WARMUP_SECONDS ?? 3),
  roundSeconds: Number(process.env.BENCH_ROUND_SECONDS ?? 3),
  rounds: Number(process.env.BENCH_ROUNDS ?? 6),
};

export interface Run {
  latencies: number[];
  seconds: number;
  failures: number;
  /** CPU seconds the server spent during the run, when known. */
  cpu: number | null;
}

/** The server under load, and how to read its CPU time (see server.ts). */
export interface Target {
  url: string;
  cpuSeconds: () => number | null;
}

/**
 * One autocannon run of `request` (as autocannon takes it: method, path, headers, body or
 * setupRequest) against the target; a 2xx answer counts as done.
 */
export const loadHttp = ({ url, cpuSeconds }: Target, request: Record<string, unknown>, seconds: number) =>
  new Promise<Run>((resolve, reject) => {
    const latencies: number[] = [];
    const cpuBefore = cpuSeconds();
    const instance = autocannon(
      { url, requests: [request], connections: LOAD.connections, duration: seconds },
      (error, result) => {
        if (error) return reject(error);
        const failures = result.errors + result.timeouts + result.non2xx;
        const cpuAfter = cpuSeconds();
        const cpu = cpuBefore === null || cpuAfter === null ? null : cpuAfter - cpuBefore;
        resolve({ latencies, seconds: result.duration, failures, cpu });
      }
    );
    instance.on('response', (_client, status, _bytes, ms) => {
      if (status >= 200 && status < 300) latencies.push(ms);
    });
  });

const load = (target: Target, request: BenchRequest, seconds: number) =>
  loadHttp(target, { method: request.method, path: request.path, headers: request.body ? { 'content-type': 'application/json' } : {}, body: request.body }, seconds);

export interface LoadFigures {
  p50: number;
  p95: number;
  rps: number;
  requests: number;
  failures: number;
  /** Server CPU time per request, in ms: steadier than latency on a shared machine. */
  cpuPerRequest: number | null;
}

const percentile = (sorted: Float64Array, p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

export const figures = (runs: Run[]): LoadFigures => {
  const all = Float64Array.from(runs.flatMap((run) => run.latencies)).sort();
  const seconds = runs.reduce((sum, run) => sum + run.seconds, 0);
  const failures = runs.reduce((sum, run) => sum + run.failures, 0);
  const cpu = runs.some((run) => run.cpu === null) ? null : runs.reduce((sum, run) => sum + run.cpu!, 0);
  return {
    p50: percentile(all, 50),
    p95: percentile(all, 95),
    rps: all.length / seconds,
    requests: all.length,
    failures,
    cpuPerRequest: cpu === null ? null : (cpu * 1000) / all.length,
  };
};

/** Checks the answer, then runs the request unmeasured: the server's JIT warms up on every path. */
export async function warmUp(target: Target, [name, request]: [RequestName, BenchRequest]) {
  checkAnswer(name, await send(target.url, request));
  await load(target, request, LOAD.warmupSeconds);
}

/** A and B under the same load: both warmed up, then rounds A B, B A, ... so that drift hits both. */
export async function sideBySide(target: Target, a: [RequestName, BenchRequest], b: [RequestName, BenchRequest]) {
  for (const request of [a, b]) await warmUp(target, request);
  const runs = new Map<RequestName, Run[]>([[a[0], []], [b[0], []]]);
  for (let round = 0; round < LOAD.rounds; round++) {
    for (const [name, request] of round % 2 ? [b, a] : [a, b]) runs.get(name)!.push(await load(target, request, LOAD.roundSeconds));
  }
  return { a: figures(runs.get(a[0])!), b: figures(runs.get(b[0])!) };
}
