import { DEFAULT_STAGE_FOR_STEP } from '../../plugin/stages';
import { FUNNEL_SEGMENTS } from '../../plugin/segments';
import { startApp, type TestApp } from './harness';

let app: TestApp;
beforeAll(async () => {
  app = await startApp();
});
afterAll(async () => {
  await app?.stop();
});

const TARGETING_FIELDS = ['variantOf', 'targetSegments', 'targetStage', 'contentTags'];
const fieldsOf = async (typeName: string): Promise<string[]> => {
  const res = await app.gql(`query($name: String!) { __type(name: $name) { fields { name } } }`, { name: typeName });
  return res.body.data.__type.fields.map((f: { name: string }) => f.name);
};

describe('opting a content type in', () => {
  it.each(['Article', 'Offer', 'HeroBanner', 'Testimonial', 'Homepage'])('adds the targeting fields to %s', async (type) => {
    expect(await fieldsOf(type)).toEqual(expect.arrayContaining(TARGETING_FIELDS));
  });

  it('leaves types that do not opt in alone', async () => {
    const fields = await fieldsOf('Faq');
    expect(fields).toContain('question');
    for (const name of TARGETING_FIELDS) expect(fields).not.toContain(name);
  });

  it('exposes the stage as an enumeration of the five stages', async () => {
    const res = await app.gql(`{ __type(name: "ENUM_ARTICLE_TARGETSTAGE") { enumValues { name } } }`);
    expect(res.body.data.__type.enumValues.map((v: any) => v.name)).toEqual(['orient', 'inform', 'help', 'reassure', 'reward']);
  });

  it('answers a public GraphQL query for demo entries with their targeting', async () => {
    // Core lists hold base entries; variants are listed by filtering on variantOf itself.
    const res = await app.gql(`{
      bases: heroBanners(pagination: { limit: 100 }) {
        documentId headline targetStage variantOf { documentId } targetSegments { slug } contentTags { slug }
      }
      variants: heroBanners(pagination: { limit: 100 }, filters: { variantOf: { documentId: { notNull: true } } }) {
        documentId headline targetStage variantOf { documentId } targetSegments { slug } contentTags { slug }
      }
    }`);
    expect(res.body.errors).toBeUndefined();
    const { bases, variants } = res.body.data;
    expect(variants.some((b: any) => b.variantOf && b.targetSegments.length > 0)).toBe(true);
    expect(bases.some((b: any) => b.variantOf === null && b.contentTags.length > 0)).toBe(true);
  });
});

describe('segments', () => {
  it('seeds the four funnel audiences, once each', async () => {
    const res = await app.http().get('/api/personalize/segments?filters[kind][$eq]=funnel&pagination[pageSize]=100');
    expect(res.status).toBe(200);
    const slugs = res.body.data.map((s: any) => s.slug).sort();
    expect(slugs).toEqual(FUNNEL_SEGMENTS.map((s) => s.slug).sort());
  });

  it('never returns rules to the content API', async () => {
    const rest = await app.http().get('/api/personalize/segments').set(app.fullAccess);
    expect(rest.body.data.length).toBeGreaterThan(0);
    for (const segment of rest.body.data) expect(segment).not.toHaveProperty('rules');
    expect(await fieldsOf('PersonalizeSegment')).not.toContain('rules');
  });

  it('cannot be written through the content API', async () => {
    const res = await app.http().post('/api/personalize/segments').set(app.fullAccess).send({ data: { name: 'x' } });
    expect([404, 405]).toContain(res.status);
  });

  const createSegment = (body: Record<string, unknown>) =>
    app.http().post('/content-manager/collection-types/plugin::personalize.segment').set(app.admin).send(body);

  it('refuses an unknown operator with a 400 that names it', async () => {
    const res = await createSegment({ name: 'Bad', slug: 'bad', kind: 'custom', priority: 0, rules: { traits: { visits: { $gtee: 2 } } } });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/^rules\.traits\.visits.*\$gtee/);
  });

  it('refuses a malformed rule with a 400 that names the place', async () => {
    const res = await createSegment({ name: 'Worse', slug: 'worse', kind: 'custom', priority: 0, rules: { $or: { traits: {} } } });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/^rules\.\$or/);
    const list = await app.http().get('/api/personalize/segments?filters[slug][$in][0]=bad&filters[slug][$in][1]=worse');
    expect(list.body.data).toEqual([]);
  });

  it('accepts a valid rule and keeps it for the admin', async () => {
    const rules = { interests: { $contains: 'pets' }, traits: { visits: { $gte: 2 } } };
    const res = await createSegment({ name: 'Pet lovers', slug: 'pet-lovers', kind: 'interest', priority: 3, rules });
    expect(res.status).toBe(201);
    const saved = await app.http().get(`/content-manager/collection-types/plugin::personalize.segment/${res.body.data.documentId}`).set(app.admin);
    expect(saved.body.data.rules).toEqual(rules);
  });
});

describe('the plugin switch', () => {
  it('needs an admin', async () => {
    expect((await app.http().get('/personalize/settings')).status).toBe(401);
  });

  it('turns personalization off without touching the fields', async () => {
    const initial = await app.http().get('/personalize/settings').set(app.admin);
    expect(initial.body.data).toEqual({ enabled: true, disabledContentTypes: [], pausedEntries: [], stageForStep: DEFAULT_STAGE_FOR_STEP });

    const off = await app.http().put('/personalize/settings').set(app.admin).send({ enabled: false, disabledContentTypes: ['api::offer.offer'] });
    expect(off.status).toBe(200);
    expect(off.body.data).toEqual({ enabled: false, disabledContentTypes: ['api::offer.offer'], pausedEntries: [], stageForStep: DEFAULT_STAGE_FOR_STEP });
    expect(await fieldsOf('Offer')).toEqual(expect.arrayContaining(TARGETING_FIELDS));

    await app.http().put('/personalize/settings').set(app.admin).send({ enabled: true, disabledContentTypes: [] });
  });

  it('names the field of a bad setting', async () => {
    const a = await app.http().put('/personalize/settings').set(app.admin).send({ enabled: 'yes' });
    expect(a.status).toBe(400);
    expect(a.body.error.message).toMatch(/^enabled:/);
    const b = await app.http().put('/personalize/settings').set(app.admin).send({ disabledContentTypes: ['api::faq.faq'] });
    expect(b.status).toBe(400);
    expect(b.body.error.message).toMatch(/^disabledContentTypes:/);
  });
});

describe('targeting export and import', () => {
  it('restores every version of the targeting after it was lost', async () => {
    const exported = await app.http().get('/personalize/targeting/export').set(app.admin);
    expect(exported.status).toBe(200);
    const variants = exported.body.entries.filter((e: any) => e.contentType === 'api::hero-banner.hero-banner' && e.variantOf);
    expect(variants.length).toBeGreaterThan(0);
    expect(exported.body.segments.map((s: any) => s.slug)).toEqual(expect.arrayContaining(['anonymous', 'customer']));

    // What a schema change would do: the targeting columns and link tables come back empty.
    const db = app.strapi.db.query('api::hero-banner.hero-banner');
    const rows = await db.findMany({ select: ['id'] });
    for (const row of rows) {
      await db.update({ where: { id: row.id }, data: { variantOf: null, targetSegments: [], targetStage: null, contentTags: [] } });
    }
    const emptied = await app.http().get('/personalize/targeting/export').set(app.admin);
    expect(emptied.body.entries.filter((e: any) => e.contentType === 'api::hero-banner.hero-banner')).toEqual([]);

    const imported = await app.http().post('/personalize/targeting/import').set(app.admin).send(exported.body);
    expect(imported.status).toBe(200);
    expect(imported.body.data.entries.skipped).toEqual([]);

    const again = await app.http().get('/personalize/targeting/export').set(app.admin);
    expect(again.body.entries).toEqual(exported.body.entries);
  });

  it('refuses a malformed import, naming the field', async () => {
    const res = await app.http().post('/personalize/targeting/import').set(app.admin).send({ version: 1, segments: [], tags: 'x', entries: [] });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/^tags:/);
  });
});
