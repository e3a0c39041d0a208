import { startApp, type TestApp } from './harness';

/**
 * What Strapi's own content API reads of an opted-in type once variants exist (core lists hold
 * base entries, drafts are for API tokens), the REST input the personalized routes refuse, and
 * the SQL a personalized read of one entry costs against the core read.
 */
let app: TestApp;
const UID = 'api::hero-banner.hero-banner';
let bases: string[] = [];
let variants: string[] = [];

const setOption = (name: string, value: boolean) => app.strapi.config.set(`plugin::personalize.${name}`, value);

/** The statements one request runs, transaction control left out, once caches are warm. */
const statementsOf = async (send: () => Promise<{ status: number }>) => {
  expect((await send()).status).toBe(200);
  await app.strapi.plugin('personalize').service('content-index').settled();
  const seen: string[] = [];
  const listener = (event: { sql: string }) => {
    if (!/^(BEGIN|COMMIT|ROLLBACK)/i.test(event.sql)) seen.push(event.sql);
  };
  app.strapi.db.connection.client.on('query', listener);
  try {
    expect((await send()).status).toBe(200);
  } finally {
    app.strapi.db.connection.client.removeListener('query', listener);
  }
  return seen;
};

beforeAll(async () => {
  app = await startApp();
  const rows = await app.strapi.db.query(UID).findMany({ where: { publishedAt: { $notNull: true } }, populate: { variantOf: true } });
  bases = rows.filter((r: any) => !r.variantOf).map((r: any) => r.documentId).sort();
  variants = rows.filter((r: any) => r.variantOf).map((r: any) => r.documentId).sort();
  expect(bases.length).toBeGreaterThan(0);
  expect(variants.length).toBeGreaterThan(0);
});
afterAll(async () => {
  await app?.stop();
});

describe('core lists of an opted-in type', () => {
  it('hold base entries only, over REST and GraphQL, with the pagination counting bases', async () => {
    const rest = await app.http().get('/api/hero-banners?pagination[pageSize]=100');
    expect(rest.status).toBe(200);
    expect(rest.body.data.map((e: any) => e.documentId).sort()).toEqual(bases);
    expect(rest.body.meta.pagination.total).toBe(bases.length);

    const gql = await app.gql('{ heroBanners(pagination: { limit: 100 }) { documentId } heroBanners_connection { pageInfo { total } } }');
    expect(gql.body.errors).toBeUndefined();
    expect(gql.body.data.heroBanners.map((e: any) => e.documentId).sort()).toEqual(bases);
    expect(gql.body.data.heroBanners_connection.pageInfo.total).toBe(bases.length);
  });

  it('list variants when the query filters on variantOf itself', async () => {
    const rest = await app.http().get('/api/hero-banners?pagination[pageSize]=100&filters[variantOf][documentId][$notNull]=true');
    expect(rest.status).toBe(200);
    expect(rest.body.data.map((e: any) => e.documentId).sort()).toEqual(variants);
  });

  it('still read a variant by its documentId', async () => {
    const rest = await app.http().get(`/api/hero-banners/${variants[0]}`);
    expect(rest.status).toBe(200);
    expect(rest.body.data.documentId).toBe(variants[0]);
    const gql = await app.gql('query($id: ID!) { heroBanner(documentId: $id) { documentId } }', { id: variants[0] });
    expect(gql.body.data.heroBanner.documentId).toBe(variants[0]);
  });

  it('stay whole in the Content Manager', async () => {
    const res = await app.http().get(`/content-manager/collection-types/${UID}?pageSize=100`).set(app.admin);
    expect(res.status).toBe(200);
    const listed = res.body.results.map((e: any) => e.documentId);
    for (const id of [...bases, ...variants]) expect(listed).toContain(id);
  });

  it('show variants again when the option is off', async () => {
    setOption('hideVariantsFromCoreLists', false);
    try {
      const rest = await app.http().get('/api/hero-banners?pagination[pageSize]=100');
      expect(rest.body.data.map((e: any) => e.documentId).sort()).toEqual([...bases, ...variants].sort());
    } finally {
      setOption('hideVariantsFromCoreLists', true);
    }
  });
});

describe('drafts of an opted-in type on the core routes', () => {
  it('are refused to the public role, with a 403 naming status', async () => {
    const rest = await app.http().get('/api/hero-banners?status=draft');
    expect(rest.status).toBe(403);
    expect(rest.body.error.message).toMatch(/^status: /);
    const one = await app.http().get(`/api/hero-banners/${bases[0]}?status=draft`);
    expect(one.status).toBe(403);
    const gql = await app.gql('{ heroBanners(status: DRAFT) { documentId } }');
    expect(gql.body.errors[0].extensions.code).toBe('FORBIDDEN');
  });

  it('are served to API tokens', async () => {
    const rest = await app.http().get('/api/hero-banners?status=draft').set(app.fullAccess);
    expect(rest.status).toBe(200);
    expect(rest.body.data.length).toBe(bases.length);
  });

  it('leave other types as Strapi has them', async () => {
    const faqs = await app.http().get('/api/faqs?status=published');
    expect(faqs.status).toBe(200);
  });

  it('are Strapi’s to serve when the option is off', async () => {
    setOption('draftsOnlyForApiTokens', false);
    try {
      expect((await app.http().get('/api/hero-banners?status=draft')).status).toBe(200);
    } finally {
      setOption('draftsOnlyForApiTokens', true);
    }
  });
});

describe('REST input the personalized routes refuse', () => {
  it('a status in another case than documented: a 400 naming status', async () => {
    const res = await app.http().get(`/api/personalize/content/hero-banners/${bases[0]}?status=DRAFT`);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/^status: /);
  });

  it('traits in bracket form: a 400 naming traits and saying to send JSON', async () => {
    const res = await app.http().get(`/api/personalize/content/hero-banners/${bases[0]}?traits[visits]=4`);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/^context\.traits: send traits as JSON/);
    const related = await app.http().get(`/api/personalize/related?documentId=${bases[0]}&traits[visits]=4`);
    expect(related.status).toBe(400);
    expect(related.body.error.message).toMatch(/^context\.traits: /);
  });

  it('traits as JSON keep their types: a numeric rule matches', async () => {
    const res = await app.http().get(`/api/personalize/content/hero-banners/${bases[0]}?traits=${encodeURIComponent('{"visits":4}')}`);
    expect(res.status).toBe(200);
    expect(res.body.data.decision.visitorSegments).toContain('suspect');
  });
});

describe('GraphQL errors', () => {
  it('carry no stack trace', async () => {
    const res = await app.gql('query($id: ID!) { personalizedHeroBanner(documentId: $id, context: { segments: [""] }) { decision { reason } } }', { id: bases[0] });
    expect(res.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(JSON.stringify(res.body)).not.toMatch(/stacktrace|node_modules|\.ts:\d+/);
  });
});

describe('a personalized read of one entry', () => {
  const gqlOne = (query: string, variables: Record<string, unknown>) => () => app.gql(query, variables);

  it('runs the same SQL statements as the core read, over GraphQL', async () => {
    const core = await statementsOf(gqlOne('query($id: ID!) { heroBanner(documentId: $id) { documentId headline } }', { id: bases[0] }));
    const personalized = await statementsOf(
      gqlOne('query($id: ID!) { personalizedHeroBanner(documentId: $id, context: { traits: { visits: 4 } }) { entry { documentId headline } decision { reason } } }', { id: bases[0] })
    );
    expect(personalized.length).toBe(core.length);
  });

  it('runs the same SQL statements as the core read, over REST', async () => {
    const core = await statementsOf(() => app.http().get(`/api/hero-banners/${bases[0]}?populate=contentTags`));
    const personalized = await statementsOf(() => app.http().get(`/api/personalize/content/hero-banners/${bases[0]}?populate=contentTags&traits=${encodeURIComponent('{"visits":4}')}`));
    expect(personalized.length).toBe(core.length);
  });
});
