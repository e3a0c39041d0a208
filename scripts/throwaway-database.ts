/**
 * A throw-away database server for `npm run test:postgres`, `npm run test:mysql` and the bench:
 * Debian's own server binaries (packages `postgresql`, `mariadb-server`), a fresh data directory
 * in a temporary folder, a free port on 127.0.0.1, a user and a database for the app; all removed
 * by `stop()`. As root, the server runs as its system user (initdb and mariadbd refuse root).
 * Nothing is downloaded: without the binaries, `missingServer` says what to install.
 */
import { execFileSync, spawn } from 'child_process';
import crypto from 'crypto';
import fs from 'fs';
import os from 'os';
import path from 'path';
import { freePort } from '../bench/server';

export type ServerClient = 'postgres' | 'mysql';

export interface ThrowawayDatabase {
  client: ServerClient;
  /** "PostgreSQL 15.14", "MariaDB 10.11.18" */
  version: string;
  /** DATABASE_* variables for the playground's config/database.ts. */
  env: Record<string, string>;
  /** What tests/postgres/fault.test.ts needs to stop and start the server (PostgreSQL only). */
  controlEnv: Record<string, string>;
  stop: () => void;
}

const isRoot = () => process.getuid?.() === 0;
const sh = (command: string, args: string[], owner: string | null, options: { input?: string } = {}) =>
  execFileSync(owner && isRoot() ? 'runuser' : command, owner && isRoot() ? ['-u', owner, '--', command, ...args] : args, {
    encoding: 'utf8',
    stdio: ['pipe', 'pipe', 'pipe'],
    timeout: 120_000,
    ...options,
  });

const pgBin = () => {
  const dirs = process.env.PG_BIN ? [process.env.PG_BIN] : fs.existsSync('/usr/lib/postgresql') ? fs.readdirSync('/usr/lib/postgresql').sort((a, b) => Number(a) - Number(b)).map((v) => `/usr/lib/postgresql/${v}/bin`) : [];
  return dirs.reverse().find((dir) => fs.existsSync(path.join(dir, 'initdb')) && fs.existsSync(path.join(dir, 'pg_ctl'))) ?? null;
};
const mariadbBin = () => {
  const dirs = process.env.MARIADB_BIN ? [process.env.MARIADB_BIN] : ['/usr/sbin', '/usr/bin', '/usr/local/bin'];
  const server = dirs.map((dir) => path.join(dir, 'mariadbd')).find((file) => fs.existsSync(file));
  return server ? { server, bin: '/usr/bin' } : null;
};

/** null when the server binaries are there; otherwise what to do about it. */
export const missingServer = (client: ServerClient): string | null => {
  if (client === 'postgres') {
    return pgBin() ? null : 'no PostgreSQL server binaries (looked in /usr/lib/postgresql/*/bin): apt-get install -y postgresql, or set PG_BIN';
  }
  return mariadbBin() ? null : 'no MariaDB server (looked for mariadbd in /usr/sbin, /usr/bin, /usr/local/bin): apt-get install -y mariadb-server, or set MARIADB_BIN';
};

const ownerFor = (user: string) => {
  if (!isRoot()) return null;
  try {
    execFileSync('id', [user], { stdio: 'ignore' });
  } catch {
    throw new Error(`running as root but there is no '${user}' user to own the server's files (the server refuses root)`);
  }
  return user;
};

const secret = () => crypto.randomBytes(12).toString('hex');
/** Every server gets the same user and database names; only the port and the password differ. */
const appEnv = (client: ServerClient, port: number, password: string) => ({
  DATABASE_CLIENT: client, DATABASE_HOST: '127.0.0.1', DATABASE_PORT: String(port), DATABASE_NAME: 'personalize_test',
  DATABASE_USERNAME: 'personalize', DATABASE_PASSWORD: password, DATABASE_SSL: 'false',
});

async function startPostgres(dir: string): Promise<ThrowawayDatabase> {
  const bin = pgBin()!;
  const owner = ownerFor('postgres');
  if (owner) execFileSync('chown', [owner, dir]);
  const data = path.join(dir, 'data');
  const log = path.join(dir, 'postgresql.log');
  const port = await freePort();
  const password = secret();
  const pwfile = path.join(dir, 'pwfile');
  fs.writeFileSync(pwfile, `${password}\n`);
  if (owner) execFileSync('chown', [owner, pwfile]);
  sh(path.join(bin, 'initdb'), ['-D', data, '-U', 'postgres', `--pwfile=${pwfile}`, '--auth-local=trust', '--auth-host=scram-sha-256', '--encoding=UTF8', '--locale=C.UTF-8'], owner);
  fs.rmSync(pwfile);
  fs.appendFileSync(
    path.join(data, 'postgresql.conf'),
    `\n# throw-away cluster (scripts/throwaway-database.ts)\nlisten_addresses = '127.0.0.1'\nport = ${port}\n` +
      `unix_socket_directories = '${dir}'\nfsync = off\nfull_page_writes = off\nmax_connections = 200\n`
  );
  const pgCtl = path.join(bin, 'pg_ctl');
  sh(pgCtl, ['-D', data, '-l', log, '-w', '-t', '60', 'start'], owner);
  const stop = () => {
    if (fs.existsSync(path.join(data, 'postmaster.pid'))) {
      try {
        sh(pgCtl, ['-D', data, '-m', 'immediate', '-w', 'stop'], owner);
      } catch {
        // Already down: the folder goes anyway.
      }
    }
    fs.rmSync(dir, { recursive: true, force: true });
  };
  try {
    sh(path.join(bin, 'psql'), ['-h', dir, '-p', String(port), '-U', 'postgres', '-d', 'postgres', '-v', 'ON_ERROR_STOP=1', '-q',
      '-c', `CREATE ROLE personalize LOGIN PASSWORD '${password}'`, '-c', 'CREATE DATABASE personalize_test OWNER personalize'], owner);
    const version = sh(path.join(bin, 'postgres'), ['--version'], null).trim().split(' ')[2];
    return {
      client: 'postgres',
      version: `PostgreSQL ${version}`,
      env: appEnv('postgres', port, password),
      controlEnv: { PERSONALIZE_PG_CTL: pgCtl, PERSONALIZE_PG_DATA: data, PERSONALIZE_PG_LOG: log, PERSONALIZE_PG_RUN_AS: owner ?? '' },
      stop,
    };
  } catch (error) {
    stop();
    throw error;
  }
}

async function startMariadb(dir: string): Promise<ThrowawayDatabase> {
  const { server, bin } = mariadbBin()!;
  const owner = ownerFor('mysql');
  if (owner) execFileSync('chown', [owner, dir]);
  const data = path.join(dir, 'data');
  const socket = path.join(dir, 'mysqld.sock');
  const log = path.join(dir, 'error.log');
  const port = await freePort();
  const password = secret();
  sh(path.join(bin, 'mariadb-install-db'), ['--no-defaults', `--datadir=${data}`, '--auth-root-authentication-method=normal', '--skip-test-db', '--skip-name-resolve', ...(owner ? [`--user=${owner}`] : [])], null);
  // Durability off (a test server), utf8mb4 with MariaDB's default collation (case-insensitive, as
  // most installs are): the plugin must not depend on a case-sensitive database.
  const args = ['--no-defaults', `--datadir=${data}`, `--socket=${socket}`, `--port=${port}`, '--bind-address=127.0.0.1',
    `--pid-file=${path.join(dir, 'mariadbd.pid')}`, `--log-error=${log}`, '--skip-name-resolve', '--character-set-server=utf8mb4',
    '--collation-server=utf8mb4_general_ci', '--innodb-flush-log-at-trx-commit=0', '--innodb-doublewrite=0', '--innodb-buffer-pool-size=256M',
    '--max-connections=300', ...(owner ? [`--user=${owner}`] : [])];
  const child = spawn(server, args, { stdio: 'ignore', detached: true });
  child.unref();
  const root = (sql: string) => sh(path.join(bin, 'mariadb'), ['--no-defaults', '-S', socket, '-u', 'root', '-N', '-e', sql], null);
  const stop = () => {
    if (child.exitCode === null) {
      try {
        sh(path.join(bin, 'mariadb-admin'), ['--no-defaults', '-S', socket, '-u', 'root', 'shutdown'], null);
      } catch {
        child.kill('SIGKILL');
      }
    }
    fs.rmSync(dir, { recursive: true, force: true });
  };
  try {
    const deadline = Date.now() + 60_000;
    for (;;) {
      if (child.exitCode !== null) throw new Error(`mariadbd exited (${child.exitCode}):\n${fs.existsSync(log) ? fs.readFileSync(log, 'utf8').slice(-2000) : ''}`);
      try {
        root('SELECT 1');
        break;
      } catch (error) {
        if (Date.now() > deadline) throw error;
        await new Promise((r) => setTimeout(r, 200));
      }
    }
    root(
      `CREATE USER 'personalize'@'127.0.0.1' IDENTIFIED BY '${password}'; CREATE DATABASE personalize_test; ` +
        `GRANT ALL ON personalize_test.* TO 'personalize'@'127.0.0.1';`
    );
    const version = root('SELECT VERSION()').trim().split('-')[0];
    return {
      client: 'mysql',
      version: `MariaDB ${version}`,
      env: appEnv('mysql', port, password),
      controlEnv: {},
      stop,
    };
  } catch (error) {
    stop();
    throw error;
  }
}

const driver = (name: string) => require(require.resolve(name, { paths: [path.resolve(__dirname, '../playground')] }));

/**
 * Empties the server database that DATABASE_* variables name, as a new SQLite file would be: on
 * PostgreSQL its schema is dropped and created again; on MySQL/MariaDB every table is dropped
 * (the database keeps its character set and collation, and no CREATE DATABASE privilege is needed).
 */
export async function emptyDatabase(env: Record<string, string | undefined>) {
  const connection = {
    host: env.DATABASE_HOST ?? '127.0.0.1',
    database: env.DATABASE_NAME ?? 'strapi',
    user: env.DATABASE_USERNAME ?? 'strapi',
    password: env.DATABASE_PASSWORD ?? 'strapi',
    ssl: env.DATABASE_SSL === 'true' ? { rejectUnauthorized: env.DATABASE_SSL_REJECT_UNAUTHORIZED !== 'false' } : undefined,
  };
  if (env.DATABASE_CLIENT === 'postgres') {
    const client = new (driver('pg').Client)({ ...connection, connectionString: env.DATABASE_URL, port: Number(env.DATABASE_PORT ?? 5432) });
    const schema = `"${(env.DATABASE_SCHEMA ?? 'public').replace(/"/g, '""')}"`;
    await client.connect();
    try {
      await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await client.query(`CREATE SCHEMA ${schema}`);
    } finally {
      await client.end();
    }
    return;
  }
  if (env.DATABASE_CLIENT !== 'mysql') throw new Error(`emptyDatabase: not a server database (${env.DATABASE_CLIENT})`);
  const client = await driver('mysql2/promise').createConnection({ ...connection, port: Number(env.DATABASE_PORT ?? 3306) });
  try {
    const [tables] = await client.query('SELECT table_name AS name FROM information_schema.tables WHERE table_schema = DATABASE()');
    await client.query('SET FOREIGN_KEY_CHECKS = 0');
    for (const { name } of tables as Array<{ name: string }>) await client.query('DROP TABLE ??', [name]);
  } finally {
    await client.end();
  }
}

/** Starts a throw-away server; throws with the reason when its binaries are missing. */
export async function startThrowawayDatabase(client: ServerClient): Promise<ThrowawayDatabase> {
  const missing = missingServer(client);
  if (missing) throw new Error(missing);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `personalize-${client}-`));
  return client === 'postgres' ? startPostgres(dir) : startMariadb(dir);
}
