/**
 * The playground in production mode as a child process (`strapi start` in playground/, its
 * TypeScript compiled into playground/dist; no admin build needed for the APIs).
 */
import { spawn } from 'child_process';
import fs from 'fs';
import net from 'net';
import os from 'os';
import path from 'path';
import { APP_DIR } from './app';

export interface Server {
  url: string;
  stop: (keepLog?: boolean) => Promise<void>;
  logFile: string;
  /** CPU seconds the server has used so far (Linux: /proc), null elsewhere. */
  cpuSeconds: () => number | null;
  /** Resident memory of the server in MB (Linux: /proc), null elsewhere. */
  rssMB: () => number | null;
}

const rssOf = (pid: number | undefined) => () => {
  try {
    const line = fs.readFileSync(`/proc/${pid}/status`, 'utf8').match(/^VmRSS:\s+(\d+) kB/m);
    return line ? Number(line[1]) / 1024 : null;
  } catch {
    return null;
  }
};

/** utime + stime of a process, from /proc/<pid>/stat, in seconds (clock ticks of 1/100 s). */
const cpuOf = (pid: number | undefined) => () => {
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return null;
  }
};

export const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const probe = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
    probe.on('error', reject);
  });

/**
 * Starts `strapi start` on the SQLite file `databaseFile`. `databaseEnv` overrides the database
 * settings when the caller asks (e.g. the tests on PostgreSQL pass their DATABASE_* variables);
 * without it the server is on SQLite whatever the environment says, as the bench needs.
 */
export async function startServer(databaseFile: string, databaseEnv: Record<string, string> = {}): Promise<Server> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  // One log per server: a test may run several side by side.
  const logFile = path.join(os.tmpdir(), `personalize-bench-server-${process.pid}-${port}.log`);
  const log = fs.openSync(logFile, 'w');
  const strapiBin = path.join(path.dirname(require.resolve('@strapi/strapi/package.json')), 'bin', 'strapi.js');
  const env = { ...process.env, NODE_ENV: 'production', HOST: '127.0.0.1', PORT: String(port), DATABASE_CLIENT: 'sqlite' };
  const child = spawn(process.execPath, [strapiBin, 'start'], {
    cwd: APP_DIR,
    env: { ...env, DATABASE_FILENAME: databaseFile, ...databaseEnv, STRAPI_TELEMETRY_DISABLED: 'true' },
    stdio: ['ignore', log, log],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const tail = () => `log ${logFile}:\n${fs.readFileSync(logFile, 'utf8').split('\n').slice(-40).join('\n')}`;
  /** Stops the server; its log is kept only when something went wrong. */
  const stop = async (keepLog = false) => {
    if (child.exitCode === null) child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
    fs.closeSync(log);
    if (!keepLog) fs.rmSync(logFile, { force: true });
  };
  const deadline = Date.now() + 180_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      const error = new Error(`strapi start exited (${child.exitCode}):\n${tail()}`);
      await stop(true);
      throw error;
    }
    const status = await fetch(`${url}/_health`).then((r) => r.status, () => 0);
    if (status === 204) return { url, stop, logFile, cpuSeconds: cpuOf(child.pid), rssMB: rssOf(child.pid) };
    await new Promise((r) => setTimeout(r, 250));
  }
  const error = new Error(`strapi start did not answer /_health within 180 s:\n${tail()}`);
  await stop(true);
  throw error;
}

