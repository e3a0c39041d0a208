/**
 * The playground booted in this process, the way tests/integration/harness.ts does it: to create
 * the schema and generate data, to spot-check it, and to count SQL statements per request.
 */
import path from 'path';
import request from 'supertest';
import type { BenchRequest } from './queries';

export const APP_DIR = path.resolve(__dirname, '../playground');
export const OFFER = 'api::offer.offer';

export interface InProcessApp {
  strapi: any;
  gql: (query: string, variables?: Record<string, unknown>) => Promise<any>;
  /** Sends a bench request to the in-process server and returns its JSON answer. */
  send: (request: BenchRequest) => Promise<any>;
  stop: () => Promise<void>;
}

/** Compiles the playground's TypeScript into playground/dist (what `strapi start` runs), then boots it. */
export const compilePlayground = async (): Promise<{ appDir: string; distDir: string }> => {
  const { compileStrapi } = require('@strapi/strapi');
  return compileStrapi({ appDir: APP_DIR });
};

/** On the SQLite file `databaseFile`, or on the server database `databaseEnv` names (DATABASE_*). */
export const bootInProcess = async (
  databaseFile: string,
  compiled: { appDir: string; distDir: string },
  databaseEnv: Record<string, string> = {}
): Promise<InProcessApp> => {
  Object.assign(process.env, { DATABASE_CLIENT: 'sqlite', DATABASE_FILENAME: databaseFile, ...databaseEnv });
  // The playground's config/env/test quiets the logger: no access log line per counted request.
  process.env.NODE_ENV = 'test';
  const { createStrapi } = require('@strapi/strapi');
  const strapi = await createStrapi({ ...compiled, autoReload: false, serveAdminPanel: false }).load();
  await strapi.server.mount();
  return {
    strapi,
    gql: async (query, variables = {}) => {
      const res = await request(strapi.server.httpServer).post('/graphql').send({ query, variables });
      if (res.status !== 200 || res.body.errors) {
        throw new Error(`GraphQL ${res.status}: ${JSON.stringify(res.body.errors ?? res.body).slice(0, 500)}`);
      }
      return res.body.data;
    },
    send: async ({ method, path, body }) => {
      const http = request(strapi.server.httpServer);
      const res = method === 'POST' ? await http.post(path).set('content-type', 'application/json').send(body) : await http.get(path);
      return res.body;
    },
    stop: () => strapi.destroy(),
  };
};
