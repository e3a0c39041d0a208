import http from 'http';
import type { AddressInfo } from 'net';
import { PERMISSIONS, PLUGIN_WEBHOOK_EVENTS } from '../../shared/contracts/admin';
import { CACHE_TAGS, WEBHOOK_EVENTS } from '../../shared/contracts/content-api';
import { OFFERS } from '../../playground/src/seed/data';
import { adminWith, startApp, type TestApp } from './harness';

/**
 * "Publish reaches the site": the plugin's webhook events, subscribed on the plugin's own routes
 * (the Settings tab), delivered by Strapi's webhook runner to a tiny HTTP receiver here: the
 * right event, content type, base entries and cache tags, once per change however many writes
 * it took, with Strapi's headers and the webhook's own; nothing for a draft saved.
 */
let app: TestApp;
let receiver: http.Server;
let webhookId: string;
const received: Array<{ headers: http.IncomingHttpHeaders; body: any }> = [];
const OFFER = OFFERS.uid;
const CM = `/content-manager/collection-types/${OFFER}`;

const admin = (method: 'get' | 'post' | 'put' | 'delete', path: string, body?: object, headers = app.admin) => {
  const req = app.http()[method](path).set(headers);
  return body ? req.send(body) : req;
};
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** What arrives for `change`, once the events are sent and a quiet second has passed (so a second event would be seen). */
const deliveries = async (change: () => Promise<unknown>) => {
  received.length = 0;
  await change();
  await sleep(1500);
  return received.map(({ headers, body }) => ({ event: headers['x-strapi-event'], ...body }));
};
/** A body as the receiver got it, without its time. */
const event = (name: string, contentType: string | null, documentIds: string[], tags: string[], locales: string[] = []) => ({
  event: name,
  contentType,
  documentIds,
  locales,
  tags,
});

beforeAll(async () => {
  app = await startApp();
  receiver = http.createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      received.push({ headers: req.headers, body: JSON.parse(body) });
      res.end('ok');
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/revalidate`;
  // Made in Strapi's Settings > Webhooks, with one of Strapi's own events and a secret header.
  const created = await admin('post', '/admin/webhooks', { name: 'site', url, headers: { 'X-Site-Secret': 's3cret' }, events: ['entry.publish'] });
  expect(created.status).toBe(201);
  webhookId = String(created.body.data.id);
  const enabled = await admin('put', `/admin/webhooks/${webhookId}`, { name: 'site', url, headers: { 'X-Site-Secret': 's3cret' }, events: ['entry.publish'], isEnabled: true });
  expect(enabled.status).toBe(200);
});
afterAll(async () => {
  await app?.stop();
  await new Promise((resolve) => receiver?.close(resolve));
});

describe('subscribing on the plugin’s routes', () => {
  it("lists Strapi's webhooks with the plugin's events they receive, and sets them, keeping Strapi's own", async () => {
    const before = await admin('get', '/personalize/webhooks');
    expect(before.status).toBe(200);
    expect(before.body.data.events).toEqual([...PLUGIN_WEBHOOK_EVENTS]);
    expect(before.body.data.webhooks.find((w: any) => w.id === webhookId)).toMatchObject({ name: 'site', isEnabled: true, events: [] });

    const events = Object.values(WEBHOOK_EVENTS);
    const res = await admin('put', `/personalize/webhooks/${webhookId}`, { events });
    expect(res.status).toBe(200);
    expect(res.body.data.events).toEqual(events);
    const stored = await admin('get', `/admin/webhooks/${webhookId}`);
    expect(stored.body.data.events).toEqual(['entry.publish', ...events]);
    expect(stored.body.data.headers).toEqual({ 'X-Site-Secret': 's3cret' });
  });

  it.each([
    ['events', {}],
    ['events[1]', { events: [WEBHOOK_EVENTS.content, 'entry.publish'] }],
  ])('refuses a bad %s with a 400 naming it', async (field, body) => {
    const res = await admin('put', `/personalize/webhooks/${webhookId}`, body);
    expect(res.status).toBe(400);
    expect(res.body.error.message.startsWith(`${field}:`)).toBe(true);
  });

  it('answers 404 for a webhook that does not exist, and needs the settings permissions', async () => {
    expect((await admin('put', '/personalize/webhooks/999999', { events: [] })).status).toBe(404);
    const reader = await adminWith(app, 'settings-reader', [PERMISSIONS.readSettings]);
    expect((await admin('get', '/personalize/webhooks', undefined, reader)).status).toBe(200);
    expect((await admin('put', `/personalize/webhooks/${webhookId}`, { events: [] }, reader)).status).toBe(403);
    expect([401, 403]).toContain((await admin('get', '/personalize/webhooks', undefined, app.fullAccess)).status);
  });
});

describe('what reaches the site', () => {
  const ids: Record<string, string> = {};
  beforeAll(async () => {
    const offers = app.strapi.documents(OFFER);
    ids.base = (await offers.create({ data: { title: 'WH base' }, status: 'published' })).documentId;
    ids.variant = (await offers.create({ data: { title: 'WH variant', variantOf: ids.base } })).documentId;
    await sleep(1000);
  });

  it('a variant published from the Content Manager (its draft saved, then published): one event, with the tags and headers', async () => {
    const got = await deliveries(async () => {
      expect((await admin('put', `${CM}/${ids.variant}`, { title: 'WH variant, edited' })).status).toBe(200);
      const started = Date.now();
      expect((await admin('post', `${CM}/${ids.variant}/actions/publish`, {})).status).toBe(200);
      // The Content Manager publishes in a transaction: looking up the base inside it once waited
      // 60 s for SQLite's one connection (the index's background re-read held in line behind it).
      expect(Date.now() - started).toBeLessThan(10_000);
    });
    const ours = got.filter((body) => body.event !== 'entry.publish');
    expect(ours).toEqual([expect.objectContaining(event(WEBHOOK_EVENTS.content, OFFER, [ids.base], [CACHE_TAGS.list(OFFER), CACHE_TAGS.entry(OFFER, ids.base)]))]);
    // Strapi's own event still reaches it too: the plugin's subscription left it in place.
    expect(got.map((body) => body.event)).toContain('entry.publish');
    const mine = received.find(({ headers }) => headers['x-strapi-event'] === WEBHOOK_EVENTS.content)!;
    expect(mine.headers['x-site-secret']).toBe('s3cret');
    expect(mine.headers['content-type']).toBe('application/json');
    expect(Number.isNaN(Date.parse(mine.body.createdAt))).toBe(false);
  });

  it('a draft saved: nothing', async () => {
    const got = await deliveries(() => admin('put', `${CM}/${ids.variant}`, { title: 'WH variant, draft only' }));
    expect(got).toEqual([]);
  });

  it('a base unpublished, its published variants with it: one event', async () => {
    const got = await deliveries(() => app.strapi.documents(OFFER).unpublish({ documentId: ids.base }));
    expect(got).toEqual([expect.objectContaining(event(WEBHOOK_EVENTS.content, OFFER, [ids.base], [CACHE_TAGS.list(OFFER), CACHE_TAGS.entry(OFFER, ids.base)]))]);
    await app.strapi.documents(OFFER).publish({ documentId: ids.base });
    await sleep(1000);
  });

  it('a variant deleted: one event naming its base', async () => {
    const got = await deliveries(() => admin('delete', `${CM}/${ids.variant}`));
    expect(got).toEqual([expect.objectContaining(event(WEBHOOK_EVENTS.content, OFFER, [ids.base], [CACHE_TAGS.list(OFFER), CACHE_TAGS.entry(OFFER, ids.base)]))]);
  });

  it('a segment changed: every personalized read', async () => {
    const segments = (await admin('get', '/personalize/segments')).body.data;
    const prospect = segments.find((s: any) => s.slug === 'prospect');
    const got = await deliveries(() => admin('put', `/personalize/segments/${prospect.documentId}`, { priority: prospect.priority + 1 }));
    expect(got).toEqual([expect.objectContaining(event(WEBHOOK_EVENTS.segments, null, [], [CACHE_TAGS.segments]))]);
  });

  it('switches flipped: everything, a type, or an entry, each as it is', async () => {
    const put = (body: object) => admin('put', '/personalize/settings', body);
    expect(await deliveries(() => put({ enabled: false }))).toEqual([expect.objectContaining(event(WEBHOOK_EVENTS.settings, null, [], [CACHE_TAGS.settings]))]);
    // Two events (every type, and this type), delivered side by side: in either order.
    const both = await deliveries(() => put({ enabled: true, disabledContentTypes: [OFFER] }));
    expect(both).toHaveLength(2);
    expect(both).toEqual(
      expect.arrayContaining([
        expect.objectContaining(event(WEBHOOK_EVENTS.settings, null, [], [CACHE_TAGS.settings])),
        expect.objectContaining(event(WEBHOOK_EVENTS.settings, OFFER, [], [CACHE_TAGS.type(OFFER)])),
      ])
    );
    const paused = await deliveries(async () => {
      await put({ disabledContentTypes: [] });
      await put({ pausedEntries: [ids.base] });
    });
    expect(paused).toEqual([
      expect.objectContaining(event(WEBHOOK_EVENTS.settings, OFFER, [ids.base], [CACHE_TAGS.type(OFFER), CACHE_TAGS.list(OFFER), CACHE_TAGS.entry(OFFER, ids.base)])),
    ]);
    expect(await deliveries(() => put({ pausedEntries: [ids.base] }))).toEqual([]);
    await put({ pausedEntries: [] });
    await sleep(1000);
  });

  it('an experiment started and stopped: one event each, naming its entry', async () => {
    const variant = (await app.strapi.documents(OFFER).create({ data: { title: 'WH arm', variantOf: ids.base }, status: 'published' })).documentId;
    await sleep(1000);
    let documentId = '';
    const started = await deliveries(async () => {
      const res = await admin('post', '/personalize/experiments', {
        name: 'WH test',
        key: 'wh-test',
        contentType: OFFER,
        baseDocumentId: ids.base,
        arms: [
          { name: 'base', documentId: null, weight: 1 },
          { name: 'arm', documentId: variant, weight: 1 },
        ],
      });
      expect(res.status).toBe(200);
      documentId = res.body.data.documentId;
    });
    const expected = event(WEBHOOK_EVENTS.experiment, OFFER, [ids.base], [CACHE_TAGS.list(OFFER), CACHE_TAGS.entry(OFFER, ids.base)]);
    expect(started).toEqual([expect.objectContaining(expected)]);
    expect(await deliveries(() => admin('post', `/personalize/experiments/${documentId}/stop`, { reason: 'done' }))).toEqual([expect.objectContaining(expected)]);
    expect(await deliveries(() => admin('delete', `/personalize/experiments/${documentId}`))).toEqual([expect.objectContaining(expected)]);
  });

  it('a webhook no longer subscribed gets nothing', async () => {
    expect((await admin('put', `/personalize/webhooks/${webhookId}`, { events: [] })).status).toBe(200);
    const got = await deliveries(() => admin('put', '/personalize/settings', { enabled: true, stageForStep: { discovery: 'inform' } }));
    expect(got).toEqual([]);
    await admin('put', '/personalize/settings', { stageForStep: { discovery: 'orient' } });
  });
});
