import { OFFERS } from '../../playground/src/seed/data';
import { startApp, type TestApp } from './harness';

/**
 * Bandits on the server, end to end: counts sent as events, allocations stored as versions and
 * served, sticky arms across an allocation change, the editors' controls, and the sequential verdict.
 */
let app: TestApp;
beforeAll(async () => {
  process.env.PERSONALIZE_EVENTS_RATE_POINTS = '10000';
  app = await startApp();
});
afterAll(async () => {
  await app?.stop();
  delete process.env.PERSONALIZE_EVENTS_RATE_POINTS;
});

const OFFER = OFFERS.uid;
const admin = (method: 'get' | 'post' | 'put', path: string, body?: object) => {
  const req = app.http()[method](`/personalize${path}`).set(app.admin);
  return body ? req.send(body) : req;
};

/** A fresh base offer with `n` published, untargeted variants, so each test counts from zero. */
const freshOffer = async (title: string, n: number) => {
  const docs = app.strapi.documents(OFFER);
  const base = await docs.create({ data: { title, product: 'car' }, status: 'published' });
  const variants: string[] = [];
  for (let i = 1; i <= n; i++) {
    variants.push((await docs.create({ data: { title: `${title} ${i}`, product: 'car', variantOf: base.documentId }, status: 'published' })).documentId);
  }
  return { base: base.documentId as string, variants };
};

const createExperiment = async (body: Record<string, unknown>) => {
  const res = await admin('post', '/experiments', { contentType: OFFER, ...body });
  expect(res.status).toBe(200);
  return res.body.data;
};

/** Arms named in order: the first serves the base, the others the offer's variants in order. */
const armsOf = (offer: { variants: string[] }, names: string[]) =>
  names.map((name, i) => ({ name, documentId: i === 0 ? null : offer.variants[i - 1], weight: 1 }));

let counter = 0;
/** Per arm: impressions and clicks, sent as events over HTTP in batches of 200. */
const traffic = async (base: string, arms: Record<string, { served: string; impressions: number; clicks: number; goal?: string }>) => {
  const events = Object.entries(arms).flatMap(([arm, { served, impressions, clicks, goal }]) => [
    ...Array.from({ length: impressions }, () => ({ type: 'impression' })),
    ...Array.from({ length: clicks }, () => (goal ? { type: 'conversion', goal } : { type: 'click' })),
  ].map((event) => ({ ...event, id: `o-${++counter}`, contentType: OFFER, baseDocumentId: base, servedDocumentId: served, arm })));
  for (let i = 0; i < events.length; i += 200) {
    const res = await app.http().post('/api/personalize/events').send({ consent: true, events: events.slice(i, i + 200) });
    expect(res.status).toBe(200);
  }
};

/** The decision for a visitor, over REST, with the arms the visitor carries. */
const decision = async (base: string, visitorId: string, arms?: Record<string, string>) => {
  const query = new URLSearchParams({ visitorId, ...(arms ? { arms: JSON.stringify(arms) } : {}) });
  const res = await app.http().get(`/api/personalize/content/offers/${base}?${query}`);
  expect(res.status).toBe(200);
  return res.body.data.decision;
};
const shares = (decisions: Array<{ arm: string }>) => {
  const counts: Record<string, number> = {};
  for (const { arm } of decisions) counts[arm] = (counts[arm] ?? 0) + 1;
  return counts;
};

describe('a bandit', () => {
  let offer: { base: string; variants: string[] };
  let experiment: any;
  const before: Array<{ arm: string; experiment: string }> = [];
  const VISITORS = 120;

  beforeAll(async () => {
    offer = await freshOffer('Bandit offer', 2);
    experiment = await createExperiment({
      name: 'Bandit',
      key: 'bandit-clicks',
      baseDocumentId: offer.base,
      holdout: 0.1,
      arms: armsOf(offer, ['base', 'plain', 'bold']),
      optimize: { metric: 'clicks' },
    });
  });

  it('keeps the editor\'s weights until its first impressions, then stores nothing for a request', async () => {
    expect(experiment.optimize).toEqual({ metric: 'clicks', goal: null, minShare: 0.01, pinned: null, paused: false });
    const res = await admin('post', `/experiments/${experiment.documentId}/allocate`);
    expect(res.status).toBe(200);
    expect(res.body.data.allocation).toBeNull();
    for (let i = 0; i < VISITORS; i++) before.push(await decision(offer.base, `sticky-${i}`));
    const counts = shares(before);
    // An even split of the 90% not held out: each arm near 36 of 120.
    for (const arm of ['base', 'plain', 'bold']) expect(counts[arm]).toBeGreaterThan(20);
    expect(before.every((d) => d.experiment === 'bandit-clicks@1')).toBe(true);
  });

  it('moves traffic toward the better arm after the counts come in, and keeps the version', async () => {
    await traffic(offer.base, {
      base: { served: offer.base, impressions: 2000, clicks: 60 },
      plain: { served: offer.variants[0], impressions: 2000, clicks: 70 },
      bold: { served: offer.variants[1], impressions: 2000, clicks: 130 },
    });
    const res = await admin('post', `/experiments/${experiment.documentId}/allocate`);
    const allocation = res.body.data.allocation;
    expect(allocation).toMatchObject({ sequence: 1, cause: 'request', by: expect.any(String), mode: 'optimizing', winner: 'bold' });
    const bold = allocation.arms.find((arm: any) => arm.name === 'bold');
    expect(bold).toMatchObject({ trials: 2000, successes: 130, previousWeight: expect.closeTo(1 / 3, 10) });
    expect(bold.weight).toBeGreaterThan(0.95);
    expect(allocation.arms.filter((arm: any) => arm.name !== 'bold').every((arm: any) => arm.atMinimum && arm.weight === 0.01)).toBe(true);

    // The same counts: nothing moved, nothing stored.
    const again = await admin('post', `/experiments/${experiment.documentId}/allocate`);
    expect(again.body.data.allocation.sequence).toBe(1);
    const history = await admin('get', `/experiments/${experiment.documentId}/allocations`);
    expect(history.body.data.map((v: any) => v.sequence)).toEqual([1]);
    const report = await admin('get', `/analytics?contentType=${OFFER}&documentId=${offer.base}`);
    expect(report.body.data.experiment.allocations.map((v: any) => v.sequence)).toEqual([1]);
    // Traffic moves with the weights: the bandit's split is not checked against them.
    expect(report.body.data.experiment.sampleRatio).toBeNull();

    const newcomers = shares(await Promise.all(Array.from({ length: 100 }, (_, i) => decision(offer.base, `newcomer-${i}`))));
    expect(newcomers.bold).toBeGreaterThan(80);
  });

  it('keeps each visitor\'s arm across the allocation change, and serves what the arm serves', async () => {
    const after = await Promise.all(before.map((d, i) => decision(offer.base, `sticky-${i}`, { [d.experiment]: d.arm })));
    expect(after.map((d) => d.arm)).toEqual(before.map((d) => d.arm));
    expect(after.map((d) => d.servedDocumentId)).toEqual(before.map((d: any) => d.servedDocumentId));
    // Without the arms they carry, the new weights assign most of them again.
    const forgetful = await Promise.all(before.map((_, i) => decision(offer.base, `sticky-${i}`)));
    expect(forgetful.filter((d, i) => d.arm !== before[i].arm).length).toBeGreaterThan(40);
    // An arm kept for another version of the experiment is not kept.
    const stale = await decision(offer.base, 'sticky-x', { 'bandit-clicks@9': 'base' });
    expect(stale.experiment).toBe('bandit-clicks@1');
  });

  it('refuses controls it cannot apply, naming the field', async () => {
    const path = `/experiments/${experiment.documentId}`;
    expect((await admin('post', `${path}/pin`, { arm: 'bolder' })).body.error.message).toMatch(/^arm: /);
    expect((await admin('post', `${path}/pin`, { arm: 'bold', share: 2 })).body.error.message).toMatch(/^share: /);
    expect((await admin('post', `${path}/promote`, { arm: 'nope' })).status).toBe(400);
    expect((await admin('post', '/experiments/none/pause')).status).toBe(404);
    const bad = await admin('put', path, { optimize: { metric: 'views' } });
    expect([bad.status, bad.body.error.message]).toEqual([400, expect.stringMatching(/^optimize\.metric: /)]);
    const goal = await admin('put', path, { optimize: { metric: 'conversions' } });
    expect(goal.body.error.message).toMatch(/^optimize\.goal: /);
    const share = await admin('put', path, { optimize: { metric: 'clicks', minShare: 0.5 } });
    expect(share.body.error.message).toMatch(/^optimize\.minShare: /);
  });

  it('is pinned, unpinned, paused and resumed, each recorded as a version with who and why', async () => {
    const path = `/experiments/${experiment.documentId}`;
    const pinned = (await admin('post', `${path}/pin`, { arm: 'plain', share: 0.5 })).body.data;
    expect(pinned.experiment.optimize.pinned).toEqual({ arm: 'plain', share: 0.5 });
    expect(pinned.allocation).toMatchObject({ sequence: 2, cause: 'pin', mode: 'pinned' });
    expect(pinned.allocation.arms.find((arm: any) => arm.name === 'plain').weight).toBe(0.5);

    const unpinned = (await admin('post', `${path}/unpin`)).body.data.allocation;
    expect(unpinned).toMatchObject({ sequence: 3, cause: 'unpin', mode: 'optimizing' });

    const paused = (await admin('post', `${path}/pause`)).body.data.allocation;
    expect(paused).toMatchObject({ sequence: 4, cause: 'pause', mode: 'paused' });
    // Paused: new counts change no weight (nor the winner here), so the schedule stores nothing.
    await traffic(offer.base, { bold: { served: offer.variants[1], impressions: 500, clicks: 40 } });
    await app.strapi.plugin('personalize').service('bandits').allocateAll();
    const history = (await admin('get', `${path}/allocations`)).body.data;
    expect(history[0].sequence).toBe(4);
    expect(history.map((v: any) => v.cause)).toEqual(['pause', 'unpin', 'pin', 'request']);

    const resumed = (await admin('post', `${path}/resume`)).body.data.allocation;
    expect(resumed).toMatchObject({ sequence: 5, cause: 'resume', mode: 'optimizing' });
  });

  it('stops with a record of why, and then no longer decides', async () => {
    const res = await admin('post', `/experiments/${experiment.documentId}/stop`, { reason: 'season over' });
    expect(res.body.data.experiment).toMatchObject({ active: false, ended: { action: 'stopped', arm: null, reason: 'season over', by: expect.any(String), unpublished: [] } });
    const after = await decision(offer.base, 'sticky-1', { 'bandit-clicks@1': 'bold' });
    expect([after.arm, after.experiment]).toEqual([null, null]);
    expect((await admin('post', `/experiments/${experiment.documentId}/pause`)).status).toBe(400);
  });

  it('takes its versions along when deleted', async () => {
    expect((await app.http().delete(`/personalize/experiments/${experiment.documentId}`).set(app.admin)).status).toBe(200);
    const [{ n }] = await app.strapi.db.connection('personalize_allocations').where({ experiment_document_id: experiment.documentId }).count({ n: '*' });
    expect(Number(n)).toBe(0);
  });
});

describe('promoting the winner', () => {
  it('ends the experiment, unpublishes the other arms\' variants, and the winner serves its targeting', async () => {
    const offer = await freshOffer('Promoted offer', 2);
    const experiment = await createExperiment({
      name: 'Promote me',
      key: 'promote-me',
      baseDocumentId: offer.base,
      arms: armsOf(offer, ['base', 'first', 'second']),
    });
    const res = await admin('post', `/experiments/${experiment.documentId}/promote`, { arm: 'second', reason: 'clear winner' });
    expect(res.status).toBe(200);
    expect(res.body.data.experiment).toMatchObject({
      active: false,
      ended: { action: 'promoted', arm: 'second', reason: 'clear winner', unpublished: [offer.variants[0]] },
    });
    const published = await app.strapi.documents(OFFER).findOne({ documentId: offer.variants[0], status: 'published' });
    expect(published).toBeNull();
    const draft = await app.strapi.documents(OFFER).findOne({ documentId: offer.variants[0], status: 'draft' });
    expect(draft).not.toBeNull();
    // The winner is an untargeted variant: it now serves everyone, by its targeting.
    for (let i = 0; i < 10; i++) {
      expect(await decision(offer.base, `promoted-${i}`)).toMatchObject({ servedDocumentId: offer.variants[1], reason: 'UNTARGETED', arm: null });
    }
  });
});

describe('a pin of all the traffic with no hold-out', () => {
  it('serves the pinned arm to every visitor, sticky or not', async () => {
    const offer = await freshOffer('Pinned offer', 1);
    const experiment = await createExperiment({
      name: 'Pinned',
      key: 'pinned-all',
      baseDocumentId: offer.base,
      arms: armsOf(offer, ['base', 'variant']),
      optimize: { metric: 'conversions', goal: 'quote' },
    });
    const { allocation } = (await admin('post', `/experiments/${experiment.documentId}/pin`, { arm: 'variant' })).body.data;
    expect(allocation.arms.map((arm: any) => [arm.name, arm.weight])).toEqual([
      ['base', 0],
      ['variant', 1],
    ]);
    for (let i = 0; i < 30; i++) {
      const d = await decision(offer.base, `pinned-${i}`, i % 2 ? { 'pinned-all@1': 'base' } : undefined);
      expect(d).toMatchObject({ reason: 'EXPERIMENT', arm: 'variant', experiment: 'pinned-all@1', servedDocumentId: offer.variants[0] });
    }
  });
});

describe('the sequential verdict of a fixed split', () => {
  it('says "winner" for a clearly better arm and "keep going" for a tie, beside the interval', async () => {
    const offer = await freshOffer('Sequential offer', 2);
    await createExperiment({
      name: 'Sequential',
      key: 'sequential-split',
      baseDocumentId: offer.base,
      arms: armsOf(offer, ['control', 'better', 'same']),
    });
    await traffic(offer.base, {
      control: { served: offer.base, impressions: 3000, clicks: 90 },
      better: { served: offer.variants[0], impressions: 3000, clicks: 240 },
      same: { served: offer.variants[1], impressions: 3000, clicks: 95 },
    });
    const report = (await admin('get', `/analytics?contentType=${OFFER}&documentId=${offer.base}`)).body.data;
    const row = (key: string) => report.variants.find((v: any) => v.key === key);
    expect(row('control').sequential).toBeNull();
    // Two arms against the control share the 5%.
    expect(row('better').sequential.clicks).toMatchObject({ verdict: 'winner', decidedOn: 0, looks: 1, alpha: 0.025 });
    expect(row('better').vsControl.clicks.significant).toBe(true);
    expect(row('same').sequential.clicks).toMatchObject({ verdict: 'keep-going', decidedOn: null, looks: 1 });
    expect(report.experiment.sampleRatio.deviation).toBe(0);
    expect(report.experiment.allocations).toEqual([]);
  });
});
