import http from 'http';
import type { AddressInfo } from 'net';
import { OFFERS } from '../../playground/src/seed/data';
import { startApp, type TestApp } from './harness';

/**
 * Alerts end to end: each kind opens from what the database holds, stays one open alert per cause
 * however many rounds see it, resolves when its cause goes away, and reaches a webhook receiver
 * (a tiny HTTP server here) once, when it opens, through Strapi's webhooks.
 */
let app: TestApp;
let receiver: http.Server;
const received: any[] = [];

beforeAll(async () => {
  process.env.PERSONALIZE_EVENTS_RATE_POINTS = '10000';
  app = await startApp();
  receiver = http.createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      received.push({ event: req.headers['x-strapi-event'], body: JSON.parse(body) });
      res.end('ok');
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
  const created = await app.http().post('/admin/webhooks').set(app.admin).send({ name: 'alerts', url, headers: {}, events: ['personalize.alert.opened'] });
  expect([created.status, created.body.data.isEnabled]).toEqual([201, true]);
});
afterAll(async () => {
  await app?.stop();
  await new Promise((resolve) => receiver?.close(resolve));
  delete process.env.PERSONALIZE_EVENTS_RATE_POINTS;
});

const OFFER = OFFERS.uid;
const DAY_MS = 86_400_000;
const isoDay = (at: number) => new Date(at).toISOString().slice(0, 10);
const admin = (method: 'get' | 'post', path: string, body?: object) => {
  const req = app.http()[method](`/personalize${path}`).set(app.admin);
  return body ? req.send(body) : req;
};
const check = async () => {
  const res = await admin('post', '/alerts/check');
  expect(res.status).toBe(200);
  return res.body.data;
};
const alerts = async (status = 'open') => (await admin('get', `/alerts?status=${status}`)).body.data as any[];
const byCause = async (prefix: string, status = 'open') => (await alerts(status)).filter((alert) => alert.cause.startsWith(prefix));
/** The webhook deliveries for causes starting with `prefix`, once the runner's queue has sent them. */
const delivered = async (prefix: string, count: number) => {
  const mine = () => received.filter((r) => r.body.alert.cause.startsWith(prefix));
  for (let i = 0; i < 100 && mine().length < count; i++) await new Promise((resolve) => setTimeout(resolve, 50));
  return mine();
};

const freshOffer = async (title: string, n = 1, variantData: Record<string, unknown> = {}) => {
  const docs = app.strapi.documents(OFFER);
  const base = await docs.create({ data: { title, product: 'car' }, status: 'published' });
  const variants: string[] = [];
  for (let i = 1; i <= n; i++) {
    variants.push((await docs.create({ data: { title: `${title} ${i}`, product: 'car', variantOf: base.documentId, ...variantData }, status: 'published' })).documentId);
  }
  return { base: base.documentId as string, variants };
};
/** Arms named in order: the first serves the base, the others the offer's variants in order. */
const armsOf = (offer: { variants: string[] }, names: string[]) =>
  names.map((name, i) => ({ name, documentId: i === 0 ? null : offer.variants[i - 1], weight: 1 }));

let counter = 0;
const send = async (events: Array<Record<string, unknown>>) => {
  const all = events.map((event) => ({ type: 'impression', contentType: OFFER, ...event, id: `a-${++counter}` }));
  for (let i = 0; i < all.length; i += 200) expect((await app.http().post('/api/personalize/events').send({ consent: true, events: all.slice(i, i + 200) })).status).toBe(200);
};
const times = (n: number, event: Record<string, unknown>) => Array.from({ length: n }, () => event);
const experiment = async (body: Record<string, unknown>) => {
  const res = await admin('post', '/experiments', { contentType: OFFER, ...body });
  expect(res.status).toBe(200);
  return res.body.data;
};

describe('a sample-ratio mismatch', () => {
  it('opens once, with what, where, since when and a link, reaches the webhook once, and resolves when the split is right again', async () => {
    const offer = await freshOffer('SRM alert offer');
    const split = await experiment({
      name: 'SRM alert',
      key: 'srm-alert',
      baseDocumentId: offer.base,
      arms: armsOf(offer, ['a', 'b']),
    });
    await send([...times(600, { baseDocumentId: offer.base, servedDocumentId: offer.base, arm: 'a' }), ...times(400, { baseDocumentId: offer.base, servedDocumentId: offer.variants[0], arm: 'b' })]);
    const cause = `sample-ratio:${split.documentId}`;
    expect((await check()).opened).toBeGreaterThanOrEqual(1);
    const [alert] = await byCause(cause);
    expect(alert).toMatchObject({
      kind: 'sample-ratio',
      where: { contentType: OFFER, documentId: offer.base, experiment: { documentId: split.documentId, key: 'srm-alert', name: 'SRM alert' } },
      link: `/plugins/personalize?tab=analytics&contentType=${encodeURIComponent(OFFER)}&documentId=${offer.base}`,
      resolvedAt: null,
    });
    expect(alert.message).toMatch(/^Experiment "SRM alert": the arms got traffic out of line/);
    expect(alert.figures.pValue).toBeLessThan(0.001);

    // Seen again: still one alert, opened when it was, and no second webhook.
    await new Promise((resolve) => setTimeout(resolve, 5));
    await check();
    const again = await byCause(cause);
    expect(again.map((a) => [a.id, a.openedAt])).toEqual([[alert.id, alert.openedAt]]);
    expect(again[0].lastSeenAt > alert.lastSeenAt).toBe(true);
    const hooks = await delivered(cause, 1);
    expect(hooks).toHaveLength(1);
    expect(hooks[0]).toMatchObject({ event: 'personalize.alert.opened', body: { event: 'personalize.alert.opened', alert: { id: alert.id, kind: 'sample-ratio', message: alert.message } } });
    expect(hooks[0].body.url).toMatch(/\/admin\/plugins\/personalize\?tab=analytics/);

    await send(times(200, { baseDocumentId: offer.base, servedDocumentId: offer.variants[0], arm: 'b' }));
    expect((await check()).resolved).toBeGreaterThanOrEqual(1);
    expect(await byCause(cause)).toEqual([]);
    const [resolved] = await byCause(cause, 'resolved');
    expect(resolved).toMatchObject({ id: alert.id, openedAt: alert.openedAt, resolvedAt: expect.any(String) });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await delivered(cause, 2)).toHaveLength(1);
  });
});

describe('a bandit that found a winner', () => {
  it('opens, and resolves once the winner is promoted', async () => {
    const offer = await freshOffer('Winner alert offer');
    const bandit = await experiment({
      name: 'Winner alert',
      key: 'winner-alert',
      baseDocumentId: offer.base,
      arms: armsOf(offer, ['a', 'b']),
      optimize: { metric: 'conversions', goal: 'quote' },
    });
    const arm = (name: string, served: string, shows: number, quotes: number) => [
      ...times(shows, { baseDocumentId: offer.base, servedDocumentId: served, arm: name }),
      ...times(quotes, { type: 'conversion', goal: 'quote', baseDocumentId: offer.base, servedDocumentId: served, arm: name }),
    ];
    await send([...arm('a', offer.base, 1500, 30), ...arm('b', offer.variants[0], 1500, 90)]);
    await app.strapi.plugin('personalize').service('bandits').allocateAll();
    await check();
    const [alert] = await byCause(`bandit-winner:${bandit.documentId}`);
    expect(alert).toMatchObject({ kind: 'bandit-winner', where: { arm: 'b', experiment: { key: 'winner-alert' } } });
    expect(alert.figures.probabilityBest).toBeGreaterThanOrEqual(0.95);
    expect(await delivered(`bandit-winner:${bandit.documentId}`, 1)).toHaveLength(1);

    expect((await admin('post', `/experiments/${bandit.documentId}/promote`, { arm: 'b' })).status).toBe(200);
    await check();
    expect(await byCause(`bandit-winner:${bandit.documentId}`)).toEqual([]);
  });
});

describe('a rate that dropped against its own recent past', () => {
  it('opens for the served entry and the metric that dropped', async () => {
    const offer = await freshOffer('Drop alert offer');
    // Four weeks before the last seven days, then the last seven: 4% of clicks, then 2%.
    const rows = (day: string, impressions: number, clicks: number) =>
      [['impression', impressions], ['click', clicks]].map(([type, count]) => ({
        day, content_type: OFFER, base_document_id: offer.base, served_document_id: offer.variants[0], segment: '', arm: '', type, goal: '', count,
      }));
    const now = Date.now();
    const daily = [
      ...Array.from({ length: 28 }, (_, i) => rows(isoDay(now - (7 + i) * DAY_MS), 400, 16)),
      ...Array.from({ length: 7 }, (_, i) => rows(isoDay(now - i * DAY_MS), 400, 8)),
    ].flat();
    await app.strapi.db.connection('personalize_daily').insert(daily);
    await check();
    const [alert] = await byCause(`rate-drop:${OFFER}:${offer.variants[0]}:clicks`);
    expect(alert).toMatchObject({ kind: 'rate-drop', where: { contentType: OFFER, documentId: offer.base, servedDocumentId: offer.variants[0] } });
    expect(alert.figures).toMatchObject({ metric: 'clicks', baselineRate: 0.04, recentRate: 0.02 });
    expect(alert.message).toMatch(/^"Drop alert offer 1": its click rate fell from 4\.0% to 2\.0% \(-50%\)/);
  });
});

describe('segments', () => {
  it('raises a segment whose variants got no traffic for a week, and resolves it when they do', async () => {
    const segment = await admin('post', '/segments', { name: 'Quiet one', slug: 'quiet-one', kind: 'custom', priority: 3, rules: { traits: { quiet: true } } });
    expect(segment.status).toBe(200);
    const offer = await freshOffer('Quiet segment offer', 1, { targetSegments: [segment.body.data.documentId] });
    // Created ten days ago: a new segment is given a week first.
    await app.strapi.db.connection('personalize_segments').where({ document_id: segment.body.data.documentId }).update({ created_at: new Date(Date.now() - 10 * DAY_MS) });
    await send(times(150, { baseDocumentId: offer.base, servedDocumentId: offer.base }));
    await check();
    const [alert] = await byCause('quiet-segment:quiet-one');
    expect(alert).toMatchObject({ kind: 'quiet-segment', where: { segment: 'quiet-one' }, link: '/plugins/personalize?tab=segments' });
    await send([{ baseDocumentId: offer.base, servedDocumentId: offer.variants[0], segment: 'quiet-one' }]);
    await check();
    expect(await byCause('quiet-segment:quiet-one')).toEqual([]);
  });

  it('raises a stored rule that no longer parses, and resolves it once fixed', async () => {
    const segments = app.strapi.db.query('plugin::personalize.segment');
    await segments.create({ data: { name: 'Legacy', slug: 'legacy-rule', kind: 'custom', priority: 1, rules: { traits: { visits: { $gtee: 1 } } } } });
    app.strapi.plugin('personalize').service('segment-catalog').invalidate();
    await check();
    const [alert] = await byCause('broken-rule:legacy-rule');
    expect(alert.message).toMatch(/^Segment "legacy-rule": its stored rule no longer parses \(.*\$gtee/);
    await segments.update({ where: { slug: 'legacy-rule' }, data: { rules: { traits: { visits: { $gte: 1 } } } } });
    app.strapi.plugin('personalize').service('segment-catalog').invalidate();
    await check();
    expect(await byCause('broken-rule:legacy-rule')).toEqual([]);
  });
});

describe('an arm whose variant was unpublished', () => {
  it('opens with a link to the variant, and resolves once it is published again', async () => {
    const offer = await freshOffer('Unpublished arm offer');
    const split = await experiment({
      name: 'Unpublished arm',
      key: 'unpublished-arm',
      baseDocumentId: offer.base,
      arms: armsOf(offer, ['base', 'new']),
    });
    await app.strapi.documents(OFFER).unpublish({ documentId: offer.variants[0] });
    await check();
    const cause = `unpublished-arm:${split.documentId}:new`;
    const [alert] = await byCause(cause);
    expect(alert).toMatchObject({ where: { arm: 'new', servedDocumentId: offer.variants[0] }, link: `/content-manager/collection-types/${OFFER}/${offer.variants[0]}` });
    expect(await delivered(cause, 1)).toHaveLength(1);
    await app.strapi.documents(OFFER).publish({ documentId: offer.variants[0] });
    await check();
    expect(await byCause(cause)).toEqual([]);
  });
});

describe('the alerts API', () => {
  it('refuses an unknown status, naming it', async () => {
    const res = await admin('get', '/alerts?status=closed');
    expect([res.status, res.body.error.message]).toEqual([400, 'status: one of open, resolved, all']);
  });
});
