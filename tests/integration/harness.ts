import fs from 'fs';
import os from 'os';
import path from 'path';
import request from 'supertest';

/**
 * Boots the playground as a real Strapi on a throw-away SQLite file and talks HTTP to it.
 * One instance per test file: booting costs seconds, requests cost milliseconds.
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
}

let compiled: Promise<{ appDir: string; distDir: string }> | undefined;

export const freshDatabaseFile = () =>
  path.join(os.tmpdir(), `personalize-test-${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2)}.db`);

export const startApp = async (databaseFile = freshDatabaseFile()): Promise<TestApp> => {
  process.env.STRAPI_TELEMETRY_DISABLED = 'true';
  process.env.DATABASE_CLIENT = process.env.DATABASE_CLIENT ?? 'sqlite';
  process.env.DATABASE_FILENAME = databaseFile;
  const { createStrapi, compileStrapi } = require('@strapi/strapi');
  compiled ??= compileStrapi({ appDir: APP_DIR });
  const strapi = await createStrapi({ ...(await compiled), autoReload: false, serveAdminPanel: false }).load();
  await strapi.server.mount();

  const http = () => request(strapi.server.httpServer);
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
    gql: (query, variables = {}, headers = {}) => http().post('/graphql').set(headers).send({ query, variables }),
    stop: async ({ keepDatabase = false } = {}) => {
      await strapi.destroy();
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
