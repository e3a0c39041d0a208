import { STAGES } from '../../plugin/stages';
import { PERMISSIONS } from '../../shared/contracts/admin';
import { DEMO_REACH, HERO_BANNERS, OFFERS } from '../../playground/src/seed/data';
import { adminWith, startApp, type TestApp } from './harness';

/** The admin API behind the Personalization page and the edit-view panel. */
let app: TestApp;
beforeAll(async () => {
  app = await startApp();
});
afterAll(async () => {
  await app?.stop();
});

const BANNER = HERO_BANNERS.uid;
const OFFER = OFFERS.uid;
const get = (path: string, headers = app.admin) => app.http().get(path).set(headers);
const send = (method: 'post' | 'put' | 'delete', path: string, body?: unknown, headers = app.admin) =>
  app.http()[method](path).set(headers).send(body as object);

/** Bases of a demo type with a published variant covering (segment, stage), from the seed data. */
const coveredInDemo = (type: typeof HERO_BANNERS, segment: string, stage: string) =>
  type.entries.filter((entry) =>
    (entry.variants ?? []).some((v) => !v.draft && v.segments.includes(segment) && (v.stage === stage || v.stage === null))
  ).length;

/** An admin user whose only role grants `actions` (plus reading the given content types). */
const userWith = (name: string, actions: string[], readTypes: string[] = []) => adminWith(app, name, actions, readTypes);

describe('coverage', () => {
  it('counts, per segment and stage, the bases with a published variant', async () => {
    const res = await get(`/personalize/coverage?contentType=${BANNER}`);
    expect(res.status).toBe(200);
    const report = res.body.data;
    expect(report.bases).toBe(HERO_BANNERS.entries.length);
    expect(report.stages).toEqual([...STAGES]);
    for (const row of report.rows) {
      for (const stage of STAGES) {
        expect([row.segment, stage, row.cells[stage].published]).toEqual([row.segment, stage, coveredInDemo(HERO_BANNERS, row.segment, stage)]);
        expect(row.cells[stage].missing).toBe(report.bases - row.cells[stage].published);
      }
    }
    // The seed's simulated traffic is measured: each demo visitor is in one funnel audience.
    const funnel = report.rows.filter((r: any) => ['anonymous', 'suspect', 'prospect', 'customer'].includes(r.segment));
    expect(funnel.every((r: any) => r.reachSource === 'impressions')).toBe(true);
    expect(funnel.reduce((sum: number, r: any) => sum + r.reach, 0)).toBeCloseTo(100, 6);
    expect(funnel.find((r: any) => r.segment === 'anonymous').reach).toBeGreaterThan(DEMO_REACH.anonymous - 10);
  });

  it('ranks gaps by reach and lists the entries that lack a cell', async () => {
    const { body } = await get(`/personalize/coverage?contentType=${BANNER}`);
    const reaches = body.data.gaps.map((g: any) => g.reach ?? -1);
    expect(reaches).toEqual([...reaches].sort((a, b) => b - a));
    const gap = body.data.gaps.find((g: any) => g.segment === 'customer' && g.stage === 'help');
    expect(gap.missing).toBe(HERO_BANNERS.entries.length);
    const entries = await get(`/personalize/coverage/gaps?contentType=${BANNER}&segment=customer&stage=help`);
    expect(entries.status).toBe(200);
    expect(entries.body.data).toHaveLength(HERO_BANNERS.entries.length);
    expect(entries.body.data.map((e: any) => e.title)).toEqual(expect.arrayContaining([HERO_BANNERS.entries[0].data.headline]));
  });

  it('counts a draft-only variant apart from the published ones', async () => {
    const draft = OFFERS.entries.flatMap((e) => e.variants ?? []).find((v) => v.draft)!;
    const { body } = await get(`/personalize/coverage?contentType=${OFFER}`);
    const row = body.data.rows.find((r: any) => r.segment === draft.segments[0]);
    expect(row.cells[draft.stage!].drafts).toBeGreaterThanOrEqual(1);
  });

  it('exports the matrix as CSV', async () => {
    const res = await get(`/personalize/coverage?contentType=${BANNER}&format=csv`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/text\/csv/);
    const lines = res.text.trim().split(/\r\n/);
    expect(lines[0]).toBe('segment,name,reach,stage,published,drafts,missing');
    expect(lines.some((line) => line.startsWith('customer,') && line.includes(',help,0,'))).toBe(true);
  });

  it('names the field of a bad request, never a 500', async () => {
    const bad = [
      ['/personalize/coverage?contentType=api::faq.faq', 'contentType'],
      ['/personalize/coverage?contentType=nope', 'contentType'],
      [`/personalize/coverage?contentType=${BANNER}&format=xml`, 'format'],
      [`/personalize/coverage/gaps?contentType=${BANNER}&segment=customer&stage=later`, 'stage'],
      [`/personalize/coverage/gaps?contentType=${BANNER}&segment=nobody&stage=help`, 'segment'],
    ];
    for (const [path, field] of bad) {
      const res = await get(path);
      expect([path, res.status]).toEqual([path, 400]);
      expect(res.body.error.message).toMatch(new RegExp(`^${field}:`));
    }
  });
});

describe('watch-list', () => {
  it('lists segments no variant targets, shadowed variants and variants of unpublished bases', async () => {
    const docs = app.strapi.documents(BANNER);
    const base = await docs.create({ data: { headline: 'Watch-list base', placement: 'home' } });
    const segment = (await app.strapi.documents('plugin::personalize.segment').findFirst({ filters: { slug: 'suspect' } })).documentId;
    const first = await docs.create({ data: { headline: 'Suspects, first', variantOf: base.documentId, targetSegments: [segment], targetStage: 'help' } });
    const twin = await docs.create({ data: { headline: 'Suspects, twin', variantOf: base.documentId, targetSegments: [segment], targetStage: 'help' } });

    const res = await get('/personalize/watch-list');
    expect(res.status).toBe(200);
    const { untargetedSegments, shadowedVariants, unpublishedBases } = res.body.data;
    const targeted = new Set(
      [HERO_BANNERS, OFFERS].flatMap((t) => t.entries.flatMap((e) => (e.variants ?? []).flatMap((v) => v.segments)))
    );
    for (const s of untargetedSegments) expect(targeted.has(s.slug)).toBe(false);
    expect(unpublishedBases).toContainEqual({ contentType: BANNER, documentId: base.documentId, title: 'Watch-list base', variants: 2 });
    const shadowed = shadowedVariants.filter((v: any) => v.baseDocumentId === base.documentId);
    expect(shadowed).toHaveLength(1);
    expect([first.documentId, twin.documentId]).toContain(shadowed[0].documentId);
    expect(shadowed[0].shadowedBy).toEqual([[first.documentId, twin.documentId].find((id) => id !== shadowed[0].documentId)]);

    for (const { documentId } of [first, twin, base]) await docs.delete({ documentId });
  });
});

describe('preview as', () => {
  it('serves each entry as the content API would, with the reason', async () => {
    const res = await send('post', '/personalize/preview', { contentType: BANNER, context: { segments: ['anonymous'], stage: 'orient' } });
    expect(res.status).toBe(200);
    const { rows, visitorSegments } = res.body.data;
    expect(visitorSegments).toContain('anonymous');
    expect(rows).toHaveLength(HERO_BANNERS.entries.length);
    const first = rows.find((r: any) => r.title === HERO_BANNERS.entries[0].data.headline);
    expect(first.decision.reason).toBe('SEGMENT_AND_STAGE');
    expect(first.servedTitle).toBe(HERO_BANNERS.entries[0].variants![0].data.headline);

    const api = await app.gql(
      `query($id: ID!) { personalizedHeroBanner(documentId: $id, context: { segments: ["anonymous"], stage: orient }) { decision { servedDocumentId reason } } }`,
      { id: first.documentId }
    );
    expect(api.body.data.personalizedHeroBanner.decision).toEqual({ servedDocumentId: first.decision.servedDocumentId, reason: 'SEGMENT_AND_STAGE' });
  });

  it('rejects a bad context with the field named', async () => {
    const res = await send('post', '/personalize/preview', { contentType: BANNER, context: { stage: 'later' } });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/^context\.stage/);
  });
});

describe('the edit-view panel', () => {
  let base: string;
  it('lists the variants of a base, and the base of a variant', async () => {
    const { body } = await get(`/personalize/roles?contentType=${BANNER}`);
    base = Object.keys(body.data).find((id) => body.data[id] === null && Object.values(body.data).includes(id))!;
    const res = await get(`/personalize/variants?contentType=${BANNER}&documentId=${base}`);
    expect(res.status).toBe(200);
    expect(res.body.data.role).toBe('base');
    expect(res.body.data.variants.length).toBeGreaterThan(0);
    const variant = res.body.data.variants[0];
    expect(variant.status).toBe('published');
    const back = await get(`/personalize/variants?contentType=${BANNER}&documentId=${variant.documentId}`);
    expect(back.body.data).toMatchObject({ role: 'variant', base: { documentId: base }, targeting: { segments: variant.segments } });
  });

  it('creates a draft variant copied from its base, targeted, and served once published', async () => {
    const created = await send('post', '/personalize/variants', { contentType: BANNER, baseDocumentId: base, segments: ['customer'], stage: 'help' });
    expect(created.status).toBe(200);
    const { documentId } = created.body.data;
    const draft = await app.strapi.documents(BANNER).findOne({ documentId, status: 'draft', populate: ['variantOf', 'targetSegments'] });
    const original = await app.strapi.documents(BANNER).findOne({ documentId: base, status: 'draft' });
    expect(draft).toMatchObject({ headline: original.headline, targetStage: 'help', variantOf: { documentId: base } });
    expect(draft.targetSegments.map((s: any) => s.slug)).toEqual(['customer']);

    const context = { segments: ['customer'], stage: 'help' };
    const before = await send('post', '/personalize/preview', { contentType: BANNER, context });
    expect(before.body.data.rows.find((r: any) => r.documentId === base).decision.servedDocumentId).not.toBe(documentId);
    const drafts = await send('post', '/personalize/preview', { contentType: BANNER, context, status: 'draft' });
    expect(drafts.body.data.rows.find((r: any) => r.documentId === base).decision.servedDocumentId).toBe(documentId);

    await app.strapi.documents(BANNER).publish({ documentId });
    const coverage = await get(`/personalize/coverage?contentType=${BANNER}`);
    const cell = coverage.body.data.rows.find((r: any) => r.segment === 'customer').cells.help;
    expect(cell.published).toBe(coveredInDemo(HERO_BANNERS, 'customer', 'help') + 1);
  });

  it('refuses a variant of a variant, unknown segments and bad stages with the field named', async () => {
    const { body } = await get(`/personalize/roles?contentType=${BANNER}`);
    const variant = Object.keys(body.data).find((id) => body.data[id] !== null)!;
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ contentType: BANNER, baseDocumentId: variant, segments: [], stage: null }, 'variantOf'],
      [{ contentType: BANNER, baseDocumentId: base, segments: ['nobody'], stage: null }, 'segments'],
      [{ contentType: BANNER, baseDocumentId: base, segments: [], stage: 'later' }, 'stage'],
      [{ contentType: BANNER, baseDocumentId: 42, segments: [], stage: null }, 'baseDocumentId'],
      [{ contentType: 'api::faq.faq', baseDocumentId: base, segments: [], stage: null }, 'contentType'],
    ];
    for (const [input, field] of cases) {
      const res = await send('post', '/personalize/variants', input);
      expect([field, res.status]).toEqual([field, 400]);
      expect(res.body.error.message).toMatch(new RegExp(`^${field}`));
    }
  });
});

describe('segments', () => {
  it('creates, edits and deletes a segment, validating its rules', async () => {
    const bad = await send('post', '/personalize/segments', { name: 'Bad', kind: 'custom', priority: 1, rules: { traits: { age: { $gtee: 3 } } } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/^rules/);

    const created = await send('post', '/personalize/segments', {
      name: 'Night owls',
      kind: 'custom',
      priority: 3,
      estimatedReach: 7,
      rules: { traits: { hour: { $gte: 22 } } },
    });
    expect(created.status).toBe(200);
    expect(created.body.data).toMatchObject({ slug: 'night-owls', estimatedReach: 7, variantCount: 0 });
    const { documentId } = created.body.data;
    const edited = await send('put', `/personalize/segments/${documentId}`, { priority: 4 });
    expect(edited.body.data.priority).toBe(4);
    const list = await get('/personalize/segments');
    expect(list.body.data.find((s: any) => s.slug === 'night-owls').rules).toEqual({ traits: { hour: { $gte: 22 } } });
    expect((await send('delete', `/personalize/segments/${documentId}`)).status).toBe(200);
    expect((await send('put', `/personalize/segments/${documentId}`, { priority: 1 })).status).toBe(404);
  });

  it('tests a rule against sample traits', async () => {
    const rules = { traits: { age: { $lt: 26 } } };
    expect((await send('post', '/personalize/segments/test-rule', { rules, traits: { age: 20 } })).body.data).toEqual({ valid: true, problems: [], matches: true });
    expect((await send('post', '/personalize/segments/test-rule', { rules, traits: { age: 40 } })).body.data.matches).toBe(false);
    const invalid = await send('post', '/personalize/segments/test-rule', { rules: { $bogus: 1 }, traits: {} });
    expect(invalid.body.data.valid).toBe(false);
    expect(invalid.body.data.problems[0].path).toMatch(/^rules/);
  });
});

describe('settings', () => {
  it('changes the journey-step mapping, which the content API then applies', async () => {
    const res = await send('put', '/personalize/settings', { stageForStep: { discovery: 'help' } });
    expect(res.status).toBe(200);
    expect(res.body.data.stageForStep).toMatchObject({ discovery: 'help', comparison: 'inform' });
    const api = await app.gql(`{ personalizedHeroBanners(context: { journeyStep: discovery }) { decision { matchedStage reason } } }`);
    expect(api.body.errors).toBeUndefined();
    // The demo's stage-only variant (any segment, help) now serves visitors at discovery.
    expect(api.body.data.personalizedHeroBanners.map((p: any) => p.decision)).toContainEqual({ matchedStage: 'help', reason: 'STAGE' });
    const bad = await send('put', '/personalize/settings', { stageForStep: { discovery: 'later' } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/^stageForStep\.discovery/);
    await send('put', '/personalize/settings', { stageForStep: { discovery: 'orient' } });
  });
});

describe('RBAC: each admin route needs its action', () => {
  const routes: Array<{ action: string; method: 'get' | 'post' | 'put'; path: string; body?: unknown; allowed?: number }> = [
    { action: PERMISSIONS.readCoverage, method: 'get', path: `/personalize/coverage?contentType=${BANNER}` },
    { action: PERMISSIONS.readCoverage, method: 'get', path: `/personalize/coverage/gaps?contentType=${BANNER}&segment=customer&stage=help` },
    { action: PERMISSIONS.readCoverage, method: 'get', path: '/personalize/watch-list' },
    { action: PERMISSIONS.readCoverage, method: 'post', path: '/personalize/preview', body: { contentType: BANNER, context: {} } },
    { action: PERMISSIONS.manageSegments, method: 'get', path: '/personalize/segments' },
    { action: PERMISSIONS.manageSegments, method: 'post', path: '/personalize/segments/test-rule', body: { rules: {}, traits: {} } },
    { action: PERMISSIONS.readSettings, method: 'get', path: '/personalize/settings' },
    { action: PERMISSIONS.updateSettings, method: 'put', path: '/personalize/settings', body: { enabled: true } },
    { action: PERMISSIONS.readSettings, method: 'get', path: '/personalize/webhooks' },
    // Past the permission check, an unknown webhook is a 404.
    { action: PERMISSIONS.updateSettings, method: 'put', path: '/personalize/webhooks/999999', body: { events: [] }, allowed: 404 },
    { action: PERMISSIONS.readCoverage, method: 'post', path: '/personalize/preview/token', body: { contentType: BANNER } },
    { action: PERMISSIONS.readAnalytics, method: 'get', path: '/personalize/analytics/overview' },
    // Past the permission check, an unknown experiment is a 404.
    { action: PERMISSIONS.manageExperiments, method: 'put', path: '/personalize/experiments/none', body: { version: 2 }, allowed: 404 },
    { action: PERMISSIONS.manageExperiments, method: 'post', path: '/personalize/experiments/none/pause', allowed: 404 },
    { action: PERMISSIONS.readAnalytics, method: 'get', path: '/personalize/alerts' },
  ];
  const call = (headers: Record<string, string>, { method, path, body }: (typeof routes)[number]) =>
    method === 'get' ? get(path, headers) : send(method, path, body, headers);

  it.each(Object.values(PERMISSIONS))('a role with only %s reaches its routes and no others', async (action) => {
    const headers = await userWith(action.split('.').slice(-2).join('-'), [action]);
    for (const route of routes) {
      const res = await call(headers, route);
      expect([route.path, res.status]).toEqual([route.path, route.action === action ? route.allowed ?? 200 : 403]);
    }
  });

  it('the edit-view panel needs the Content Manager permission on the type', async () => {
    const reader = await userWith('banner-reader', [], [BANNER]);
    expect((await get(`/personalize/roles?contentType=${BANNER}`, reader)).status).toBe(200);
    expect((await get(`/personalize/roles?contentType=${OFFER}`, reader)).status).toBe(403);
    const create = await send('post', '/personalize/variants', { contentType: BANNER, baseDocumentId: 'x', segments: [], stage: null }, reader);
    expect(create.status).toBe(403);
  });
});
