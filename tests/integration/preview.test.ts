import crypto from 'crypto';
import { PERMISSIONS } from '../../shared/contracts/admin';
import { PREVIEW_HEADER } from '../../shared/contracts/content-api';
import { HERO_BANNERS, OFFERS } from '../../playground/src/seed/data';
import { adminWith as newAdmin, startApp, type TestApp } from './harness';

/**
 * Preview links end to end: who may mint one, what a token shows its holder over REST and
 * GraphQL (its audience, the drafts it allows, the entry it forces), what it never shows (drafts
 * of other entries or types, anything once expired, forged or altered), and that the public's
 * answers and cache keys stay as they were. Strapi's own Preview button mints the same links.
 */
let app: TestApp;
const OFFER = OFFERS.uid;
const BANNER = HERO_BANNERS.uid;
const ids: Record<string, string> = {};
const adminWith = (name: string, actions: string[], readTypes: string[] = []) => newAdmin(app, name, actions, readTypes);

const mint = (body: Record<string, unknown>, headers = app.admin) => app.http().post('/personalize/preview/token').set(headers).send(body);
const minted = async (body: Record<string, unknown>) => {
  const res = await mint(body);
  expect(res.status).toBe(200);
  return res.body.data.token as string;
};
const rest = (path: string, token?: string, query: Record<string, string> = {}) =>
  app.http().get(`/api/personalize/content/${path}`).query(query).set(token ? { [PREVIEW_HEADER]: token } : {});
const ONE = `query($id: ID!, $context: PersonalizationContextInput) {
  personalizedOffer(documentId: $id, context: $context) { entry { title } decision { servedDocumentId reason cacheKey } }
}`;
const graphql = (id: string, token?: string, context?: unknown) => app.gql(ONE, { id, context }, token ? { [PREVIEW_HEADER]: token } : {});

/** The token's parts: `p1.<grant>.<signature>`. */
const partsOf = (token: string) => {
  const [version, grant, signature] = token.split('.');
  return { version, grant: JSON.parse(Buffer.from(grant, 'base64url').toString()), signature };
};
const encode = (grant: unknown) => Buffer.from(JSON.stringify(grant)).toString('base64url');

beforeAll(async () => {
  app = await startApp();
  const offers = app.strapi.documents(OFFER);
  const segment = async (slug: string) => (await app.strapi.documents('plugin::personalize.segment').findFirst({ filters: { slug } })).documentId;
  const customer = await segment('customer');
  ids.base = (await offers.create({ data: { title: 'PV base' }, status: 'published' })).documentId;
  ids.published = (await offers.create({ data: { title: 'PV published for customers', variantOf: ids.base, targetSegments: [customer] }, status: 'published' })).documentId;
  // Never published: the best answer for customers at stage `help`, once drafts are shown.
  ids.draft = (await offers.create({ data: { title: 'PV draft for customers at help', variantOf: ids.base, targetSegments: [customer], targetStage: 'help' } })).documentId;
  ids.other = (await offers.create({ data: { title: 'PV other base' }, status: 'published' })).documentId;
  ids.otherDraft = (await offers.create({ data: { title: 'PV other draft', variantOf: ids.other } })).documentId;
  const banners = app.strapi.documents(BANNER);
  ids.banner = (await banners.create({ data: { headline: 'PV banner' }, status: 'published' })).documentId;
  ids.bannerDraft = (await banners.create({ data: { headline: 'PV banner draft', variantOf: ids.banner } })).documentId;
});
afterAll(async () => {
  await app?.stop();
});

describe('minting a preview link', () => {
  it('gives a signed token, what it grants, and the site URL with the entry page', async () => {
    const res = await mint({ contentType: OFFER, documentId: ids.draft, forceEntry: true, drafts: true });
    expect(res.status).toBe(200);
    const { token, grant, path, url } = res.body.data;
    expect(grant).toMatchObject({ contentType: OFFER, documentId: ids.base, servedDocumentId: ids.draft, drafts: true, locale: null, audience: {} });
    const minutes = (Date.parse(grant.expiresAt) - Date.now()) / 60_000;
    expect(minutes).toBeGreaterThan(29);
    expect(minutes).toBeLessThanOrEqual(30);
    expect(path).toBe(`/offers/${ids.base}`);
    const site = app.strapi.config.get('plugin::personalize.preview.siteUrl');
    expect(url).toBe(`${site}/api/preview?token=${encodeURIComponent(token)}&path=${encodeURIComponent(path)}`);
    expect(partsOf(token).grant).toEqual(grant);
  });

  it("needs the plugin's preview permission, or the Content Manager's read on the type", async () => {
    const previewer = await adminWith('previewer', [PERMISSIONS.readCoverage]);
    const bannerReader = await adminWith('banner-reader', [], [BANNER]);
    const analyst = await adminWith('analyst', [PERMISSIONS.readAnalytics]);
    expect((await mint({ contentType: OFFER, documentId: ids.base }, previewer)).status).toBe(200);
    expect((await mint({ contentType: BANNER, documentId: ids.banner }, bannerReader)).status).toBe(200);
    const refused = await mint({ contentType: OFFER, documentId: ids.base }, bannerReader);
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toContain('contentType');
    expect((await mint({ contentType: OFFER }, analyst)).status).toBe(403);
    // Content-API callers never reach an admin route.
    expect([401, 403]).toContain((await mint({ contentType: OFFER }, {})).status);
    expect([401, 403]).toContain((await mint({ contentType: OFFER }, app.fullAccess)).status);
  });

  it.each([
    ['contentType', () => ({ contentType: 'api::faq.faq' })],
    ['documentId', () => ({ contentType: OFFER, documentId: 'nope' })],
    ['documentId', () => ({ contentType: BANNER, documentId: ids.base })],
    ['forceEntry', () => ({ contentType: OFFER, forceEntry: true })],
    ['drafts', () => ({ contentType: OFFER, drafts: 'yes' })],
    ['audience.visitorId', () => ({ contentType: OFFER, audience: { visitorId: 'v-1' } })],
    ['audience.stage', () => ({ contentType: OFFER, audience: { stage: 'later' } })],
    ['audience', () => ({ contentType: OFFER, audience: { traits: { note: 'x'.repeat(500) }, interests: Array.from({ length: 50 }, (_, i) => `interest-${i}`.padEnd(60, 'x')) } })],
    ['expires', () => ({ contentType: OFFER, expires: '1h' })],
  ])('refuses a bad %s with a 400 naming it', async (field, body) => {
    const res = await mint(body());
    expect(res.status).toBe(400);
    expect(res.body.error.message.startsWith(`${field}:`)).toBe(true);
  });
});

describe('what a token shows its holder', () => {
  it('a forced draft variant, over REST (header or link parameter) and GraphQL, never cached', async () => {
    const token = await minted({ contentType: OFFER, documentId: ids.draft, forceEntry: true, drafts: true });
    for (const res of [await rest(`offers/${ids.base}`, token), await rest(`offers/${ids.base}`, undefined, { preview: token })]) {
      expect(res.status).toBe(200);
      expect(res.headers['cache-control']).toBe('private, no-store');
      expect(res.body.data.entry.title).toBe('PV draft for customers at help');
      expect(res.body.data.decision).toMatchObject({ servedDocumentId: ids.draft, reason: 'PREVIEW' });
      expect(res.body.data.decision.cacheKey.startsWith('preview:')).toBe(true);
    }
    const res = await graphql(ids.base, token);
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data.personalizedOffer).toMatchObject({ entry: { title: 'PV draft for customers at help' }, decision: { servedDocumentId: ids.draft, reason: 'PREVIEW' } });
  });

  it("its audience in place of the visitor's context, with the entry's drafts only when it says so", async () => {
    const audience = { segments: ['customer'], stage: 'help' };
    const withDrafts = await minted({ contentType: OFFER, documentId: ids.base, audience, drafts: true });
    const published = await minted({ contentType: OFFER, documentId: ids.base, audience });
    const visitor = { traits: { visits: 1 } };
    const drafts = (await graphql(ids.base, withDrafts, visitor)).body.data.personalizedOffer;
    expect(drafts).toMatchObject({ entry: { title: 'PV draft for customers at help' }, decision: { reason: 'SEGMENT_AND_STAGE' } });
    const live = (await graphql(ids.base, published, visitor)).body.data.personalizedOffer;
    expect(live).toMatchObject({ entry: { title: 'PV published for customers' }, decision: { reason: 'SEGMENT' } });
    expect(live.decision.cacheKey.startsWith('preview:')).toBe(true);
  });

  it('the whole type, when it previews a type: its lists in draft, other types published', async () => {
    const token = await minted({ contentType: OFFER, audience: { segments: ['customer'], stage: 'help' }, drafts: true });
    const list = await rest('offers', token, { 'pagination[pageSize]': '100' });
    expect(list.status).toBe(200);
    expect(list.body.data.map((item: any) => item.entry.title)).toContain('PV draft for customers at help');
    const banner = await rest(`hero-banners/${ids.banner}`, token);
    expect(banner.body.data.entry.headline).toBe('PV banner');
    expect((await rest(`hero-banners/${ids.banner}`, token, { status: 'draft' })).status).toBe(403);
  });
});

describe('what a token never shows', () => {
  it('drafts of another entry or another type, nor the forced entry elsewhere', async () => {
    const token = await minted({ contentType: OFFER, documentId: ids.draft, forceEntry: true, drafts: true });
    const other = await rest(`offers/${ids.other}`, token);
    expect(other.status).toBe(200);
    expect(other.body.data.entry.title).toBe('PV other base');
    expect(other.body.data.decision.reason).not.toBe('PREVIEW');
    for (const path of [`offers/${ids.other}`, `hero-banners/${ids.banner}`, 'offers']) {
      const res = await rest(path, token, { status: 'draft' });
      expect([path, res.status]).toEqual([path, 403]);
      expect(res.body.error.message).toMatch(/^preview: /);
    }
    // A list is not the previewed entry: published, the forced draft nowhere in it.
    const list = await rest('offers', token, { 'pagination[pageSize]': '100' });
    expect(list.body.data.map((item: any) => item.entry.title)).not.toContain('PV draft for customers at help');
    // Strapi's own routes know nothing of preview links.
    const core = await app.http().get(`/api/offers/${ids.draft}`).query({ status: 'draft' }).set(PREVIEW_HEADER, token);
    expect(core.status).toBe(403);
  });

  it('anything once expired: a 401 naming preview', async () => {
    const minutes = app.strapi.config.get('plugin::personalize.preview.expiresInMinutes');
    app.strapi.config.set('plugin::personalize.preview.expiresInMinutes', 0.001);
    const token = await minted({ contentType: OFFER, documentId: ids.draft, forceEntry: true, drafts: true }).finally(() =>
      app.strapi.config.set('plugin::personalize.preview.expiresInMinutes', minutes)
    );
    await new Promise((resolve) => setTimeout(resolve, 100));
    const res = await rest(`offers/${ids.base}`, token);
    expect(res.status).toBe(401);
    expect(res.body.error.message).toMatch(/^preview: this preview link expired/);
    expect(res.body.data).toBeNull();
    const gql = await graphql(ids.base, token);
    expect(gql.body.data?.personalizedOffer ?? null).toBeNull();
    expect(gql.body.errors[0].message).toMatch(/^preview: /);
  });

  it('anything when forged or altered: a 403 naming preview', async () => {
    const token = await minted({ contentType: OFFER, documentId: ids.base, drafts: false });
    const { version, grant, signature } = partsOf(token);
    const forged = `${version}.${encode(grant)}.${crypto.createHmac('sha256', 'not the secret').update(`${version}.${encode(grant)}`).digest('base64url')}`;
    const otherEntry = `${version}.${encode({ ...grant, documentId: ids.other, servedDocumentId: ids.otherDraft, drafts: true })}.${signature}`;
    const longer = `${version}.${encode({ ...grant, expiresAt: '2999-01-01T00:00:00.000Z' })}.${signature}`;
    for (const bad of [forged, otherEntry, longer, 'p1.e30.x', 'nonsense', `${token}x`]) {
      const res = await rest(`offers/${ids.other}`, bad);
      expect([bad.slice(0, 20), res.status]).toEqual([bad.slice(0, 20), 403]);
      expect(res.body.error.message).toMatch(/^preview: /);
      expect(res.body.data).toBeNull();
      const gql = await graphql(ids.other, bad);
      expect(gql.body.data?.personalizedOffer ?? null).toBeNull();
      expect(gql.body.errors[0].extensions.code).toBe('FORBIDDEN');
    }
  });

  it('anything to the public: the published answer, its own cache key, cacheable', async () => {
    const token = await minted({ contentType: OFFER, documentId: ids.draft, forceEntry: true, drafts: true });
    const previewed = (await rest(`offers/${ids.base}`, token, { segments: 'customer', stage: 'help' })).body.data.decision;
    const res = await rest(`offers/${ids.base}`, undefined, { segments: 'customer', stage: 'help' });
    expect(res.status).toBe(200);
    expect(res.headers['cache-control']).toBeUndefined();
    expect(res.body.data.entry.title).toBe('PV published for customers');
    expect(res.body.data.decision.cacheKey).not.toBe(previewed.cacheKey);
    expect(res.body.data.decision.cacheKey.startsWith('v1:')).toBe(true);
    // Drafts stay refused to the public, token or not.
    expect((await rest(`offers/${ids.base}`, undefined, { status: 'draft' })).status).toBe(403);
  });
});

describe('the site reads back what a token grants', () => {
  it('GET /api/personalize/preview: the grant, or 400 without a token, 401 expired, 403 forged', async () => {
    const token = await minted({ contentType: OFFER, documentId: ids.draft, forceEntry: true, drafts: true, audience: { stage: 'inform' } });
    const res = await app.http().get('/api/personalize/preview').set(PREVIEW_HEADER, token);
    expect(res.status).toBe(200);
    expect(res.headers['cache-control']).toBe('private, no-store');
    expect(res.body.data).toEqual(partsOf(token).grant);
    expect((await app.http().get('/api/personalize/preview').query({ preview: token })).body.data.servedDocumentId).toBe(ids.draft);
    const missing = await app.http().get('/api/personalize/preview');
    expect(missing.status).toBe(400);
    expect(missing.body.error.message).toMatch(/^preview: /);
    expect((await app.http().get('/api/personalize/preview').set(PREVIEW_HEADER, `${token}x`)).status).toBe(403);
  });
});

describe("Strapi's Preview button", () => {
  it("opens the site with a link to the document's draft, as a first visit sees it", async () => {
    const res = await app.http().get(`/content-manager/preview/url/${OFFER}`).query({ documentId: ids.draft, status: 'draft' }).set(app.admin);
    expect(res.status).toBe(200);
    const url = new URL(res.body.data.url);
    expect(url.pathname).toBe('/api/preview');
    expect(url.searchParams.get('path')).toBe(`/offers/${ids.base}`);
    const shown = await rest(`offers/${ids.base}`, url.searchParams.get('token')!);
    expect(shown.body.data.decision).toMatchObject({ servedDocumentId: ids.draft, reason: 'PREVIEW' });
  });

  it('is refused to an admin who may not read the type', async () => {
    const bannerReader = await adminWith('button-reader', [], [BANNER]);
    const res = await app.http().get(`/content-manager/preview/url/${OFFER}`).query({ documentId: ids.draft, status: 'draft' }).set(bannerReader);
    expect(res.body.data?.url).toBeUndefined();
  });
});
