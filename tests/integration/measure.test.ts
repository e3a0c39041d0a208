import { startServer, type Server } from '../../bench/server';
import { OFFERS } from '../../playground/src/seed/data';
import { DEMO_EXPERIMENT, DEMO_VISITORS } from '../../playground/src/seed/events';
import { startApp, type TestApp } from './harness';

/** Events, experiments and KPIs, end to end. Event batches go over HTTP as a front-end sends them. */
const RATE_POINTS = 60;
let app: TestApp;
beforeAll(async () => {
  process.env.PERSONALIZE_EVENTS_RATE_POINTS = String(RATE_POINTS);
  process.env.PERSONALIZE_EVENTS_RATE_SECONDS = '600';
  app = await startApp();
});
afterAll(async () => {
  await app?.stop();
  delete process.env.PERSONALIZE_EVENTS_RATE_POINTS;
  delete process.env.PERSONALIZE_EVENTS_RATE_SECONDS;
});

const OFFER = OFFERS.uid;
let batches = 0;
const post = (body: unknown) => {
  batches++;
  return app.http().post('/api/personalize/events').send(body as object);
};
const analytics = (documentId: string, uid = OFFER) =>
  app.http().get(`/personalize/analytics?contentType=${uid}&documentId=${documentId}`).set(app.admin);

/** A fresh base offer with one published variant, so that each test counts from zero. */
const freshOffer = async (title: string) => {
  const docs = app.strapi.documents(OFFER);
  const base = await docs.create({ data: { title, product: 'car' }, status: 'published' });
  const variant = await docs.create({ data: { title: `${title} (variant)`, product: 'car', variantOf: base.documentId }, status: 'published' });
  return { base: base.documentId as string, variant: variant.documentId as string };
};
let counter = 0;
const events = (n: number, fields: Record<string, unknown>) =>
  Array.from({ length: n }, () => ({ id: `t-${++counter}`, type: 'impression', contentType: OFFER, ...fields }));

describe('ingestion', () => {
  it('stores a batch once, however often it is retried', async () => {
    const { base, variant } = await freshOffer('Idempotent offer');
    const batch = { consent: true, events: events(5, { baseDocumentId: base, servedDocumentId: variant, visitorId: 'visitor-secret-42' }) };
    const first = await post(batch);
    expect(first.status).toBe(200);
    expect(first.body.data).toEqual({ accepted: 5, duplicates: 0, rejected: [], consent: true });
    const retry = await post(batch);
    expect(retry.body.data).toEqual({ accepted: 0, duplicates: 5, rejected: [], consent: true });
    const report = (await analytics(base)).body.data;
    expect(report.variants.find((v: any) => v.key === variant).counts.impressions).toBe(5);
  });

  it('tells apart client ids that differ only in case (MySQL/MariaDB compare text case-insensitively by default)', async () => {
    const { base, variant } = await freshOffer('Case offer');
    const [lower] = events(1, { baseDocumentId: base, servedDocumentId: variant });
    const upper = { ...lower, id: `${lower.id}-Case`.toUpperCase() };
    const mixed = { ...lower, id: `${lower.id}-Case` };
    const res = await post({ consent: true, events: [upper, mixed] });
    expect(res.body.data).toEqual({ accepted: 2, duplicates: 0, rejected: [], consent: true });
    expect((await analytics(base)).body.data.variants.find((v: any) => v.key === variant).counts.impressions).toBe(2);
  });

  it('never stores the visitor id in clear', async () => {
    const rows = await app.strapi.db.connection('personalize_events').select('*');
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(JSON.stringify(row)).not.toContain('visitor-secret-42');
    const hashed = rows.filter((r: any) => r.visitor_hash !== '');
    expect(new Set(hashed.filter((r: any) => r.client_id.startsWith('t-')).map((r: any) => r.visitor_hash)).size).toBe(1);
  });

  it('keeps the good events of a partly bad batch and reports the bad ones by index', async () => {
    const { base, variant } = await freshOffer('Partial offer');
    const [a, b, c] = events(3, { baseDocumentId: base, servedDocumentId: variant });
    const res = await post({ consent: true, events: [a, { ...b, type: 'view' }, c, { ...events(1, {})[0], baseDocumentId: 'nope', servedDocumentId: 'nope' }] });
    expect(res.status).toBe(200);
    expect(res.body.data.accepted).toBe(2);
    expect(res.body.data.rejected.map((r: any) => [r.index, r.field])).toEqual([
      [1, 'events[1].type'],
      [3, 'events[3].baseDocumentId'],
    ]);
    const report = (await analytics(base)).body.data;
    expect(report.variants.find((v: any) => v.key === variant).counts.impressions).toBe(2);
  });

  it('answers a wholly bad batch with a 400 that names the field', async () => {
    for (const [body, field] of [
      [{ events: [] }, 'consent'],
      [{ consent: true, events: 'all' }, 'events'],
      [{ consent: true, events: [{ id: 'x', type: 'impression' }] }, 'events[0].contentType'],
    ] as const) {
      const res = await post(body);
      expect([field, res.status]).toEqual([field, 400]);
      expect(res.body.error.message).toMatch(new RegExp(`^${field.replace(/[[\]]/g, '\\$&')}`));
      expect(JSON.stringify(res.body)).not.toMatch(/at .*\.js:\d+/);
    }
  });

  it('stores nothing without consent', async () => {
    const { base, variant } = await freshOffer('No consent offer');
    const res = await post({ consent: false, events: events(3, { baseDocumentId: base, servedDocumentId: variant }) });
    expect(res.status).toBe(202);
    expect(res.body.data).toMatchObject({ accepted: 0, consent: false });
    expect((await analytics(base)).body.data.variants.every((v: any) => v.counts.impressions === 0)).toBe(true);
  });

  it('drops raw events past the retention and keeps the daily counts', async () => {
    const { base, variant } = await freshOffer('Retention offer');
    await post({ consent: true, events: events(4, { baseDocumentId: base, servedDocumentId: variant }) });
    const knex = app.strapi.db.connection;
    const old = Date.now() - 31 * 86_400_000;
    await knex('personalize_events').where({ base_document_id: base }).update({ received_at: old });
    const purged = await app.strapi.plugin('personalize').service('events').purgeExpired();
    expect(purged).toBeGreaterThanOrEqual(4);
    // PostgreSQL answers counts as strings.
    const [{ n }] = await knex('personalize_events').where({ base_document_id: base }).count({ n: '*' });
    expect(Number(n)).toBe(0);
    expect((await analytics(base)).body.data.variants.find((v: any) => v.key === variant).counts.impressions).toBe(4);
  });
});

describe('KPIs', () => {
  it('match a hand-computed example: 100 of 1,000 clicks on the base, 130 of 1,000 on the variant', async () => {
    const { base, variant } = await freshOffer('KPI offer');
    const clicks = (served: string, n: number) => events(n, { baseDocumentId: base, servedDocumentId: served, type: 'click' });
    const shows = (served: string, n: number) => events(n, { baseDocumentId: base, servedDocumentId: served });
    const all = [...shows(base, 1000), ...clicks(base, 100), ...shows(variant, 1000), ...clicks(variant, 130)];
    for (let i = 0; i < all.length; i += 200) expect((await post({ consent: true, events: all.slice(i, i + 200) })).status).toBe(200);
    const report = (await analytics(base)).body.data;
    expect(report.control.key).toBe(base);
    const row = report.variants.find((v: any) => v.key === variant);
    expect(row.clickRate).toBeCloseTo(0.13, 10);
    const vs = row.vsControl.clicks;
    // difference 0.03, SE = sqrt(0.1 x 0.9 / 1000 + 0.13 x 0.87 / 1000) = 0.0142513, 95% CI = 0.03 ± 1.96 SE
    expect(vs.difference).toBeCloseTo(0.03, 10);
    expect(vs.uplift).toBeCloseTo(0.3, 10);
    expect(vs.ci95[0]).toBeCloseTo(0.002068, 5);
    expect(vs.ci95[1]).toBeCloseTo(0.057932, 5);
    expect(vs.significant).toBe(true);
  });
});

describe('experiments', () => {
  const served = async (documentId: string, visitorId: string | null) => {
    const res = await app.gql(
      `query($id: ID!, $v: String) { personalizedOffer(documentId: $id, context: { visitorId: $v }) { decision { servedDocumentId reason arm cacheKey } } }`,
      { id: documentId, v: visitorId }
    );
    expect(res.body.errors).toBeUndefined();
    return res.body.data.personalizedOffer.decision;
  };
  /** The offer the demo experiment runs on. */
  let demo: { documentId: string; experiment: any };

  it('runs the demo experiment: sticky arms, a hold-out, arm in the cache key, never the visitor id', async () => {
    const list = await app.http().get(`/personalize/experiments?contentType=${OFFER}`).set(app.admin);
    const experiment = list.body.data.find((e: any) => e.key === DEMO_EXPERIMENT.key);
    demo = { documentId: experiment.baseDocumentId, experiment };
    const arms = new Map<string, number>();
    for (let i = 0; i < 200; i++) {
      const first = await served(demo.documentId, `sticky-${i}`);
      expect(await served(demo.documentId, `sticky-${i}`)).toEqual(first);
      expect(['EXPERIMENT', 'HOLDOUT']).toContain(first.reason);
      expect(first.cacheKey).toContain(first.arm);
      expect(first.cacheKey).not.toContain(`sticky-${i}`);
      arms.set(first.arm, (arms.get(first.arm) ?? 0) + 1);
    }
    expect([...arms.keys()].sort()).toEqual(['base', 'holdout', 'price']);
    expect(arms.get('holdout')!).toBeLessThan(45);
    // Without a visitor id no experiment applies.
    const anonymous = await served(demo.documentId, null);
    expect(anonymous.arm).toBeNull();
    expect(['EXPERIMENT', 'HOLDOUT']).not.toContain(anonymous.reason);
  });

  it('re-randomizes when the version changes', async () => {
    const before = await Promise.all(Array.from({ length: 60 }, (_, i) => served(demo.documentId, `version-${i}`)));
    const res = await app.http().put(`/personalize/experiments/${demo.experiment.documentId}`).set(app.admin).send({ version: 2 });
    expect(res.status).toBe(200);
    const after = await Promise.all(Array.from({ length: 60 }, (_, i) => served(demo.documentId, `version-${i}`)));
    expect(after.filter((d, i) => d.arm !== before[i].arm).length).toBeGreaterThan(10);
    await app.http().put(`/personalize/experiments/${demo.experiment.documentId}`).set(app.admin).send({ version: 1 });
  });

  it('gives the same arms on a second instance on the same database', async () => {
    let other: Server | undefined;
    try {
      other = await startServer(app.databaseFile, app.databaseEnv);
      for (let i = 0; i < 40; i++) {
        const here = await served(demo.documentId, `shared-${i}`);
        const res = await fetch(`${other.url}/graphql`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({
            query: `query($id: ID!, $v: String) { personalizedOffer(documentId: $id, context: { visitorId: $v }) { decision { servedDocumentId reason arm cacheKey } } }`,
            variables: { id: demo.documentId, v: `shared-${i}` },
          }),
        });
        expect((await res.json()).data.personalizedOffer.decision).toEqual(here);
      }
    } finally {
      await other?.stop();
    }
  });

  it('shows the seeded demo traffic per arm, and no sample-ratio alarm on it', async () => {
    const report = (await analytics(demo.documentId)).body.data;
    const impressions = report.variants.reduce((sum: number, v: any) => sum + v.counts.impressions, 0);
    expect(impressions).toBe(DEMO_VISITORS);
    expect(report.control).toEqual({ key: 'holdout', label: 'Hold-out (base)' });
    expect(report.experiment.sampleRatio.mismatch).toBe(false);
  });

  it('raises the sample-ratio alarm when traffic is skewed against the weights', async () => {
    const { base, variant } = await freshOffer('SRM offer');
    const created = await app.http().post('/personalize/experiments').set(app.admin).send({
      name: 'SRM check',
      key: 'srm-check',
      contentType: OFFER,
      baseDocumentId: base,
      arms: [
        { name: 'a', documentId: null, weight: 1 },
        { name: 'b', documentId: variant, weight: 1 },
      ],
    });
    expect(created.status).toBe(200);
    const skewed = [...events(600, { baseDocumentId: base, servedDocumentId: base, arm: 'a' }), ...events(400, { baseDocumentId: base, servedDocumentId: variant, arm: 'b' })];
    for (let i = 0; i < skewed.length; i += 200) await post({ consent: true, events: skewed.slice(i, i + 200) });
    const { sampleRatio } = (await analytics(base)).body.data.experiment;
    expect(sampleRatio.chiSquared).toBeCloseTo(40, 6);
    expect(sampleRatio.pValue).toBeLessThan(0.001);
    expect(sampleRatio.mismatch).toBe(true);
  });

  it('refuses a bad experiment with the field named', async () => {
    const { base } = await freshOffer('Bad experiment offer');
    const bad = await app.http().post('/personalize/experiments').set(app.admin).send({
      name: 'Bad',
      key: 'bad-one',
      contentType: OFFER,
      baseDocumentId: base,
      arms: [{ name: 'a', documentId: 'not-a-variant', weight: 1 }, { name: 'b', documentId: null, weight: 1 }],
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/^arms\[0\]\.documentId/);
  });
});

describe('abuse limits', () => {
  it('caps the body size', async () => {
    const res = await app.http().post('/api/personalize/events').set('Content-Type', 'application/json').send(`{"consent":true,"events":[],"pad":"${'x'.repeat(300 * 1024)}"}`);
    expect(res.status).toBe(413);
  });

  it('limits batches per client address, with Retry-After', async () => {
    const statuses: number[] = [];
    for (let i = batches; i < RATE_POINTS + 5; i++) statuses.push((await post({ consent: false, events: events(1, {}) })).status);
    const limited = await post({ consent: false, events: events(1, {}) });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThan(0);
  });
});
