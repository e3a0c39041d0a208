/**
 * `npm run bench:soak`: personalized queries at saturation for 60 s against `strapi start`,
 * with the server's memory sampled every second. Passes with zero failed requests and no steady
 * memory growth over the second half of the run. Not part of the test suite.
 */
import autocannon from 'autocannon';
import fs from 'fs';
import os from 'os';
import path from 'path';
import { bootInProcess, compilePlayground } from './app';
import { pickEntry, reloadPlugin } from './check';
import { generate } from './generate';
import { checkAnswer, requests, send } from './queries';
import { startServer } from './server';

const SECONDS = Number(process.env.SOAK_SECONDS ?? 60);
const CONNECTIONS = 20;
/** Allowed growth of the server's memory per minute over the second half, once warm. */
const MAX_GROWTH_MB_PER_MIN = 20;
/** The server's old-space limit during the soak (Strapi with the plugin idles near 200 MB of heap). */
const HEAP_MB = 512;

/** Least-squares slope of y over x. */
const slope = (xs: number[], ys: number[]) => {
  const n = xs.length;
  const mx = xs.reduce((a, b) => a + b, 0) / n;
  const my = ys.reduce((a, b) => a + b, 0) / n;
  let num = 0;
  let den = 0;
  for (let i = 0; i < n; i++) {
    num += (xs[i] - mx) * (ys[i] - my);
    den += (xs[i] - mx) ** 2;
  }
  return den ? num / den : 0;
};

async function main() {
  const databaseFile = path.join(os.tmpdir(), `personalize-soak-${process.pid}.db`);
  const compiled = await compilePlayground();
  const app = await bootInProcess(databaseFile, compiled);
  let documentId: string;
  try {
    const generated = await generate(app.strapi, { bases: 2_000, variantsPerBase: 5 });
    await reloadPlugin(app.strapi);
    documentId = (await pickEntry(app.strapi, generated)).documentId;
  } finally {
    await app.stop();
  }
  // A bounded heap: a leak then shows as errors or a crash within the run, not as V8's lazy growth.
  process.env.NODE_OPTIONS = `${process.env.NODE_OPTIONS ?? ''} --max-old-space-size=${HEAP_MB}`.trim();
  const server = await startServer(databaseFile);
  try {
    const all = requests(documentId);
    // Alternate one entry and a page of 25: both paths of the plugin, with varying visitors.
    const bodies = [all.personalizedOne, all.personalizedList25].map((r) => r.body);
    for (const name of ['personalizedOne', 'personalizedList25'] as const) checkAnswer(name, await send(server.url, all[name]));
    const memory: Array<[number, number]> = [];
    const started = Date.now();
    const sampler = setInterval(() => memory.push([(Date.now() - started) / 1000, server.rssMB() ?? NaN]), 1000);
    let turn = 0;
    const result = await new Promise<autocannon.Result>((resolve, reject) => {
      autocannon(
        {
          url: `${server.url}/graphql`,
          connections: CONNECTIONS,
          duration: SECONDS,
          requests: [{ method: 'POST', headers: { 'content-type': 'application/json' }, setupRequest: (req) => ({ ...req, body: bodies[turn++ % 2] }) }],
        },
        (error, res) => (error ? reject(error) : resolve(res))
      );
    });
    clearInterval(sampler);
    const failures = result.errors + result.timeouts + result.non2xx;
    const half = memory.filter(([t]) => t >= SECONDS / 2);
    const growth = slope(half.map(([t]) => t), half.map(([, mb]) => mb)) * 60;
    const report = {
      date: new Date().toISOString(),
      seconds: SECONDS,
      connections: CONNECTIONS,
      requests: result.requests.total,
      requestsPerSecond: result.requests.average,
      latencyMs: { p50: result.latency.p50, p97_5: result.latency.p97_5, max: result.latency.max },
      failures,
      heapLimitMB: HEAP_MB,
      memoryMB: { start: memory[0]?.[1], end: memory[memory.length - 1]?.[1], max: Math.max(...memory.map(([, mb]) => mb)) },
      growthMBPerMinuteSecondHalf: Math.round(growth * 10) / 10,
      passed: failures === 0 && growth <= MAX_GROWTH_MB_PER_MIN,
    };
    console.log(JSON.stringify(report, null, 2));
    fs.writeFileSync(path.join(__dirname, 'soak.json'), `${JSON.stringify(report, null, 2)}\n`);
    if (!report.passed) process.exitCode = 1;
  } finally {
    await server.stop();
    for (const suffix of ['', '-journal', '-wal', '-shm']) fs.rmSync(databaseFile + suffix, { force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
