/**
 * `npm run test:postgres` and `npm run test:mysql`: the integration suite and the multi-instance
 * tests (tests/instances/) on PostgreSQL or MySQL/MariaDB; on PostgreSQL, tests/postgres/ too.
 *
 * - With DATABASE_HOST set, the DATABASE_* variables are used as they are (DATABASE_NAME must be a
 *   database the tests may wipe: every test file empties it before booting). The PostgreSQL fault
 *   test, which stops and restarts the server, is then left out: it needs a server of its own.
 * - Without it, a throw-away server is started (scripts/throwaway-database.ts) and removed on exit.
 *
 * Usage: node -r ./bench/register.cjs scripts/test-database.ts <postgres|mysql> [jest arguments]
 */
import { spawnSync } from 'child_process';
import path from 'path';
import { startThrowawayDatabase, type ServerClient, type ThrowawayDatabase } from './throwaway-database';

const client = process.argv[2] as ServerClient;
const NAMES: Record<ServerClient, string> = { postgres: 'PostgreSQL', mysql: 'MySQL/MariaDB' };
const say = (what: string) => console.log(`[test:${client}] ${what}`);
const ROOT = path.resolve(__dirname, '..');

const run = (command: string, args: string[], env: NodeJS.ProcessEnv) =>
  spawnSync(command, args, { cwd: ROOT, env, stdio: 'inherit' }).status ?? 1;

async function main() {
  if (client !== 'postgres' && client !== 'mysql') throw new Error('usage: test-database.ts <postgres|mysql> [jest arguments]');
  const projects = ['integration', 'instances', ...(client === 'postgres' ? ['postgres'] : [])];
  const jestArgs = ['jest', '--selectProjects', ...projects, '--runInBand'];
  let env: NodeJS.ProcessEnv = { ...process.env, STRAPI_TELEMETRY_DISABLED: 'true', NEXT_TELEMETRY_DISABLED: '1' };
  let server: ThrowawayDatabase | null = null;

  if (process.env.DATABASE_HOST) {
    env.DATABASE_CLIENT = client;
    say(`using the given ${NAMES[client]} ${env.DATABASE_USERNAME ?? 'strapi'}@${env.DATABASE_HOST}:${env.DATABASE_PORT ?? ''}/${env.DATABASE_NAME ?? 'strapi'} (each test file empties it)`);
    if (client === 'postgres') {
      say('tests/postgres/fault.test.ts is left out: it stops and restarts PostgreSQL, so it runs only on the server this script starts itself (unset DATABASE_HOST)');
      jestArgs.push('--testPathIgnorePatterns', '/tests/postgres/fault\\.test\\.ts$');
    }
  } else {
    const started = Date.now();
    server = await startThrowawayDatabase(client);
    const stop = () => {
      server?.stop();
      server = null;
      say('throw-away server stopped and removed');
    };
    process.once('exit', stop);
    for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => process.exit(signal === 'SIGINT' ? 130 : 143));
    env = { ...env, ...server.env, ...server.controlEnv };
    say(`${server.version} on 127.0.0.1:${server.env.DATABASE_PORT}, database ${server.env.DATABASE_NAME}, started in ${Date.now() - started} ms`);
  }

  const built = run('npm', ['run', 'build:unless-built'], env);
  if (built !== 0) return built;
  const started = Date.now();
  const status = run('npx', [...jestArgs, ...process.argv.slice(3)], env);
  say(`jest finished in ${Math.round((Date.now() - started) / 1000)} s with status ${status}`);
  return status;
}

main().then(
  (status) => process.exit(status),
  (error) => {
    console.error(`[test:${client}] ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
);
