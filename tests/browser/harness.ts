import { execFileSync } from 'child_process';
import fs from 'fs';
import path from 'path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { startServer, type Server } from '../../bench/server';
import { ADMIN, APP_DIR, freshDatabaseFile } from '../integration/harness';

/** Screenshots land here for people to look at; CI keeps them as artifacts. */
export const SHOTS = path.resolve(__dirname, '../artifacts/screenshots');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export interface AdminSession {
  server: Server;
  browser: Browser;
  page: Page;
  databaseFile: string;
  /** Saves a full-page screenshot as tests/artifacts/screenshots/<name>.png. */
  shot: (name: string) => Promise<string>;
  gql: (query: string, variables?: Record<string, unknown>, headers?: Record<string, string>) => Promise<any>;
  /** Authorization headers of a full-access API token, made once through the admin API. */
  fullAccess: () => Promise<Record<string, string>>;
  stop: () => Promise<void>;
}

/** Debian's Chromium, headless, driven by playwright-core (never a downloaded browser). */
export const launchChromium = (): Promise<Browser> => {
  if (!fs.existsSync(CHROMIUM)) throw new Error(`No Chromium at ${CHROMIUM}: apt-get install -y chromium (or set CHROMIUM_PATH)`);
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
};

/**
 * The playground as a person meets it: `strapi build` (admin bundle with the plugin), `strapi
 * start` on a throw-away database, Debian's Chromium driven by playwright-core, logged in.
 */
export const openAdmin = async (): Promise<AdminSession> => {
  // REUSE_ADMIN_BUILD=1 skips the admin build while iterating on tests (never in CI).
  if (!process.env.REUSE_ADMIN_BUILD) execFileSync('npx', ['strapi', 'build'], { cwd: APP_DIR, stdio: 'ignore', env: { ...process.env, STRAPI_TELEMETRY_DISABLED: 'true' } });
  fs.mkdirSync(SHOTS, { recursive: true });
  const databaseFile = freshDatabaseFile();
  const server = await startServer(databaseFile);
  const browser = await launchChromium();
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  page.setDefaultTimeout(20_000);
  await page.goto(`${server.url}/admin`);
  await page.fill('input[name=email]', ADMIN.email);
  await page.fill('input[name=password]', ADMIN.password);
  await page.click('button[type=submit]');
  await page.waitForURL(/\/admin(\/)?$/);
  let fullAccess: Promise<Record<string, string>> | undefined;
  return {
    server,
    browser,
    page,
    databaseFile,
    shot: async (name) => {
      const file = path.join(SHOTS, `${name}.png`);
      await page.screenshot({ path: file, fullPage: true });
      return file;
    },
    gql: async (query, variables = {}, headers = {}) => {
      const res = await fetch(`${server.url}/graphql`, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify({ query, variables }) });
      return res.json();
    },
    fullAccess: async () => {
      fullAccess ??= (async () => {
        const post = async (route: string, body: unknown, headers: Record<string, string> = {}) => {
          const res = await fetch(`${server.url}${route}`, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify(body) });
          return (await res.json()).data;
        };
        const { token } = await post('/admin/login', ADMIN);
        const { accessKey } = await post('/admin/api-tokens', { name: `browser-${Date.now()}`, type: 'full-access', lifespan: null }, { Authorization: `Bearer ${token}` });
        return { Authorization: `Bearer ${accessKey}` };
      })();
      return fullAccess;
    },
    stop: async () => {
      await browser.close();
      await server.stop();
      fs.rmSync(databaseFile, { force: true });
    },
  };
};
