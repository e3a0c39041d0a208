import esbuild from 'esbuild';
import http from 'http';
import path from 'path';
import type { AddressInfo } from 'net';
import { renderToString } from 'react-dom/server';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { createPersonalize } from '../../client/src/exports/client';
import { decodeProfile } from '../../plugin/profile-cookie';
import type { EventInput } from '../../plugin/events';
import { launchChromium } from './harness';
import { HERO_ITEM, heroTree } from './kit-site/hero';

/**
 * The kit in Debian's Chromium, on a test page this file serves on localhost with a stand-in for
 * the events endpoint: cookie round trip, consent gate, impressions once per element per view,
 * batching and sendBeacon on page hide, retry on 503, nothing sent twice on a 4xx, and a React
 * hero that hydrates on the server's answer without asking again.
 */
interface Received {
  contentType: string;
  events: EventInput[];
}
let server: http.Server;
let origin: string;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let script = '';
/** Event batches as they arrived, and the statuses to answer the next ones with (200 after). */
let received: Received[] = [];
let statuses: number[] = [];
let contentReads = 0;

const PAGES: Record<string, () => string> = {
  '/': () => '<div id="top" style="height:200px">top</div><div style="height:3000px"></div><div id="below" style="height:200px">below</div>',
  '/hero': () => `<div id="root">${renderToString(heroTree(createPersonalize({ url: origin, page: false }), HERO_ITEM))}</div>`,
};

function serve(req: http.IncomingMessage, res: http.ServerResponse) {
  const url = new URL(req.url ?? '/', origin);
  if (url.pathname === '/kit.js') return res.writeHead(200, { 'Content-Type': 'text/javascript' }).end(script);
  if (url.pathname in PAGES) {
    const html = `<!doctype html><html><body>${PAGES[url.pathname]()}<script src="/kit.js"></script></body></html>`;
    return res.writeHead(200, { 'Content-Type': 'text/html' }).end(html);
  }
  if (url.pathname.startsWith('/api/personalize/content/')) {
    contentReads++;
    return res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({ data: HERO_ITEM }));
  }
  if (url.pathname === '/api/personalize/events' && req.method === 'POST') {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      received.push({ contentType: String(req.headers['content-type']), events: JSON.parse(body).events });
      res.writeHead(statuses.shift() ?? 200, { 'Content-Type': 'application/json' }).end('{}');
    });
    return undefined;
  }
  return res.writeHead(404).end();
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** Waits until `check` holds (or fails with what it last saw). */
async function until<T>(read: () => T, check: (value: T) => boolean, ms = 5000): Promise<T> {
  const end = Date.now() + ms;
  let value = read();
  while (!check(value) && Date.now() < end) {
    await sleep(50);
    value = read();
  }
  return value;
}
const eventIds = () => received.map((batch) => batch.events.map((e) => `${e.type}:${e.baseDocumentId}`));
const profileCookie = async () => (await context.cookies()).find((c) => c.name === 'pz_profile');

/** A fresh visitor (no cookies) on a page of the test site, the kit loaded but not started. */
async function open(pathname = '/') {
  await context?.close();
  context = await browser.newContext({ viewport: { width: 800, height: 600 } });
  page = await context.newPage();
  page.setDefaultTimeout(10_000);
  await page.goto(origin + pathname);
  await page.waitForFunction(() => typeof window.startKit === 'function');
}

beforeAll(async () => {
  const bundle = await esbuild.build({
    entryPoints: [path.join(__dirname, 'kit-site/page.ts')],
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'es2020',
    write: false,
    define: { 'process.env.NODE_ENV': '"development"' },
  });
  script = bundle.outputFiles[0].text;
  server = http.createServer(serve);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => server?.close(resolve));
});
beforeEach(() => {
  received = [];
  statuses = [];
  contentReads = 0;
});

test('cookie round trip: the profile written with consent is read back by the next page, as the server would read it', async () => {
  await open();
  await page.evaluate(() => {
    window.startKit({ consent: true });
    window.kit.set({ identified: true });
    window.kit.track('simulation', { tags: ['car-insurance'] });
  });
  const inPage = await page.evaluate(() => JSON.stringify(window.kit.profile));
  const cookie = (await profileCookie())!;
  expect([cookie.path, cookie.sameSite, cookie.httpOnly]).toEqual(['/', 'Lax', false]);
  expect(cookie.expires * 1000 - Date.now()).toBeGreaterThan(179 * 24 * 3600_000);
  const stored = decodeProfile(cookie.value)!;
  expect(JSON.parse(inPage)).toMatchObject({ visitorId: stored.visitorId, identified: true, visits: 1, interests: { scores: { 'car-insurance': 3 } } });

  await page.reload();
  await page.waitForFunction(() => typeof window.startKit === 'function');
  const again = await page.evaluate(() => {
    window.startKit();
    return { consented: window.kit.consented, profile: window.kit.profile, context: window.kit.context() };
  });
  expect(again.consented).toBe(true);
  expect(again.profile).toMatchObject({ visitorId: stored.visitorId, visits: 1, identified: true });
  expect(again.context).toMatchObject({ visitorId: stored.visitorId, interests: ['car-insurance'], traits: { identified: true } });
});

test('consent gate: nothing written and nothing sent before consent; consent sends what was held; withdrawal deletes the cookie', async () => {
  await open();
  await page.evaluate(() => {
    window.startKit({ events: { delayMs: 50 } });
    window.kit.view(window.item('a'));
  });
  await sleep(800);
  expect([await profileCookie(), received, await page.evaluate(() => window.kit.profile.visitorId)]).toEqual([undefined, [], null]);

  await page.evaluate(() => window.kit.consent(true));
  expect(await profileCookie()).toBeDefined();
  const batches = await until(() => received, (r) => r.length > 0);
  expect(batches[0].events).toEqual([expect.objectContaining({ type: 'impression', baseDocumentId: 'a', visitorId: null })]);

  await page.evaluate(() => window.kit.consent(false));
  expect(await profileCookie()).toBeUndefined();
  await page.evaluate(() => window.kit.view(window.item('b')));
  await sleep(500);
  expect(received).toHaveLength(1);
});

test('impressions: half visible for a second, once per element per page view', async () => {
  await open();
  await page.evaluate(() => {
    window.startKit({ consent: true, events: { delayMs: 50 } });
    window.kit.observe(document.getElementById('top')!, window.item('top'));
    window.kit.observe(document.getElementById('below')!, window.item('below'));
  });
  await sleep(600);
  expect(eventIds()).toEqual([]);
  await until(eventIds, (ids) => ids.length === 1);
  expect(eventIds()).toEqual([['impression:top']]);

  // Scrolled to for half a second only: not seen.
  await page.evaluate(() => document.getElementById('below')!.scrollIntoView());
  await sleep(500);
  await page.evaluate(() => window.scrollTo(0, 0));
  await sleep(800);
  expect(eventIds()).toEqual([['impression:top']]);

  // Seen for a second: counted, once however often it comes back.
  await page.evaluate(() => document.getElementById('below')!.scrollIntoView());
  await until(eventIds, (ids) => ids.length === 2);
  for (const y of [0, 5000, 0, 5000]) {
    await page.evaluate((top) => window.scrollTo(0, top), y);
    await sleep(1200);
  }
  expect(eventIds()).toEqual([['impression:top'], ['impression:below']]);

  // A new page view (an SPA navigation): what is in view counts again.
  await page.evaluate(() => window.kit.page({ url: `${location.origin}/next` }));
  await until(eventIds, (ids) => ids.length === 3);
  expect(eventIds()[2]).toEqual(['impression:below']);
});

test('batching, then sendBeacon when the page goes: one text/plain batch with every waiting event', async () => {
  await open();
  await page.evaluate(() => {
    window.startKit({ consent: true, events: { delayMs: 60_000 } });
    for (const id of ['a', 'b', 'c']) window.kit.view(window.item(id));
    window.kit.click(window.item('a'));
  });
  await sleep(500);
  expect(received).toEqual([]);
  await page.goto('about:blank');
  const batches = await until(() => received, (r) => r.length > 0);
  expect(batches).toEqual([
    { contentType: 'text/plain;charset=UTF-8', events: ['a', 'b', 'c'].map((id) => expect.objectContaining({ type: 'impression', baseDocumentId: id })).concat(expect.objectContaining({ type: 'click' })) },
  ]);
});

test('a 503 is retried with the same event ids until it is taken', async () => {
  statuses = [503, 503];
  await open();
  await page.evaluate(() => {
    window.startKit({ consent: true, events: { delayMs: 50, backoffMs: 200 } });
    window.kit.view(window.item('a'));
  });
  const batches = await until(() => received, (r) => r.length === 3);
  expect(new Set(batches.map((b) => JSON.stringify(b.events.map((e) => e.id)))).size).toBe(1);
  await sleep(1500);
  expect(received).toHaveLength(3);
});

test('a batch refused with a 400 is not sent twice', async () => {
  statuses = [400];
  await open();
  await page.evaluate(() => {
    window.startKit({ consent: true, events: { delayMs: 50, backoffMs: 100 } });
    window.kit.view(window.item('a'));
  });
  await until(() => received, (r) => r.length > 0);
  await sleep(2000);
  expect(received).toHaveLength(1);
});

test('React: the server-rendered hero hydrates on the same answer, asks nothing, and counts its impression', async () => {
  await open('/hero');
  const errors: string[] = [];
  page.on('console', (message) => message.type() === 'error' && errors.push(message.text()));
  const before = await page.innerHTML('#root');
  expect(before).toBe('<section id="hero"><h1>Still comparing? Your car quote is saved</h1><a href="#quote">Resume my quote</a></section>');
  await page.evaluate(() => window.hydrateHero());
  const batches = await until(() => received, (r) => r.length > 0);
  expect(batches[0].events).toEqual([expect.objectContaining({ type: 'impression', servedDocumentId: 'hero-variant', segment: 'car-insurance' })]);
  expect([await page.innerHTML('#root'), contentReads, errors]).toEqual([before, 0, []]);
  // A click on the title is not a click on the hero's call to action; one on its link is.
  await page.click('#hero h1');
  await page.click('#hero a');
  await until(() => received, (r) => r.length > 1);
  await sleep(300);
  expect(received.flatMap((b) => b.events.map((e) => e.type))).toEqual(['impression', 'click']);
});
