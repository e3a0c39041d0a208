import fs from 'fs';
import os from 'os';
import path from 'path';
import request from 'supertest';
import { emptyDatabase } from '../../scripts/throwaway-database';

/**
 * Boots the playground as a real Strapi on a throw-away SQLite file and talks HTTP to it.
 * One instance per test file: booting costs seconds, requests cost milliseconds.
 *
 * With DATABASE_CLIENT=postgres or mysql (`npm run test:postgres`, `npm run test:mysql`), it boots
 * on the server database that the DATABASE_* variables name instead: the `databaseFile` token then
 * only names the run, and a fresh token empties that database before booting (so test files run
 * one at a time).
 */
export const APP_DIR = path.resolve(__dirname, '../../playground');
export const ADMIN = {
  email: process.env.PLAYGROUND_ADMIN_EMAIL ?? 'admin@example.com',
  password: process.env.PLAYGROUND_ADMIN_PASSWORD ?? 'Playground1!',
};

export interface TestApp {
  strapi: any;
  http: () => ReturnType<typeof request>;
  /** Authorization headers: a full-access API token, and a super admin's session. */
  fullAccess: Record<string, string>;
  admin: Record<string, string>;
  gql: (query: string, variables?: Record<string, unknown>, headers?: Record<string, string>) => Promise<request.Response>;
  stop: (opts?: { keepDatabase?: boolean }) => Promise<void>;
  databaseFile: string;
  /**
   * The environment another process needs to open the same database (bench/server.ts
   * `startServer(databaseFile, databaseEnv)`): empty on SQLite, the DATABASE_* variables on a server database.
   */
  databaseEnv: Record<string, string>;
}

let compiled: Promise<{ appDir: string; distDir: string }> | undefined;

export const freshDatabaseFile = () =>
  path.join(os.tmpdir(), `personalize-test-${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2)}.db`);

export const databaseClient = () => (process.env.DATABASE_CLIENT ?? 'sqlite') as 'sqlite' | 'postgres' | 'mysql';
export const onPostgres = () => databaseClient() === 'postgres';
/** PostgreSQL or MySQL/MariaDB: a database several instances can share. */
export const onServerDatabase = () => databaseClient() !== 'sqlite';

/** The DATABASE_* variables of the current run (server databases; SQLite goes by `databaseFile`). */
const databaseVariables = (): Record<string, string> =>
  Object.fromEntries(Object.entries(process.env).filter(([name, value]) => name.startsWith('DATABASE_') && value !== undefined)) as Record<string, string>;

/** Tokens whose database a `stop({ keepDatabase: true })` kept for the next boot (server databases). */
const keptDatabases = new Set<string>();

/**
 * `onLoaded` runs as soon as Strapi is loaded and mounted (as `strapi start` would start to
 * listen), before the harness signs in: what the first requests of a boot get.
 */
export const startApp = async (
  databaseFile = freshDatabaseFile(),
  { onLoaded }: { onLoaded?: (strapi: any, http: () => ReturnType<typeof request>) => Promise<void> } = {}
): Promise<TestApp> => {
  process.env.STRAPI_TELEMETRY_DISABLED = 'true';
  process.env.DATABASE_CLIENT = process.env.DATABASE_CLIENT ?? 'sqlite';
  process.env.DATABASE_FILENAME = databaseFile;
  if (onServerDatabase()) {
    if (!keptDatabases.has(databaseFile)) await emptyDatabase(process.env);
    keptDatabases.delete(databaseFile);
  }
  const { createStrapi, compileStrapi } = require('@strapi/strapi');
  // CI compiles once and then runs two database suites side by side: neither may rewrite dist/
  // while the other boots from it.
  compiled ??= process.env.PLAYGROUND_COMPILED === '1' ? Promise.resolve({ appDir: APP_DIR, distDir: path.join(APP_DIR, 'dist') }) : compileStrapi({ appDir: APP_DIR });
  const strapi = await createStrapi({ ...(await compiled), autoReload: false, serveAdminPanel: false }).load();
  await strapi.server.mount();

  const http = () => request(strapi.server.httpServer);
  await onLoaded?.(strapi, http);
  const { accessKey } = await strapi.service('admin::api-token').create({
    name: `tests-${Date.now()}`,
    type: 'full-access',
    lifespan: null,
  });
  const login = await http().post('/admin/login').send(ADMIN);
  if (login.status !== 200) throw new Error(`admin login failed: ${login.status} ${JSON.stringify(login.body)}`);

  const fullAccess = { Authorization: `Bearer ${accessKey}` };
  const admin = { Authorization: `Bearer ${login.body.data.token}` };
  return {
    strapi,
    http,
    fullAccess,
    admin,
    databaseFile,
    databaseEnv: onServerDatabase() ? databaseVariables() : {},
    gql: (query, variables = {}, headers = {}) => http().post('/graphql').set(headers).send({ query, variables }),
    stop: async ({ keepDatabase = false } = {}) => {
      await strapi.destroy();
      if (keepDatabase && onServerDatabase()) keptDatabases.add(databaseFile);
      if (!keepDatabase) fs.rmSync(databaseFile, { force: true });
    },
  };
};

/** Runs `check` while the Public role lacks `action`, then gives it back. */
export const withoutPublicPermission = async (app: TestApp, action: string, check: () => Promise<void>) => {
  const roles = app.strapi.db.query('plugin::users-permissions.role');
  const permissions = app.strapi.db.query('plugin::users-permissions.permission');
  const publicRole = await roles.findOne({ where: { type: 'public' } });
  const granted = await permissions.findOne({ where: { role: publicRole.id, action } });
  if (!granted) throw new Error(`the Public role does not have ${action}`);
  await permissions.delete({ where: { id: granted.id } });
  try {
    await check();
  } finally {
    await permissions.create({ data: { action, role: publicRole.id } });
  }
};

/** Authorization headers of a new admin whose only role grants `actions`, plus the Content Manager's read on `readTypes`. */
export const adminWith = async (app: TestApp, name: string, actions: string[], readTypes: string[] = []) => {
  const role = await app.strapi.service('admin::role').create({ name: `${name}-${Date.now()}`, description: name });
  await app.strapi.service('admin::role').assignPermissions(role.id, [
    ...actions.map((action) => ({ action, subject: null, properties: {}, conditions: [] })),
    ...readTypes.map((subject) => ({ action: 'plugin::content-manager.explorer.read', subject, properties: {}, conditions: [] })),
  ]);
  const email = `${name}-${Date.now()}@example.com`;
  const password = 'Editor1234!';
  await app.strapi.service('admin::user').create({ email, firstname: name, lastname: 'Test', password, roles: [role.id], isActive: true, registrationToken: null });
  const login = await request(app.strapi.server.httpServer).post('/admin/login').send({ email, password });
  if (login.status !== 200) throw new Error(`login of ${email} failed: ${login.status}`);
  return { Authorization: `Bearer ${login.body.data.token}` };
};
