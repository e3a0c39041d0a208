import fs from 'fs';
import path from 'path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { compilePlayground } from '../../bench/app';
import { freePort, startServer, type Server } from '../../bench/server';
import { WEBHOOK_EVENTS } from '../../shared/contracts/content-api';
import { ARTICLES, HERO_BANNERS, HOMEPAGE, OFFERS, TRAVEL_OFFER, TRAVEL_PRICE_CTA, variantFields } from '../../playground/src/seed/data';
import { decodeProfile } from '../../plugin/profile-cookie';
import { ADMIN, freshDatabaseFile } from '../integration/harness';
import { launchChromium, SHOTS } from './harness';
import { buildSite, siteBuildSeconds, startSite, type Site } from './site';

/**
 * The demo insurer's site (playground/web) in Debian's Chromium against `strapi start`, as a
 * visitor meets it: the variant is in the HTML the server sends (checked before any script runs),
 * two car articles make car insurance an interest, comparing offers moves the stage, a quote is a
 * conversion that the admin's analytics count; the demo experiment on the travel offer decides
 * before targeting; refusing consent keeps nothing; a publish shows on the next page load, without
 * a restart.
 */
const HOME = HERO_BANNERS.entries[0];
const CAR_OFFER = OFFERS.entries[0];
const [CAR_GUIDE, CAR_ACCIDENT] = ARTICLES.entries;
/** The home hero's headline for a visitor in `segment` at `stage` (the seeded variant). */
const homeHeadline = (segment: string, stage: string) => {
  const variant = HOME.variants!.find((v) => v.segments.includes(segment) && v.stage === stage)!;
  return String(variantFields(HERO_BANNERS, HOME, variant).headline);
};
const carOfferTitle = (segment: string, stage: string) => {
  const variant = CAR_OFFER.variants!.find((v) => v.segments.includes(segment) && v.stage === stage)!;
  return String(variantFields(OFFERS, CAR_OFFER, variant).title);
};

let server: Server;
let site: Site;
let browser: Browser;
let admin: Record<string, string>;
let databaseFile: string;
let secret: string;
const timings: Record<string, number> = {};

const api = async (route: string, init: RequestInit = {}, headers = admin) => {
  const res = await fetch(`${server.url}${route}`, { ...init, headers: { 'Content-Type': 'application/json', ...headers, ...(init.headers as object) } });
  const body = await res.json();
  if (!res.ok) throw new Error(`${init.method ?? 'GET'} ${route}: ${res.status} ${JSON.stringify(body)}`);
  return body.data;
};
let token: Record<string, string> | undefined;
/** A full-access API token, as a CMS integration would write with. */
const fullAccess = async () =>
  (token ??= { Authorization: `Bearer ${(await api('/admin/api-tokens', { method: 'POST', body: JSON.stringify({ name: `journey-${Date.now()}`, type: 'full-access', lifespan: null }) })).accessKey}` });
const shot = (page: Page, name: string) => page.screenshot({ path: path.join(SHOTS, `journey-${name}.png`) });
/** The page as the server sends it, with the visitor's cookies: what shows before any script runs. */
const serverHtml = async (context: BrowserContext, route = '/') => (await context.request.get(`${site.url}${route}`)).text();
const heroOf = (html: string) => html.match(/data-testid="hero"[^>]*>[\s\S]*?<h1>([^<]*)<\/h1>/)?.[1];
/** The home hero's base entry, named by the page. */
const heroBaseOf = (html: string) => html.match(/data-testid="hero" data-base="([^"]+)"/)![1];
/** Waits for the Next.js client to take over, so that clicks are the app's, not a full reload. */
const hydrated = (page: Page) => page.waitForFunction(() => 'next' in window && document.readyState === 'complete');
/** What the admin's analytics count per served entry of a base entry (GET /personalize/analytics). */
const countsOf = async (contentType: string, documentId: string) => {
  const report = await api(`/personalize/analytics?contentType=${contentType}&documentId=${documentId}`);
  return Object.fromEntries(report.variants.map((v: any) => [v.key, v.counts])) as Record<string, { impressions: number; clicks: number; conversions: Record<string, number> }>;
};
const until = async <T>(what: string, read: () => Promise<T>, holds: (value: T) => boolean, timeoutMs = 15_000): Promise<T> => {
  const deadline = Date.now() + timeoutMs;
  let value = await read();
  while (!holds(value)) {
    if (Date.now() > deadline) throw new Error(`${what}: still ${JSON.stringify(value)} after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 250));
    value = await read();
  }
  return value;
};

beforeAll(async () => {
  fs.mkdirSync(SHOTS, { recursive: true });
  buildSite();
  timings.siteBuild = siteBuildSeconds ?? 0;
  const started = Date.now();
  await compilePlayground();
  databaseFile = freshDatabaseFile();
  // As `npm run playground` does: Strapi learns the site's URL (its webhook to the site, where
  // preview links open) and shares the webhook's secret with it.
  const sitePort = await freePort();
  const siteEnv = { PLAYGROUND_SITE_URL: `http://127.0.0.1:${sitePort}`, PERSONALIZE_WEBHOOK_SECRET: `journey-${process.pid}-${Date.now()}` };
  Object.assign(process.env, siteEnv);
  try {
    server = await startServer(databaseFile);
  } finally {
    for (const name of Object.keys(siteEnv)) delete process.env[name];
  }
  site = await startSite(server.url, { port: sitePort, env: siteEnv });
  secret = siteEnv.PERSONALIZE_WEBHOOK_SECRET;
  timings.start = (Date.now() - started) / 1000;
  const login = await fetch(`${server.url}/admin/login`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(ADMIN) });
  admin = { Authorization: `Bearer ${(await login.json()).data.token}` };
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await site?.stop();
  await server?.stop();
  if (databaseFile) fs.rmSync(databaseFile, { force: true });
  console.log(`[journey] seconds: ${JSON.stringify(timings)}`);
});

describe('the site and Strapi', () => {
  it('are linked by a webhook of the plugin\'s change events, which the site takes only with its secret', async () => {
    const webhooks = await api('/admin/webhooks');
    const hook = webhooks.find((w: any) => w.url === `${site.url}/api/revalidate`);
    expect(hook).toMatchObject({ isEnabled: true, events: Object.values(WEBHOOK_EVENTS) });
    const post = (body: unknown, authorization = `Bearer ${secret}`) =>
      fetch(`${site.url}/api/revalidate`, { method: 'POST', headers: { 'Content-Type': 'application/json', authorization }, body: JSON.stringify(body) });
    expect((await post({ tags: ['personalize:segments'] }, 'Bearer nope')).status).toBe(401);
    const bad = await post({ tags: [42] });
    expect([bad.status, (await bad.json()).error]).toEqual([400, expect.stringMatching(/^tags\[0\]: /)]);
    expect(await (await post({ event: 'personalize.segments.changed', tags: ['personalize:segments'] })).json()).toEqual({
      event: 'personalize.segments.changed',
      revalidated: ['personalize:segments'],
    });
  });
});

describe('a visitor who refuses', () => {
  it('gets no cookie and no stored event', async () => {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    const sent: string[] = [];
    page.on('request', (request) => request.url().includes('/api/personalize/events') && sent.push(request.url()));
    const before = await api('/personalize/analytics/overview');
    await page.goto(site.url);
    await hydrated(page);
    await page.getByTestId('consent-refuse').click();
    await page.getByRole('link', { name: 'Guides' }).click();
    await page.getByRole('link', { name: String(CAR_GUIDE.data.title) }).click();
    await page.getByTestId('article').waitFor();
    await page.waitForTimeout(1500);
    await page.getByTestId('inspector-open').click();
    await expect(page.getByTestId('inspector-consent').textContent()).resolves.toMatch(/^no/);
    await shot(page, '00-refused');
    await page.close({ runBeforeUnload: true });
    expect(await context.cookies()).toEqual([]);
    expect(sent).toEqual([]);
    expect(await api('/personalize/analytics/overview')).toEqual(before);
    await context.close();
  });
});

describe('a visitor who accepts', () => {
  let context: BrowserContext;
  let page: Page;
  let homeHero: string;
  let carOffer: string;
  beforeAll(async () => {
    context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    page = await context.newPage();
    page.setDefaultTimeout(20_000);
  });
  afterAll(() => context.close());
  /** How many times the profile cookie holds `action`: the page's effect writes it once the page is shown. */
  const recorded = async (action: string) => decodeProfile((await context.cookies()).find((c) => c.name === 'pz_profile')?.value)?.actions[action]?.count ?? 0;

  it('sees the anonymous / orient hero in the HTML the server sends, before any script, and after consent', async () => {
    // Without JavaScript at all: what the server rendered is what shows.
    const noScript = await browser.newContext({ javaScriptEnabled: false });
    const bare = await noScript.newPage();
    await bare.goto(site.url);
    expect(await bare.locator('[data-testid=hero] h1').textContent()).toBe(homeHeadline('anonymous', 'orient'));
    await noScript.close();

    await page.goto(site.url);
    await hydrated(page);
    await shot(page, '01-first-visit');
    await page.getByTestId('consent-accept').click();
    await until('the profile cookie', () => context.cookies(), (cookies) => cookies.some((c) => c.name === 'pz_profile'));
    await page.getByTestId('consent').waitFor({ state: 'detached' });
    const html = await serverHtml(context);
    expect(heroOf(html)).toBe(homeHeadline('anonymous', 'orient'));
    homeHero = heroBaseOf(html);
    expect(await page.locator('[data-testid=hero] h1').textContent()).toBe(homeHeadline('anonymous', 'orient'));
    await page.waitForTimeout(1500); // the hero's impression: half visible for a second
  });

  it('reads two car-insurance articles: after the first nothing changes, after the second the home hero is the car-insurance one', async () => {
    const read = async (title: string) => {
      const before = await recorded('read');
      await page.getByRole('link', { name: 'Guides' }).click();
      await page.getByRole('link', { name: title }).click();
      await page.getByTestId('article').locator('h1', { hasText: title }).waitFor();
      await until('the read in the profile', () => recorded('read'), (count) => count > before);
      await page.waitForTimeout(1200);
    };
    await read(String(CAR_GUIDE.data.title));
    await page.getByRole('link', { name: 'Northwind Insurance, home' }).click();
    await page.locator('[data-testid=hero] h1').waitFor();
    expect(await page.locator('[data-testid=hero] h1').textContent()).toBe(homeHeadline('anonymous', 'orient'));

    await read(String(CAR_ACCIDENT.data.title));
    await shot(page, '02-second-car-article');
    await page.getByRole('link', { name: 'Northwind Insurance, home' }).click();
    await page.locator('[data-testid=hero] h1', { hasText: homeHeadline('car-insurance', 'orient') }).waitFor();
    expect(heroOf(await serverHtml(context))).toBe(homeHeadline('car-insurance', 'orient'));
    await page.getByTestId('inspector-open').click();
    await expect(page.getByTestId('inspector-interests').locator('li.strong', { hasText: 'car' }).count()).resolves.toBe(1);
    await expect(page.getByTestId('inspector-decisions').locator('li', { hasText: 'Home hero' }).getAttribute('data-reason')).resolves.toBe('SEGMENT_AND_STAGE');
    await shot(page, '03-car-hero-and-inspector');
    if (process.env.UPDATE_DOCS_SCREENSHOT) fs.copyFileSync(path.join(SHOTS, 'journey-03-car-hero-and-inspector.png'), path.resolve(__dirname, '../../docs/site-and-inspector.png'));
    await page.getByRole('button', { name: 'Close the inspector' }).click();
    await page.waitForTimeout(1200);
  });

  it('compares offers: the stage becomes inform, and the car offer and the hero follow; the travel offer is the demo experiment\'s', async () => {
    await page.getByRole('link', { name: 'Compare covers' }).click();
    await page.getByTestId('offer').first().waitFor();
    await until('the comparison in the profile', () => recorded('compare'), (count) => count > 0);
    await page.reload();
    await hydrated(page);
    await page.getByTestId('offer').filter({ hasText: carOfferTitle('car-insurance', 'inform') }).waitFor();
    await page.getByTestId('inspector-open').click();
    await expect(page.getByTestId('inspector-stage').textContent()).resolves.toMatch(/^inform \(journey step comparison\): compared offers/);
    // The demo experiment decides the travel offer before targeting, by the visitor's id: its arm
    // (or the hold-out) is in the inspector, and its call to action on the card.
    const travel = page.getByTestId('inspector-decisions').locator('li', { hasText: String(TRAVEL_OFFER.data.title) });
    const decided = [await travel.getAttribute('data-reason'), await travel.getAttribute('data-arm')];
    expect([['EXPERIMENT', 'base'], ['EXPERIMENT', 'price'], ['HOLDOUT', 'holdout']]).toContainEqual(decided);
    const cta = String((decided[1] === 'price' ? TRAVEL_PRICE_CTA : TRAVEL_OFFER).data.ctaLabel);
    await expect(page.getByTestId('offer').filter({ hasText: String(TRAVEL_OFFER.data.title) }).getByRole('link', { name: cta }).count()).resolves.toBe(1);
    await shot(page, '04-compared-offers');
    await page.getByRole('button', { name: 'Close the inspector' }).click();
    expect(heroOf(await serverHtml(context))).toBe(homeHeadline('car-insurance', 'inform'));
    await page.waitForTimeout(1200);
  });

  it('starts a quote and converts: the impressions and the conversion are in the admin analytics of that offer', async () => {
    const card = page.getByTestId('offer').filter({ hasText: carOfferTitle('car-insurance', 'inform') });
    await card.getByRole('link', { name: String(CAR_OFFER.data.ctaLabel) }).click();
    await page.getByTestId('quote-submit').waitFor();
    carOffer = new URL(page.url()).searchParams.get('offer')!;
    await page.waitForTimeout(1200);
    await page.getByTestId('quote-submit').click();
    await page.getByTestId('quote-result').waitFor();
    await page.getByTestId('inspector-open').click();
    await expect(page.getByTestId('inspector-stage-now').textContent()).resolves.toMatch(/^Now: reassure \(conversion\): started a conversion/);
    await shot(page, '05-quote-converted');

    const served = await until(
      'the quote in the analytics',
      () => countsOf(OFFERS.uid, carOffer),
      (counts) => Object.values(counts).some((c) => c.conversions.quote === 1)
    );
    const [variant, counts] = Object.entries(served).find(([, c]) => c.conversions.quote === 1)!;
    expect(variant).not.toBe(carOffer); // the car-insurance / inform variant was quoted
    expect(counts.impressions).toBeGreaterThanOrEqual(2); // on the compare page and the quote page
    // The hero's impressions, under each entry the visitor was served (the base, never seen, has none).
    const heroSeen = async () => {
      const report = await api(`/personalize/analytics?contentType=${HERO_BANNERS.uid}&documentId=${homeHero}`);
      return report.variants.filter((v: any) => v.counts.impressions >= 1).map((v: any) => v.label as string).sort();
    };
    const seenHeroes = [homeHeadline('anonymous', 'orient'), homeHeadline('car-insurance', 'orient')].sort();
    expect(await until('the hero impressions', heroSeen, (seen) => seenHeroes.every((h) => seen.includes(h)))).toEqual(seenHeroes);
  });

  it('an editor publishes a new variant for where the visitor now is: the site serves it on the next page load, without a restart', async () => {
    await page.getByRole('link', { name: 'Northwind Insurance, home' }).click();
    await page.locator('[data-testid=hero] h1').waitFor();
    // Read twice: the site now keeps this answer (tagged), so only the webhook can change it.
    for (let i = 0; i < 2; i++) expect(heroOf(await serverHtml(context))).toBe(String(HOME.data.headline)); // nothing targets car insurance at reassure yet
    const segments = await api('/personalize/segments');
    const carInsurance = segments.find((s: any) => s.slug === 'car-insurance').documentId;
    const headline = 'Questions about your car quote? Call us, 8am to 8pm';
    const published = Date.now();
    await api(
      '/api/hero-banners?status=published',
      { method: 'POST', body: JSON.stringify({ data: { ...HOME.data, headline, variantOf: homeHero, targetSegments: [carInsurance], targetStage: 'reassure' } }) },
      await fullAccess()
    );
    // The plugin's webhook (personalize.content.changed) revalidates the hero's tags on the site.
    await until('the new variant on the site', async () => heroOf(await serverHtml(context)), (h) => h === headline);
    timings.publishToSite = (Date.now() - published) / 1000;
    await page.reload();
    expect(await page.locator('[data-testid=hero] h1').textContent()).toBe(headline);
    await shot(page, '06-published-variant');
  });

  it('signs in: a known contact is a prospect, and the welcome says their quote is saved', async () => {
    await page.getByRole('link', { name: 'My account' }).click();
    await page.getByTestId('sign-in-contact').click();
    await page.getByTestId('sign-in-status').filter({ hasText: /^a known contact$/ }).waitFor();
    await page.getByRole('link', { name: 'Northwind Insurance, home' }).click();
    const saved = HOMEPAGE.entries[0].variants!.find((v) => v.segments.includes('prospect'))!;
    await page.getByTestId('welcome').locator('h2', { hasText: String(saved.data.title) }).waitFor();
    await shot(page, '07-signed-in');
  });
});

describe('an editor previewing', () => {
  it('opens a draft variant with a preview link: its holder sees it with a preview bar, nobody else does, and it counts nowhere', async () => {
    const home = heroBaseOf(await (await fetch(site.url)).text());
    const headline = 'Draft: summer campaign, your first month free';
    const draft = await api('/api/hero-banners', { method: 'POST', body: JSON.stringify({ data: { ...HOME.data, headline, variantOf: home } }) }, await fullAccess());
    const link = await api('/personalize/preview/token', {
      method: 'POST',
      body: JSON.stringify({ contentType: HERO_BANNERS.uid, documentId: draft.documentId, forceEntry: true, drafts: true }),
    });
    expect(link.url).toBe(`${site.url}/api/preview?${new URLSearchParams({ token: link.token, path: '/' })}`);

    const holder = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const page = await holder.newPage();
    const sent: string[] = [];
    page.on('request', (request) => request.url().includes('/api/personalize/events') && sent.push(request.url()));
    await page.goto(link.url);
    await page.getByTestId('preview-bar').waitFor();
    expect(await page.locator('[data-testid=hero] h1').textContent()).toBe(headline);
    expect(heroOf(await serverHtml(holder))).toBe(headline);
    await page.waitForTimeout(1500);
    await shot(page, '08-preview');

    const other = await browser.newContext();
    expect(heroOf(await serverHtml(other))).not.toBe(headline);
    expect(heroOf(await (await fetch(site.url)).text())).toBe(homeHeadline('anonymous', 'orient'));
    await other.close();
    const forged = await fetch(`${site.url}/api/preview?token=${encodeURIComponent(link.token.slice(0, -2) + 'xx')}&path=/`, { redirect: 'manual' });
    expect([forged.status, (await forged.json()).error]).toEqual([403, expect.stringMatching(/^preview: /)]);

    await page.getByTestId('preview-exit').click();
    await page.getByTestId('preview-bar').waitFor({ state: 'detached' });
    expect(await page.locator('[data-testid=hero] h1').textContent()).not.toBe(headline);
    expect(sent).toEqual([]);
    await holder.close();
  });
});
