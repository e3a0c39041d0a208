import type request from 'supertest';
import { startApp, type TestApp } from './harness';

/**
 * Who may call what: every content-API route and query of the plugin against five kinds of
 * callers (plus a forged token), drafts, and the private fields of segments. The expected outcome
 * of each (route x caller) is written out below; the admin API must refuse every content-API caller.
 */
let app: TestApp;

const OFFER = 'api::offer.offer';
const BANNER = 'api::hero-banner.hero-banner';
const HOME = 'api::homepage.homepage';
const SEGMENT = 'plugin::personalize.segment';
const TAG = 'plugin::personalize.tag';

// ---- Callers ------------------------------------------------------------------------------------

const CALLERS = ['public', 'authenticated', 'readOnly', 'fullAccess', 'offersOnly', 'forgedToken'] as const;
type Caller = (typeof CALLERS)[number];
const headers = {} as Record<Caller, Record<string, string>>;

// ---- Fixtures -----------------------------------------------------------------------------------

const SECRET_RULE_VALUE = 'sec-rule-value-q9z7';
const SECRET_REACH = 42.25;
const DRAFT_CONTEXT = { segments: ['security-secret'], stage: 'help' };
const ids = {
  secretSegment: '',
  carTag: '',
  base: '',
  publishedVariant: '',
  draftVariant: '',
  banner: '',
  home: '',
  homeDraftVariant: '',
};

/** Every content-API response of this file, to look for private fields at the end. */
const seen: Array<{ what: string; text: string }> = [];
const record = (what: string, res: request.Response) => {
  seen.push({ what, text: res.text ?? '' });
  return res;
};

const gql = async (what: string, query: string, variables: Record<string, unknown>, caller: Caller) =>
  record(`${caller} ${what}`, await app.gql(query, variables, headers[caller]));
const get = async (path: string, caller: Caller, query: Record<string, unknown> = {}) =>
  record(`${caller} GET ${path}`, await app.http().get(path).query(query).set(headers[caller]));

// ---- Outcomes -----------------------------------------------------------------------------------

type Outcome = 'ok' | 'forbidden' | 'unauthorized';

/** What a caller got: served (2xx with data), refused for lack of permission (403), or not authenticated (401). */
const outcomeOf = (res: request.Response, field?: string): string => {
  expect(res.status).toBeLessThan(500);
  if (res.status === 401) return 'unauthorized';
  if (res.status === 403) return 'forbidden';
  if (field) {
    // GraphQL answers 200 with the refusal in `errors`.
    const code = res.body?.errors?.[0]?.extensions?.code;
    if (code === 'FORBIDDEN') return 'forbidden';
    if (code === 'UNAUTHENTICATED') return 'unauthorized';
    if (res.status === 200 && !res.body.errors && res.body.data?.[field] != null) return 'ok';
    return `unexpected ${res.status} ${res.text.slice(0, 300)}`;
  }
  if (res.status >= 200 && res.status < 300 && res.body?.data != null) return 'ok';
  return `unexpected ${res.status} ${res.text.slice(0, 300)}`;
};

interface Route {
  name: string;
  call: (caller: Caller) => Promise<string>;
}

const gqlRoute = (name: string, field: string, query: string, variables: () => Record<string, unknown> = () => ({})): Route => ({
  name,
  call: async (caller) => outcomeOf(await gql(name, query, variables(), caller), field),
});
const restRoute = (name: string, path: () => string, query: () => Record<string, unknown> = () => ({})): Route => ({
  name,
  call: async (caller) => outcomeOf(await get(path(), caller, query())),
});

/** A valid-looking batch without consent: a caller allowed to send it gets 202, and nothing is stored. */
const eventsWithoutConsent = () => ({
  consent: false,
  events: [{ id: `sec-${Date.now()}-${Math.random().toString(36).slice(2)}`, type: 'impression', contentType: OFFER, baseDocumentId: ids.base, servedDocumentId: ids.base }],
});

const ROUTES: Route[] = [
  gqlRoute('GraphQL personalizedOffer', 'personalizedOffer', 'query($id: ID!) { personalizedOffer(documentId: $id) { entry { documentId title } decision { reason servedDocumentId } } }', () => ({ id: ids.base })),
  gqlRoute('GraphQL personalizedOffers', 'personalizedOffers', '{ personalizedOffers { entry { documentId title } decision { reason } } }'),
  gqlRoute('GraphQL personalizedHeroBanner', 'personalizedHeroBanner', 'query($id: ID!) { personalizedHeroBanner(documentId: $id) { entry { headline } decision { reason } } }', () => ({ id: ids.banner })),
  gqlRoute('GraphQL personalizedHeroBanners', 'personalizedHeroBanners', '{ personalizedHeroBanners { entry { headline } decision { reason } } }'),
  gqlRoute('GraphQL personalizedHomepage', 'personalizedHomepage', '{ personalizedHomepage { entry { title } decision { reason } } }'),
  gqlRoute('GraphQL relatedContent', 'relatedContent', 'query($id: ID) { relatedContent(documentId: $id, limit: 5) { documentId contentType score entry { __typename } decision { reason } } }', () => ({ id: ids.base })),
  gqlRoute('GraphQL personalizeSegments', 'personalizeSegments', '{ personalizeSegments { documentId slug name kind priority } }'),
  gqlRoute('GraphQL personalizeSegment', 'personalizeSegment', 'query($id: ID!) { personalizeSegment(documentId: $id) { slug } }', () => ({ id: ids.secretSegment })),
  gqlRoute('GraphQL personalizeTags', 'personalizeTags', '{ personalizeTags { slug } }'),
  restRoute('GET /api/personalize/content/offers', () => '/api/personalize/content/offers'),
  restRoute('GET /api/personalize/content/offers/:documentId', () => `/api/personalize/content/offers/${ids.base}`),
  restRoute('GET /api/personalize/content/hero-banners', () => '/api/personalize/content/hero-banners'),
  restRoute('GET /api/personalize/content/hero-banners/:documentId', () => `/api/personalize/content/hero-banners/${ids.banner}`),
  restRoute('GET /api/personalize/content/homepage', () => '/api/personalize/content/homepage'),
  restRoute('GET /api/personalize/related', () => '/api/personalize/related', () => ({ documentId: ids.base, limit: '5' })),
  restRoute('GET /api/personalize/segments', () => '/api/personalize/segments'),
  restRoute('GET /api/personalize/segments/:id', () => `/api/personalize/segments/${ids.secretSegment}`),
  restRoute('GET /api/personalize/tags', () => '/api/personalize/tags'),
  restRoute('GET /api/personalize/tags/:id', () => `/api/personalize/tags/${ids.carTag}`),
  {
    name: 'POST /api/personalize/events',
    call: async (caller) => {
      const res = record(`${caller} POST events`, await app.http().post('/api/personalize/events').set(headers[caller]).send(eventsWithoutConsent()));
      const outcome = outcomeOf(res);
      if (outcome === 'ok') expect([res.status, res.body.data.accepted]).toEqual([202, 0]);
      return outcome;
    },
  },
];

/*
 * The expected outcome of each (route x caller), deduced from how Strapi decides:
 * - public: the Public role's users-permissions grants. The playground seed gives it find/findOne on
 *   the demo types, segments and tags, `plugin::personalize.related.find` and `events.create`; not
 *   the experiments. A personalized query needs exactly the core permission of its type.
 * - authenticated: a users-permissions JWT of the Authenticated role, which the seed grants nothing.
 * - readOnly: a read-only API token passes any scope ending in `find` or `findOne`, which includes
 *   `related.find` and the plugin's own types (experiments too), but never `events.create`.
 * - fullAccess: passes every scope.
 * - offersOnly: a custom token with only `api::offer.offer.find` and `findOne`: related content needs
 *   its own `related.find` first, so it is refused even though offers could be recommended.
 * - forgedToken: a Bearer that is neither an API token nor a JWT: 401 everywhere.
 */
const O = 'ok' as const;
const F = 'forbidden' as const;
const U = 'unauthorized' as const;
//                                                           public  authenticated  readOnly  fullAccess  offersOnly  forgedToken
const MATRIX: Record<string, [Outcome, Outcome, Outcome, Outcome, Outcome, Outcome]> = {
  'GraphQL personalizedOffer':                              [O,      F,             O,        O,          O,          U],
  'GraphQL personalizedOffers':                             [O,      F,             O,        O,          O,          U],
  'GraphQL personalizedHeroBanner':                         [O,      F,             O,        O,          F,          U],
  'GraphQL personalizedHeroBanners':                        [O,      F,             O,        O,          F,          U],
  'GraphQL personalizedHomepage':                           [O,      F,             O,        O,          F,          U],
  'GraphQL relatedContent':                                 [O,      F,             O,        O,          F,          U],
  'GraphQL personalizeSegments':                            [O,      F,             O,        O,          F,          U],
  'GraphQL personalizeSegment':                             [O,      F,             O,        O,          F,          U],
  'GraphQL personalizeTags':                                [O,      F,             O,        O,          F,          U],
  'GET /api/personalize/content/offers':                    [O,      F,             O,        O,          O,          U],
  'GET /api/personalize/content/offers/:documentId':        [O,      F,             O,        O,          O,          U],
  'GET /api/personalize/content/hero-banners':              [O,      F,             O,        O,          F,          U],
  'GET /api/personalize/content/hero-banners/:documentId':  [O,      F,             O,        O,          F,          U],
  'GET /api/personalize/content/homepage':                  [O,      F,             O,        O,          F,          U],
  'GET /api/personalize/related':                           [O,      F,             O,        O,          F,          U],
  'GET /api/personalize/segments':                          [O,      F,             O,        O,          F,          U],
  'GET /api/personalize/segments/:id':                      [O,      F,             O,        O,          F,          U],
  'GET /api/personalize/tags':                              [O,      F,             O,        O,          F,          U],
  'GET /api/personalize/tags/:id':                          [O,      F,             O,        O,          F,          U],
  'POST /api/personalize/events':                           [O,      F,             F,        O,          F,          U],
};

/** Every admin route of the plugin: none may be reached with a content-API credential. */
const ADMIN_ROUTES: Array<{ method: 'get' | 'post' | 'put' | 'delete'; path: () => string; body?: () => unknown }> = [
  { method: 'get', path: () => '/personalize/settings' },
  { method: 'put', path: () => '/personalize/settings', body: () => ({ enabled: false }) },
  { method: 'get', path: () => '/personalize/targeting/export' },
  { method: 'post', path: () => '/personalize/targeting/import', body: () => ({ segments: [], tags: [], entries: [] }) },
  { method: 'get', path: () => '/personalize/content-types' },
  { method: 'get', path: () => `/personalize/coverage?contentType=${OFFER}` },
  { method: 'get', path: () => `/personalize/coverage/gaps?contentType=${OFFER}&segment=customer&stage=help` },
  { method: 'get', path: () => '/personalize/watch-list' },
  { method: 'post', path: () => '/personalize/preview/token', body: () => ({ contentType: OFFER, documentId: ids.draftVariant, forceEntry: true, drafts: true }) },
  { method: 'get', path: () => '/personalize/preview/site' },
  { method: 'get', path: () => '/personalize/webhooks' },
  { method: 'put', path: () => '/personalize/webhooks/1', body: () => ({ events: [] }) },
  { method: 'post', path: () => '/personalize/preview', body: () => ({ contentType: OFFER, context: DRAFT_CONTEXT, status: 'draft' }) },
  { method: 'get', path: () => `/personalize/variants?contentType=${OFFER}&documentId=${ids.base}` },
  { method: 'post', path: () => '/personalize/variants', body: () => ({ contentType: OFFER, baseDocumentId: ids.base, segments: [], stage: null }) },
  { method: 'get', path: () => `/personalize/roles?contentType=${OFFER}` },
  { method: 'get', path: () => '/personalize/segments' },
  { method: 'post', path: () => '/personalize/segments', body: () => ({ name: 'Intruder', kind: 'custom', priority: 1, rules: {} }) },
  { method: 'put', path: () => `/personalize/segments/${ids.secretSegment}`, body: () => ({ priority: 99 }) },
  { method: 'delete', path: () => `/personalize/segments/${ids.secretSegment}` },
  { method: 'post', path: () => '/personalize/segments/test-rule', body: () => ({ rules: {}, traits: {} }) },
  { method: 'get', path: () => `/personalize/analytics?contentType=${OFFER}&documentId=${ids.base}` },
  { method: 'get', path: () => '/personalize/analytics/overview' },
  { method: 'get', path: () => '/personalize/experiments' },
  { method: 'post', path: () => '/personalize/experiments', body: () => ({ name: 'Intruder', contentType: OFFER, baseDocumentId: ids.base, arms: [] }) },
  { method: 'put', path: () => '/personalize/experiments/whatever', body: () => ({ active: false }) },
  { method: 'delete', path: () => '/personalize/experiments/whatever' },
  ...['pin', 'unpin', 'pause', 'resume', 'stop', 'promote', 'allocate'].map((control) => ({
    method: 'post' as const,
    path: () => `/personalize/experiments/whatever/${control}`,
    body: () => ({ arm: 'a' }),
  })),
  { method: 'get', path: () => '/personalize/experiments/whatever/allocations' },
  { method: 'get', path: () => '/personalize/alerts' },
  { method: 'post', path: () => '/personalize/alerts/check' },
];

// ---- Set-up -------------------------------------------------------------------------------------

/** Gives a users-permissions role `actions` for the time of `check`, then takes them back. */
const withRolePermissions = async (type: string, actions: string[], check: () => Promise<void>) => {
  const role = await app.strapi.db.query('plugin::users-permissions.role').findOne({ where: { type } });
  const permissions = app.strapi.db.query('plugin::users-permissions.permission');
  const created = [];
  for (const action of actions) created.push(await permissions.create({ data: { action, role: role.id } }));
  try {
    await check();
  } finally {
    for (const { id } of created) await permissions.delete({ where: { id } });
  }
};
/** What the Public role has, for the Authenticated role, to show that drafts stay refused with every grant. */
const READ_GRANTS = [
  `${OFFER}.find`,
  `${OFFER}.findOne`,
  `${BANNER}.find`,
  `${BANNER}.findOne`,
  `${HOME}.find`,
  'api::article.article.find',
  'api::testimonial.testimonial.find',
  'plugin::personalize.related.find',
];

beforeAll(async () => {
  app = await startApp();
  const tokens = app.strapi.service('admin::api-token');
  const stamp = Date.now();
  const readOnly = await tokens.create({ name: `sec-read-only-${stamp}`, type: 'read-only', lifespan: null });
  const offersOnly = await tokens.create({
    name: `sec-offers-only-${stamp}`,
    type: 'custom',
    lifespan: null,
    permissions: [`${OFFER}.find`, `${OFFER}.findOne`],
  });

  const authenticated = await app.strapi.db.query('plugin::users-permissions.role').findOne({ where: { type: 'authenticated' } });
  await app.strapi.plugin('users-permissions').service('user').add({
    username: 'security-visitor',
    email: 'security-visitor@example.com',
    password: 'Visitor1234!',
    provider: 'local',
    confirmed: true,
    blocked: false,
    role: authenticated.id,
  });
  const login = await app.http().post('/api/auth/local').send({ identifier: 'security-visitor@example.com', password: 'Visitor1234!' });
  expect(login.status).toBe(200);

  Object.assign(headers, {
    public: {},
    authenticated: { Authorization: `Bearer ${login.body.jwt}` },
    readOnly: { Authorization: `Bearer ${readOnly.accessKey}` },
    fullAccess: app.fullAccess,
    offersOnly: { Authorization: `Bearer ${offersOnly.accessKey}` },
    forgedToken: { Authorization: `Bearer ${'f'.repeat(64)}` },
  });

  // A segment with private fields to look for: its rule names a value no response may carry.
  const segment = await app.http().post('/personalize/segments').set(app.admin).send({
    name: 'Security secret',
    kind: 'custom',
    priority: 5,
    estimatedReach: SECRET_REACH,
    rules: { traits: { secMarker: { $eq: SECRET_RULE_VALUE } } },
  });
  expect(segment.status).toBe(200);
  expect(segment.body.data.slug).toBe('security-secret');
  ids.secretSegment = segment.body.data.documentId;
  ids.carTag = (await app.strapi.documents(TAG).findFirst({ filters: { slug: 'car' } })).documentId;

  // A published base with a published variant for the secret segment, and a draft-only variant
  // (never published) that would win for the secret segment at stage `help`.
  const offers = app.strapi.documents(OFFER);
  ids.base = (await offers.create({ data: { title: 'SEC base', contentTags: [ids.carTag] } })).documentId;
  await offers.publish({ documentId: ids.base });
  ids.publishedVariant = (
    await offers.create({ data: { title: 'SEC published variant', variantOf: ids.base, targetSegments: [ids.secretSegment], contentTags: [ids.carTag] } })
  ).documentId;
  await offers.publish({ documentId: ids.publishedVariant });
  ids.draftVariant = (
    await offers.create({
      data: { title: 'SEC draft-only variant', variantOf: ids.base, targetSegments: [ids.secretSegment], targetStage: 'help', contentTags: [ids.carTag] },
    })
  ).documentId;

  const bases = { variantOf: { documentId: { $null: true } } };
  ids.banner = (await app.strapi.documents(BANNER).findFirst({ filters: bases, status: 'published' })).documentId;
  ids.home = (await app.strapi.documents(HOME).findFirst({ status: 'published' })).documentId;
  ids.homeDraftVariant = (
    await app.strapi.documents(HOME).create({
      data: { title: 'SEC draft-only homepage variant', variantOf: ids.home, targetSegments: [ids.secretSegment], targetStage: 'help' },
    })
  ).documentId;
});
afterAll(async () => {
  await app?.stop();
});

// ---- The matrix ---------------------------------------------------------------------------------

describe('the permission matrix of the content API', () => {
  it('lists every route once', () => {
    expect(ROUTES.map((r) => r.name).sort()).toEqual(Object.keys(MATRIX).sort());
  });

  it.each(ROUTES.map((route) => [route.name, route] as const))('%s', async (_name, route) => {
    const expected = Object.fromEntries(CALLERS.map((caller, i) => [caller, MATRIX[route.name][i]]));
    const actual: Record<string, string> = {};
    for (const caller of CALLERS) actual[caller] = await route.call(caller);
    expect(actual).toEqual(expected);
  });
});

describe('the admin API', () => {
  it('refuses every content-API caller on every admin route, and nothing changes', async () => {
    for (const route of ADMIN_ROUTES) {
      for (const caller of CALLERS) {
        const req = app.http()[route.method](route.path()).set(headers[caller]);
        const res = record(`${caller} admin ${route.method} ${route.path()}`, await (route.body ? req.send(route.body() as object) : req));
        const refused = res.status === 401 || res.status === 403 ? 'refused' : res.status;
        expect([caller, route.method, route.path(), refused]).toEqual([caller, route.method, route.path(), 'refused']);
        expect(res.body?.data ?? null).toBeNull();
      }
    }
    // The refused writes did not happen.
    const settings = await app.http().get('/personalize/settings').set(app.admin);
    expect(settings.status).toBe(200);
    expect(settings.body.data.enabled).toBe(true);
    const segments = await app.http().get('/personalize/segments').set(app.admin);
    const secret = segments.body.data.find((s: any) => s.slug === 'security-secret');
    expect(secret).toMatchObject({ priority: 5, documentId: ids.secretSegment });
    expect(segments.body.data.find((s: any) => s.name === 'Intruder')).toBeUndefined();
    const experiments = await app.http().get('/personalize/experiments').set(app.admin);
    expect(experiments.status).toBe(200);
    expect(JSON.stringify(experiments.body)).not.toContain('Intruder');
  });
});

describe('what a caller reads through the plugin is what the core API lets it read', () => {
  let offersAndRelated: Record<string, string>;
  beforeAll(async () => {
    const token = await app.strapi.service('admin::api-token').create({
      name: `sec-offers-related-${Date.now()}`,
      type: 'custom',
      lifespan: null,
      permissions: [`${OFFER}.find`, `${OFFER}.findOne`, 'plugin::personalize.related.find'],
    });
    offersAndRelated = { Authorization: `Bearer ${token.accessKey}` };
  });

  it('drops relations to types the caller may not find, as the core REST API does', async () => {
    const core = record('offersOnly core populate', await app.http().get(`/api/offers/${ids.base}`).query({ populate: '*' }).set(headers.offersOnly));
    const plugin = await get(`/api/personalize/content/offers/${ids.base}`, 'offersOnly', { populate: '*' });
    expect([core.status, plugin.status]).toEqual([200, 200]);
    expect(plugin.body.data.entry.documentId).toBe(ids.base);
    expect(Object.keys(plugin.body.data.entry).sort()).toEqual(Object.keys(core.body.data).sort());
    expect(plugin.body.data.entry).not.toHaveProperty('targetSegments');
    expect(plugin.body.data.entry).not.toHaveProperty('contentTags');
    // The variant served for the secret segment: the same rule.
    const served = await get(`/api/personalize/content/offers/${ids.base}`, 'offersOnly', { populate: '*', segments: 'security-secret' });
    expect(served.body.data.entry.documentId).toBe(ids.publishedVariant);
    expect(served.body.data.entry).not.toHaveProperty('targetSegments');
  });

  it('refuses nested relations to types the caller may not find, as the core GraphQL query does', async () => {
    const nested = '{ targetSegments { slug } }';
    const core = record('offersOnly core nested', await app.gql(`query($id: ID!) { offer(documentId: $id) ${nested} }`, { id: ids.base }, headers.offersOnly));
    const plugin = await gql('nested', `query($id: ID!) { personalizedOffer(documentId: $id) { entry ${nested} } }`, { id: ids.base }, 'offersOnly');
    expect(core.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(plugin.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('recommends only entries of the types the caller may find', async () => {
    const RELATED_TYPES = 'query($types: [String!]) { relatedContent(tags: ["car"], types: $types, limit: 20) { contentType documentId } }';
    const all = record('offersAndRelated related', await app.gql(RELATED_TYPES, {}, offersAndRelated));
    expect(all.body.errors).toBeUndefined();
    expect(all.body.data.relatedContent.length).toBeGreaterThan(0);
    expect(new Set(all.body.data.relatedContent.map((i: any) => i.contentType))).toEqual(new Set([OFFER]));
    const rest = record('offersAndRelated REST related', await app.http().get('/api/personalize/related').query({ tags: 'car', limit: '20' }).set(offersAndRelated));
    expect(rest.status).toBe(200);
    expect(new Set(rest.body.data.map((i: any) => i.contentType))).toEqual(new Set([OFFER]));
    // The full-access token sees other types for the same tag: the filter is the permission.
    const full = await gql('related', RELATED_TYPES, {}, 'fullAccess');
    expect(new Set(full.body.data.relatedContent.map((i: any) => i.contentType)).size).toBeGreaterThan(1);
    const articles = record('offersAndRelated related articles', await app.gql(RELATED_TYPES, { types: ['api::article.article'] }, offersAndRelated));
    expect(articles.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    // An entry of a type it may not read is not a source either.
    const banner = record('offersAndRelated related banner', await app.gql('query($id: ID) { relatedContent(documentId: $id) { documentId } }', { id: ids.banner }, offersAndRelated));
    expect(banner.body.errors?.[0]?.extensions?.code).toBe('STRAPI_NOT_FOUND_ERROR');
  });
});

// ---- Drafts -------------------------------------------------------------------------------------

const ONE = `query($id: ID!, $context: PersonalizationContextInput, $status: PublicationStatus) {
  personalizedOffer(documentId: $id, context: $context, status: $status) {
    entry { documentId title } decision { servedDocumentId reason isVariant }
  }
}`;
const LIST = `query($context: PersonalizationContextInput, $status: PublicationStatus) {
  personalizedOffers(context: $context, status: $status, filters: { title: { eq: "SEC base" } }) {
    entry { documentId title } decision { baseDocumentId servedDocumentId reason }
  }
}`;
const BANNER_ONE = `query($id: ID!, $status: PublicationStatus) {
  personalizedHeroBanner(documentId: $id, status: $status) { entry { headline } decision { reason } }
}`;
const HOMEPAGE = `query($context: PersonalizationContextInput, $status: PublicationStatus) {
  personalizedHomepage(context: $context, status: $status) { entry { documentId title } decision { servedDocumentId reason } }
}`;
const RELATED = `query($tags: [String!], $context: PersonalizationContextInput, $status: PublicationStatus) {
  relatedContent(tags: $tags, context: $context, status: $status, limit: 20) {
    documentId contentType entry { __typename ... on Offer { documentId title } } decision { servedDocumentId }
  }
}`;

/** Each personalized query asked for drafts, over GraphQL and REST. */
const DRAFT_ROUTES: Route[] = [
  gqlRoute('GraphQL personalizedOffer', 'personalizedOffer', ONE, () => ({ id: ids.base, context: DRAFT_CONTEXT, status: 'DRAFT' })),
  gqlRoute('GraphQL personalizedOffers', 'personalizedOffers', LIST, () => ({ context: DRAFT_CONTEXT, status: 'DRAFT' })),
  gqlRoute('GraphQL personalizedHeroBanner', 'personalizedHeroBanner', BANNER_ONE, () => ({ id: ids.banner, status: 'DRAFT' })),
  gqlRoute('GraphQL personalizedHomepage', 'personalizedHomepage', HOMEPAGE, () => ({ context: DRAFT_CONTEXT, status: 'DRAFT' })),
  gqlRoute('GraphQL relatedContent', 'relatedContent', RELATED, () => ({ tags: ['car'], context: DRAFT_CONTEXT, status: 'DRAFT' })),
  restRoute('REST offers/:documentId', () => `/api/personalize/content/offers/${ids.base}`, () => ({ ...restContext(), status: 'draft' })),
  restRoute('REST offers', () => '/api/personalize/content/offers', () => ({ ...restContext(), status: 'draft' })),
  restRoute('REST hero-banners/:documentId', () => `/api/personalize/content/hero-banners/${ids.banner}`, () => ({ status: 'draft' })),
  restRoute('REST homepage', () => '/api/personalize/content/homepage', () => ({ ...restContext(), status: 'draft' })),
  restRoute('REST related', () => '/api/personalize/related', () => ({ tags: 'car', ...restContext(), status: 'draft', limit: '20' })),
];
const restContext = () => ({ segments: DRAFT_CONTEXT.segments.join(','), stage: DRAFT_CONTEXT.stage });

/*
 * `status: DRAFT`: refused to the public role and to signed-in users even with every read grant
 * (the authenticated column runs with the Public role's read grants), served to API tokens that may
 * read the type (the custom token reads offers only; related content needs `related.find`).
 */
//                                                      public  authenticated  readOnly  fullAccess  offersOnly  forgedToken
const DRAFT_MATRIX: Record<string, [Outcome, Outcome, Outcome, Outcome, Outcome, Outcome]> = {
  'GraphQL personalizedOffer':                         [F,      F,             O,        O,          O,          U],
  'GraphQL personalizedOffers':                        [F,      F,             O,        O,          O,          U],
  'GraphQL personalizedHeroBanner':                    [F,      F,             O,        O,          F,          U],
  'GraphQL personalizedHomepage':                      [F,      F,             O,        O,          F,          U],
  'GraphQL relatedContent':                            [F,      F,             O,        O,          F,          U],
  'REST offers/:documentId':                           [F,      F,             O,        O,          O,          U],
  'REST offers':                                       [F,      F,             O,        O,          O,          U],
  'REST hero-banners/:documentId':                     [F,      F,             O,        O,          F,          U],
  'REST homepage':                                     [F,      F,             O,        O,          F,          U],
  'REST related':                                      [F,      F,             O,        O,          F,          U],
};

/** Callers that may read offers, once the Authenticated role has the read grants. */
const READERS: Caller[] = ['public', 'authenticated', 'readOnly', 'fullAccess', 'offersOnly'];

describe('drafts', () => {
  it('asked for with status DRAFT: refused to end users, served to API tokens that may read the type', async () => {
    await withRolePermissions('authenticated', READ_GRANTS, async () => {
      for (const route of DRAFT_ROUTES) {
        const expected = Object.fromEntries(CALLERS.map((caller, i) => [caller, DRAFT_MATRIX[route.name][i]]));
        const actual: Record<string, string> = {};
        for (const caller of CALLERS) actual[caller] = await route.call(caller);
        expect([route.name, actual]).toEqual([route.name, expected]);
      }
    });
  });

  it('an API token preview serves the draft-only variant, so the fixture is one that would win', async () => {
    for (const caller of ['readOnly', 'fullAccess', 'offersOnly'] as const) {
      const res = await gql('draft preview', ONE, { id: ids.base, context: DRAFT_CONTEXT, status: 'DRAFT' }, caller);
      expect(res.body.errors).toBeUndefined();
      expect(res.body.data.personalizedOffer).toMatchObject({
        entry: { documentId: ids.draftVariant, title: 'SEC draft-only variant' },
        decision: { reason: 'SEGMENT_AND_STAGE', servedDocumentId: ids.draftVariant },
      });
      const rest = await get(`/api/personalize/content/offers/${ids.base}`, caller, { ...restContext(), status: 'draft' });
      expect(rest.status).toBe(200);
      expect(rest.body.data.entry.documentId).toBe(ids.draftVariant);
    }
    const home = await gql('draft homepage', HOMEPAGE, { context: DRAFT_CONTEXT, status: 'DRAFT' }, 'fullAccess');
    expect(home.body.errors).toBeUndefined();
    expect(home.body.data.personalizedHomepage.entry.title).toBe('SEC draft-only homepage variant');
  });

  it('a draft-only variant is never served to a published query, whoever asks', async () => {
    const drafts = [ids.draftVariant, ids.homeDraftVariant];
    const noDraft = (what: string, res: request.Response) => {
      expect([what, res.status]).toEqual([what, 200]);
      for (const id of drafts) expect([what, res.text.includes(id)]).toEqual([what, false]);
      expect([what, res.text.includes('draft-only')]).toEqual([what, false]);
    };
    await withRolePermissions('authenticated', READ_GRANTS, async () => {
      for (const caller of READERS) {
        const one = await gql('published one', ONE, { id: ids.base, context: DRAFT_CONTEXT }, caller);
        noDraft(`${caller} personalizedOffer`, one);
        expect(one.body.data.personalizedOffer).toMatchObject({
          entry: { title: 'SEC published variant' },
          decision: { reason: 'SEGMENT', servedDocumentId: ids.publishedVariant },
        });
        // Explicit status PUBLISHED as well.
        noDraft(`${caller} personalizedOffer PUBLISHED`, await gql('published one', ONE, { id: ids.base, context: DRAFT_CONTEXT, status: 'PUBLISHED' }, caller));

        const list = await gql('published list', LIST, { context: DRAFT_CONTEXT }, caller);
        noDraft(`${caller} personalizedOffers`, list);
        expect(list.body.data.personalizedOffers.map((i: any) => i.entry.title)).toEqual(['SEC published variant']);

        const rest = await get(`/api/personalize/content/offers/${ids.base}`, caller, restContext());
        noDraft(`${caller} REST one`, rest);
        expect(rest.body.data.entry.title).toBe('SEC published variant');
        noDraft(`${caller} REST list`, await get('/api/personalize/content/offers', caller, { ...restContext(), 'filters[title][$eq]': 'SEC base' }));

        // The draft variant by its own documentId: not a published entry.
        const direct = await gql('draft by id', ONE, { id: ids.draftVariant, context: DRAFT_CONTEXT }, caller);
        expect([caller, direct.body.errors, direct.body.data.personalizedOffer]).toEqual([caller, undefined, null]);
        expect([caller, (await get(`/api/personalize/content/offers/${ids.draftVariant}`, caller)).status]).toEqual([caller, 404]);

        if (caller === 'offersOnly') continue; // no related.find, no homepage.find
        const home = await gql('published homepage', HOMEPAGE, { context: DRAFT_CONTEXT }, caller);
        noDraft(`${caller} personalizedHomepage`, home);
        noDraft(`${caller} REST homepage`, await get('/api/personalize/content/homepage', caller, restContext()));
        const related = await gql('published related', RELATED, { tags: ['car'], context: DRAFT_CONTEXT }, caller);
        noDraft(`${caller} relatedContent`, related);
        expect(related.body.data.relatedContent.map((i: any) => i.documentId)).toContain(ids.base);
        noDraft(`${caller} REST related`, await get('/api/personalize/related', caller, { tags: 'car', ...restContext(), limit: '20' }));
      }
    });
  });
});

describe('the draft of a published variant', () => {
  const customerReward = { traits: { customer: true }, stage: 'reward' };
  beforeAll(async () => {
    // Retargeted and retitled in its draft only: the published version keeps its targeting.
    const customer = (await app.strapi.documents(SEGMENT).findFirst({ filters: { slug: 'customer' } })).documentId;
    await app.strapi.documents(OFFER).update({
      documentId: ids.publishedVariant,
      data: { title: 'SEC retargeted draft', targetSegments: [customer], targetStage: 'reward' },
    });
  });

  it('is served to an API token preview with its new targeting', async () => {
    const preview = await gql('retargeted preview', ONE, { id: ids.base, context: customerReward, status: 'DRAFT' }, 'fullAccess');
    expect(preview.body.data.personalizedOffer).toMatchObject({ entry: { title: 'SEC retargeted draft' }, decision: { reason: 'SEGMENT_AND_STAGE' } });
  });

  it('never reaches a published query: neither its new targeting nor its new fields', async () => {
    for (const caller of ['public', 'readOnly', 'fullAccess', 'offersOnly'] as const) {
      const old = await gql('retargeted, old targeting', ONE, { id: ids.base, context: { segments: ['security-secret'] } }, caller);
      expect([caller, old.body.data.personalizedOffer.entry.title]).toEqual([caller, 'SEC published variant']);
      const fresh = await gql('retargeted, new targeting', ONE, { id: ids.base, context: customerReward }, caller);
      expect([caller, fresh.body.data.personalizedOffer.decision]).toEqual([caller, expect.objectContaining({ servedDocumentId: ids.base, reason: 'DEFAULT' })]);
      const rest = await get(`/api/personalize/content/offers/${ids.base}`, caller, { traits: JSON.stringify(customerReward.traits), stage: 'reward' });
      expect([caller, rest.body.data.entry.documentId]).toEqual([caller, ids.base]);
      const list = await get('/api/personalize/content/offers', caller, { segments: 'security-secret', 'filters[title][$eq]': 'SEC base' });
      expect([caller, list.body.data.map((i: any) => i.entry.title)]).toEqual([caller, ['SEC published variant']]);
      for (const res of [old, fresh, rest, list]) expect([caller, res.text.includes('SEC retargeted draft')]).toEqual([caller, false]);
    }
    const related = await get('/api/personalize/related', 'public', { tags: 'car', traits: JSON.stringify(customerReward.traits), stage: 'reward', limit: '20' });
    expect(related.status).toBe(200);
    expect(related.text).not.toContain('SEC retargeted draft');
  });
});

// ---- Private fields -----------------------------------------------------------------------------

/** Paths of keys named `names` anywhere in a JSON value. */
const keysNamed = (value: unknown, names: string[], path = '$'): string[] => {
  if (Array.isArray(value)) return value.flatMap((item, i) => keysNamed(item, names, `${path}[${i}]`));
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, child]) => [
    ...(names.includes(key) ? [`${path}.${key}`] : []),
    ...keysNamed(child, names, `${path}.${key}`),
  ]);
};
const PRIVATE = ['rules', 'estimatedReach'];
const noPrivateField = (what: string, res: request.Response) => {
  expect([what, keysNamed(res.body, PRIVATE)]).toEqual([what, []]);
  expect([what, res.text.includes(SECRET_RULE_VALUE), res.text.includes('secMarker')]).toEqual([what, false, false]);
};

describe('private segment fields (rules, estimatedReach)', () => {
  const TOKENS_AND_PUBLIC: Caller[] = ['public', 'readOnly', 'fullAccess'];

  it('are left out of the segments REST API, whoever reads it', async () => {
    for (const caller of TOKENS_AND_PUBLIC) {
      for (const query of [{}, { populate: '*' }, { 'filters[slug][$eq]': 'security-secret' }]) {
        const list = await get('/api/personalize/segments', caller, query);
        expect(list.status).toBe(200);
        expect(list.body.data.map((s: any) => s.slug)).toContain('security-secret');
        noPrivateField(`${caller} segments ${JSON.stringify(query)}`, list);
      }
      const one = await get(`/api/personalize/segments/${ids.secretSegment}`, caller);
      expect(one.status).toBe(200);
      expect(one.body.data).toMatchObject({ slug: 'security-secret', priority: 5 });
      noPrivateField(`${caller} segment`, one);
    }
  });

  it('cannot be selected, filtered or sorted on over REST, which would make an oracle of them', async () => {
    const probes: Array<[string, Record<string, string>]> = [
      ['/api/personalize/segments', { 'fields[0]': 'rules' }],
      ['/api/personalize/segments', { 'fields[0]': 'estimatedReach' }],
      ['/api/personalize/segments', { 'filters[rules][$notNull]': 'true' }],
      ['/api/personalize/segments', { 'filters[estimatedReach][$gt]': '40' }],
      ['/api/personalize/segments', { 'filters[$or][0][estimatedReach][$eq]': String(SECRET_REACH) }],
      ['/api/personalize/segments', { sort: 'estimatedReach:desc' }],
      ['/api/personalize/content/offers', { 'filters[targetSegments][rules][$containsi]': SECRET_RULE_VALUE }],
      ['/api/personalize/content/offers', { 'filters[targetSegments][estimatedReach][$gt]': '40' }],
      ['/api/personalize/content/offers', { 'populate[targetSegments][fields][0]': 'rules' }],
      ['/api/personalize/content/offers', { 'populate[targetSegments][sort]': 'estimatedReach:asc' }],
      [`/api/personalize/content/offers/${ids.base}`, { 'populate[targetSegments][fields][0]': 'estimatedReach' }],
      [`/api/personalize/content/offers/${ids.base}`, { 'populate[targetSegments][filters][rules][$notNull]': 'true' }],
    ];
    for (const caller of TOKENS_AND_PUBLIC) {
      for (const [path, query] of probes) {
        const res = await get(path, caller, query);
        expect([caller, path, query, res.status]).toEqual([caller, path, query, 400]);
        noPrivateField(`${caller} ${path} ${JSON.stringify(query)}`, res);
      }
    }
  });

  it('are not in the GraphQL schema of segments, nor in its filters', async () => {
    const type = await gql('introspection', `{
      segment: __type(name: "PersonalizeSegment") { fields { name } }
      filters: __type(name: "PersonalizeSegmentFiltersInput") { inputFields { name } }
    }`, {}, 'fullAccess');
    expect(type.body.errors).toBeUndefined();
    const fields = type.body.data.segment.fields.map((f: any) => f.name);
    expect(fields).toContain('slug');
    const filters = type.body.data.filters.inputFields.map((f: any) => f.name);
    for (const name of PRIVATE) {
      expect(fields).not.toContain(name);
      expect(filters).not.toContain(name);
    }
    for (const caller of TOKENS_AND_PUBLIC) {
      const list = await gql('personalizeSegments', '{ personalizeSegments(pagination: { limit: 100 }) { documentId slug name description kind priority } }', {}, caller);
      expect(list.body.errors).toBeUndefined();
      expect(list.body.data.personalizeSegments.map((s: any) => s.slug)).toContain('security-secret');
      for (const name of PRIVATE) {
        const asked = await gql(`personalizeSegments ${name}`, `{ personalizeSegments { slug ${name} } }`, {}, caller);
        expect([caller, name, asked.status, asked.body.errors?.[0]?.extensions?.code]).toEqual([caller, name, 400, 'GRAPHQL_VALIDATION_FAILED']);
        expect(asked.body.data ?? null).toBeNull();
        const filtered = await gql(`personalizeSegments filter ${name}`, `{ personalizeSegments(filters: { ${name}: { notNull: true } }) { slug } }`, {}, caller);
        expect([caller, name, filtered.status]).toEqual([caller, name, 400]);
      }
    }
  });

  it('are left out of the segments nested in an entry, over GraphQL and REST', async () => {
    const NESTED = `query($id: ID!, $context: PersonalizationContextInput) {
      personalizedOffer(documentId: $id, context: $context) { entry { title targetSegments { documentId slug name kind priority } } }
      personalizedOffers(context: $context, filters: { title: { eq: "SEC base" } }) { entry { title targetSegments { slug } } }
      offers(filters: { title: { eq: "SEC published variant" } }) { title targetSegments { slug } }
    }`;
    const context = { segments: ['security-secret'] };
    for (const caller of TOKENS_AND_PUBLIC) {
      const res = await gql('nested targetSegments', NESTED, { id: ids.base, context }, caller);
      expect(res.body.errors).toBeUndefined();
      expect(res.body.data.personalizedOffer.entry.targetSegments.map((s: any) => s.slug)).toEqual(['security-secret']);
      noPrivateField(`${caller} GraphQL nested`, res);

      for (const populate of [{ populate: 'targetSegments' }, { populate: '*' }, { 'populate[targetSegments]': 'true' }, { 'populate[targetSegments][populate]': '*' }]) {
        const one = await get(`/api/personalize/content/offers/${ids.base}`, caller, { segments: 'security-secret', ...populate });
        expect([caller, populate, one.status]).toEqual([caller, populate, 200]);
        expect(one.body.data.entry.title).toBe('SEC published variant');
        expect(one.body.data.entry.targetSegments.map((s: any) => s.slug)).toEqual(['security-secret']);
        noPrivateField(`${caller} REST one ${JSON.stringify(populate)}`, one);
        const list = await get('/api/personalize/content/offers', caller, { segments: 'security-secret', 'filters[title][$eq]': 'SEC base', ...populate });
        expect(list.status).toBe(200);
        expect(list.body.data[0].entry.targetSegments.map((s: any) => s.slug)).toEqual(['security-secret']);
        noPrivateField(`${caller} REST list ${JSON.stringify(populate)}`, list);
      }
      const core = await get(`/api/offers/${ids.publishedVariant}`, caller, { populate: 'targetSegments' });
      expect(core.status).toBe(200);
      noPrivateField(`${caller} core REST`, core);
      const related = await get('/api/personalize/related', caller, { tags: 'car', segments: 'security-secret', limit: '20' });
      expect(related.status).toBe(200);
      noPrivateField(`${caller} REST related`, related);
    }
  });

  it('appear in no content-API response of this file at all', () => {
    expect(seen.length).toBeGreaterThan(300);
    const leaks = seen.filter(({ text }) => {
      if (text.includes(SECRET_RULE_VALUE) || text.includes('secMarker')) return true;
      try {
        return keysNamed(JSON.parse(text), PRIVATE).length > 0;
      } catch {
        return false;
      }
    });
    expect(leaks.map((l) => `${l.what}: ${l.text.slice(0, 200)}`)).toEqual([]);
  });
});

describe('experiments', () => {
  it('are not in the content API at all: editors read them through the admin API', async () => {
    const res = await app.gql('{ __type(name: "Query") { fields { name } } }');
    const fields = res.body.data.__type.fields.map((f: { name: string }) => f.name);
    expect(fields).toContain('personalizeSegments');
    expect(fields.filter((name: string) => /experiment/i.test(name))).toEqual([]);
  });
});
