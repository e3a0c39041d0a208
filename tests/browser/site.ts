/**
 * The playground's public site (playground/web, Next.js) for the browser suite: built once per
 * `npm run test:browser` run, started with `next start` against a given Strapi.
 */
import { execFileSync, spawn } from 'child_process';
import fs from 'fs';
import os from 'os';
import path from 'path';
import { freePort } from '../../bench/server';

export const SITE_DIR = path.resolve(__dirname, '../../playground/web');
const NEXT_BIN = path.join(SITE_DIR, 'node_modules/next/dist/bin/next');
const env = (extra: Record<string, string> = {}) => ({ ...process.env, NEXT_TELEMETRY_DISABLED: '1', NODE_ENV: 'production', ...extra });

export interface Site {
  url: string;
  stop: () => Promise<void>;
  logFile: string;
}

/** Seconds the last `buildSite()` took in this process (null when it reused a build). */
export let siteBuildSeconds: number | null = null;

/**
 * `next build` of the site, once per process (jest runs the browser files in one process): the
 * built site reads Strapi's URL when it starts, so one build serves every test file.
 * REUSE_SITE_BUILD=1 keeps an existing build while iterating on tests (never in CI).
 */
export function buildSite(): void {
  if (process.env.PERSONALIZE_SITE_BUILT || (process.env.REUSE_SITE_BUILD && fs.existsSync(path.join(SITE_DIR, '.next/BUILD_ID')))) return;
  if (!fs.existsSync(NEXT_BIN)) throw new Error(`No Next.js in ${SITE_DIR}/node_modules: run npm install at the repo root`);
  const started = Date.now();
  execFileSync(process.execPath, [NEXT_BIN, 'build'], { cwd: SITE_DIR, env: env(), stdio: 'pipe' });
  siteBuildSeconds = (Date.now() - started) / 1000;
  process.env.PERSONALIZE_SITE_BUILT = '1';
}

/** `next start` on `port` (a free one by default), reading content from `strapiUrl`; resolves once it answers. */
export async function startSite(strapiUrl: string, { port, env: extra = {} }: { port?: number; env?: Record<string, string> } = {}): Promise<Site> {
  port ??= await freePort();
  const url = `http://127.0.0.1:${port}`;
  const logFile = path.join(os.tmpdir(), `personalize-site-${process.pid}-${port}.log`);
  const log = fs.openSync(logFile, 'w');
  const child = spawn(process.execPath, [NEXT_BIN, 'start', '--port', String(port), '--hostname', '127.0.0.1'], {
    cwd: SITE_DIR,
    env: env({ STRAPI_URL: strapiUrl, ...extra }),
    stdio: ['ignore', log, log],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode === null) child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
    await exited;
    clearTimeout(timer);
    fs.closeSync(log);
  };
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) break;
    // Any answer will do: the site is up (the page itself may say Strapi is not).
    if (await fetch(`${url}/sign-in`).then(() => true, () => false)) return { url, stop, logFile };
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  await stop();
  throw new Error(`next start did not answer within 60 s:\n${fs.readFileSync(logFile, 'utf8').slice(-3000)}`);
}
