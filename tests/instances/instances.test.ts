import http from 'http';
import type { AddressInfo } from 'net';
import { startServer, type Server } from '../../bench/server';
import { OFFERS } from '../../playground/src/seed/data';
import { onServerDatabase, startApp, type TestApp } from '../integration/harness';

/**
 * Two playground instances on one PostgreSQL or MySQL/MariaDB database (`npm run test:postgres`,
 * `npm run test:mysql`): every write goes through the in-process app, every read through a second
 * `strapi start` process. What the other instance serves must follow within the documented bound:
 * CONTENT_INDEX_FRESHNESS_MS (content index, related content), CATALOG_TTL_MS (segments) and
 * SETTINGS_TTL_MS (switches), all 5 s, plus the time of one re-read. Asserted at 6 s; the observed
 * delays are printed. The events rate limit is counted once for both.
 */
const BOUND_MS = 6_000;
/** How long to keep looking past the bound, so that a miss reports the delay it actually took. */
const GIVE_UP_MS = 20_000;
const POLL_MS = 100;

const OFFER = OFFERS.uid;
const SEGMENT = 'plugin::personalize.segment';
const TAG = 'plugin::personalize.tag';

/** Event batches per client address in 600 s, for the whole file. */
const RATE_POINTS = 200;

let app: TestApp;
let other: Server;
/** The in-process app's own URL. */
let here: string;
const delays: Array<{ change: string; ms: number }> = [];
/** Related-content fixtures written before the other instance starts, so that it boots knowing them. */
const fixtures: Record<'shared' | 'alone' | 'source' | 'target', string> = { shared: '', alone: '', source: '', target: '' };

beforeAll(async () => {
  if (!onServerDatabase()) throw new Error('tests/instances/ share a server database: use `npm run test:postgres` or `npm run test:mysql`');
  // The events test below polls the other instance's events endpoint from 127.0.0.1 (some 50
  // batches); the rate-limit tests send from addresses of their own.
  process.env.PERSONALIZE_EVENTS_RATE_POINTS = String(RATE_POINTS);
  process.env.PERSONALIZE_EVENTS_RATE_SECONDS = '600';
  app = await startApp();
  // The in-process app on a real port too, so that requests can come from a chosen address.
  const httpServer = app.strapi.server.httpServer;
  await new Promise<void>((resolve) => httpServer.listen(0, '127.0.0.1', resolve));
  here = `http://127.0.0.1:${(httpServer.address() as AddressInfo).port}`;
  const tags = app.strapi.documents(TAG);
  fixtures.shared = (await tags.create({ data: { name: 'pg-shared', slug: 'pg-shared' } })).documentId;
  fixtures.alone = (await tags.create({ data: { name: 'pg-alone', slug: 'pg-alone' } })).documentId;
  const offers = app.strapi.documents(OFFER);
  for (const name of ['source', 'target'] as const) {
    const created = await offers.create({ data: { title: `PG related ${name}`, product: 'car', contentTags: [fixtures.shared] }, status: 'published' });
    fixtures[name] = created.documentId;
  }
  other = await startServer(app.databaseFile, app.databaseEnv);
}, 240_000);
afterAll(async () => {
  await other?.stop();
  await app?.stop();
  delete process.env.PERSONALIZE_EVENTS_RATE_POINTS;
  delete process.env.PERSONALIZE_EVENTS_RATE_SECONDS;
  if (delays.length) {
    const width = Math.max(...delays.map((d) => d.change.length));
    console.log(
      `Cross-instance delays (bound ${BOUND_MS} ms, polled every ${POLL_MS} ms):\n` +
        delays.map((d) => `  ${d.change.padEnd(width)}  ${d.ms < 0 ? `not within ${GIVE_UP_MS} ms` : `${d.ms} ms`}`).join('\n')
    );
  }
});

const post = async (url: string, query: string, variables: Record<string, unknown>) => {
  const res = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  const body = await res.json();
  if (res.status !== 200 || body.errors) throw new Error(`GraphQL ${res.status}: ${JSON.stringify(body)}`);
  return body.data;
};

const ONE = `query($id: ID!, $context: PersonalizationContextInput) {
  personalizedOffer(documentId: $id, context: $context) {
    entry { documentId title }
    decision { baseDocumentId servedDocumentId isVariant reason matchedSegment }
  }
}`;
const RELATED = `query($id: ID, $limit: Int) {
  relatedContent(documentId: $id, limit: $limit) { documentId sharedTags }
}`;

/** The documentId each instance serves for the base entry `id` to a visitor with `context`. */
const servedBy = async (url: string, id: string, context: Record<string, unknown>) => {
  const { personalizedOffer } = await post(url, ONE, { id, context });
  expect(personalizedOffer.entry.documentId).toBe(personalizedOffer.decision.servedDocumentId);
  return personalizedOffer.decision.servedDocumentId as string;
};
const servedHere = async (id: string, context: Record<string, unknown>) => {
  const res = await app.gql(ONE, { id, context });
  expect(res.body.errors).toBeUndefined();
  return res.body.data.personalizedOffer.decision.servedDocumentId as string;
};
const customer = { segments: ['customer'] };
const prospect = { segments: ['prospect'] };

/**
 * Polls the other instance until `holds` is true; records and returns the delay since `since`
 * (the moment the write through the in-process app returned). Fails past the bound.
 */
const untilOtherServes = async (change: string, since: number, holds: () => Promise<boolean>) => {
  let ms = -1;
  while (Date.now() - since < GIVE_UP_MS) {
    if (await holds()) {
      ms = Date.now() - since;
      break;
    }
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
  delays.push({ change, ms });
  if (ms < 0) throw new Error(`${change}: the other instance did not follow within ${GIVE_UP_MS} ms`);
  expect([change, ms < BOUND_MS]).toEqual([change, true]);
  return ms;
};

const slugDocumentId = async (uid: string, slug: string) => {
  const found = await app.strapi.documents(uid).findFirst({ filters: { slug } });
  if (!found) throw new Error(`no ${uid} with slug ${slug}`);
  return found.documentId as string;
};

describe('a variant written through one instance is served accordingly by the other', () => {
  const offers = () => app.strapi.documents(OFFER);
  let base: string;
  let variant: string;

  it('publish: the variant for its segment', async () => {
    const created = await offers().create({ data: { title: 'PG base offer', product: 'car' }, status: 'published' });
    base = created.documentId;
    // Both instances know the base before the variant exists.
    expect(await servedBy(other.url, base, customer)).toBe(base);
    const draft = await offers().create({
      data: { title: 'PG base offer for customers', product: 'car', variantOf: base, targetSegments: [await slugDocumentId(SEGMENT, 'customer')] },
    });
    variant = draft.documentId;
    await offers().publish({ documentId: variant });
    const since = Date.now();
    expect(await servedHere(base, customer)).toBe(variant);
    await untilOtherServes('publish', since, async () => (await servedBy(other.url, base, customer)) === variant);
    expect(await servedBy(other.url, base, prospect)).toBe(base);
  });

  it('retarget (customer -> prospect) and republish: base for customer, the variant for prospect', async () => {
    await offers().update({ documentId: variant, data: { targetSegments: [await slugDocumentId(SEGMENT, 'prospect')] } });
    await offers().publish({ documentId: variant });
    const since = Date.now();
    expect(await servedHere(base, customer)).toBe(base);
    expect(await servedHere(base, prospect)).toBe(variant);
    await untilOtherServes('retarget + republish', since, async () => {
      const [forCustomer, forProspect] = await Promise.all([servedBy(other.url, base, customer), servedBy(other.url, base, prospect)]);
      return forCustomer === base && forProspect === variant;
    });
  });

  it('pause the entry in the settings, then resume it', async () => {
    const settings = app.strapi.plugin('personalize').service('settings');
    await settings.update({ pausedEntries: [base] });
    let since = Date.now();
    expect(await servedHere(base, prospect)).toBe(base);
    await untilOtherServes('settings: entry paused', since, async () => (await servedBy(other.url, base, prospect)) === base);
    await settings.update({ pausedEntries: [] });
    since = Date.now();
    await untilOtherServes('settings: entry resumed', since, async () => (await servedBy(other.url, base, prospect)) === variant);
  });

  it('unpublish: the base', async () => {
    await offers().unpublish({ documentId: variant });
    const since = Date.now();
    expect(await servedHere(base, prospect)).toBe(base);
    await untilOtherServes('unpublish', since, async () => (await servedBy(other.url, base, prospect)) === base);
  });

  it('delete: the base', async () => {
    await offers().publish({ documentId: variant });
    let since = Date.now();
    await untilOtherServes('publish again', since, async () => (await servedBy(other.url, base, prospect)) === variant);
    await offers().delete({ documentId: variant });
    since = Date.now();
    expect(await servedHere(base, prospect)).toBe(base);
    await untilOtherServes('delete', since, async () => (await servedBy(other.url, base, prospect)) === base);
  });

  it('a segment\'s rules edited through one instance', async () => {
    const segments = app.strapi.documents(SEGMENT);
    const segment = await segments.create({ data: { name: 'PG gold', slug: 'pg-gold', kind: 'custom', priority: 50, rules: { traits: { tier: { $eq: 'gold' } } } } });
    const gold = await offers().create({
      data: { title: 'PG offer for gold', product: 'car', variantOf: base, targetSegments: [segment.documentId] },
      status: 'published',
    });
    const visitor = { traits: { tier: 'gold' } };
    let since = Date.now();
    expect(await servedHere(base, visitor)).toBe(gold.documentId);
    await untilOtherServes('new segment + variant', since, async () => (await servedBy(other.url, base, visitor)) === gold.documentId);
    await segments.update({ documentId: segment.documentId, data: { rules: { traits: { tier: { $eq: 'platinum' } } } } });
    since = Date.now();
    expect(await servedHere(base, visitor)).toBe(base);
    await untilOtherServes('segment rules edited', since, async () => (await servedBy(other.url, base, visitor)) === base);
  });
});

/** What the other instance answers to relatedContent(documentId): the items, or null when it does not know the entry. */
const relatedOnOther = async (documentId: string) => {
  const res = await fetch(`${other.url}/graphql`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ query: RELATED, variables: { id: documentId, limit: 20 } }),
  });
  const body = await res.json();
  if (body.errors?.[0]?.extensions?.code === 'STRAPI_NOT_FOUND_ERROR') return null;
  if (res.status !== 200 || body.errors) throw new Error(`GraphQL ${res.status}: ${JSON.stringify(body)}`);
  return body.data.relatedContent as Array<{ documentId: string; sharedTags: string[] }>;
};

describe('related content written through one instance', () => {
  it('follows tag changes on the other instance', async () => {
    const offers = app.strapi.documents(OFFER);
    /** The target as the other instance relates it to the source (undefined: not related). */
    const relatedThere = async () => (await relatedOnOther(fixtures.source))?.find((item) => item.documentId === fixtures.target);
    const retag = async (tagIds: string[]) => {
      await offers.update({ documentId: fixtures.target, data: { contentTags: tagIds } });
      await offers.publish({ documentId: fixtures.target });
      return Date.now();
    };

    expect((await relatedThere())?.sharedTags).toEqual(['pg-shared']);
    let since = await retag([fixtures.alone]);
    await untilOtherServes('related: tag removed', since, async () => (await relatedThere()) === undefined);
    since = await retag([fixtures.alone, fixtures.shared]);
    await untilOtherServes('related: tag added', since, async () => (await relatedThere())?.sharedTags.join() === 'pg-shared');
  });
});

/**
 * A base entry created through one instance, asked about on the other by requests that name it
 * directly: related content for it, and event batches about it. Each test sends the other
 * instance nothing else, as an instance behind a path-based router or a dedicated events
 * endpoint may see.
 */
describe('a base entry created through one instance, named directly on the other', () => {
  it('relatedContent(documentId) finds it within the bound', async () => {
    const created = await app.strapi.documents(OFFER).create({
      data: { title: 'PG new related source', product: 'car', contentTags: [fixtures.shared] },
      status: 'published',
    });
    const since = Date.now();
    expect((await app.gql(RELATED, { id: created.documentId, limit: 20 })).body.errors).toBeUndefined();
    await untilOtherServes('related: new source entry', since, async () => (await relatedOnOther(created.documentId)) !== null);
  });

  it('an event batch about it is accepted within the bound', async () => {
    const created = await app.strapi.documents(OFFER).create({ data: { title: 'PG new measured offer', product: 'car' }, status: 'published' });
    let n = 0;
    const batch = () => ({
      consent: true,
      events: [{ id: `pg-new-${process.pid}-${++n}`, type: 'impression', contentType: OFFER, baseDocumentId: created.documentId, servedDocumentId: created.documentId }],
    });
    const since = Date.now();
    expect((await app.http().post('/api/personalize/events').send(batch())).status).toBe(200);
    await untilOtherServes('events: new base entry', since, async () => {
      const res = await fetch(`${other.url}/api/personalize/events`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(batch()) });
      if (res.status !== 200 && res.status !== 400) throw new Error(`events ${res.status}: ${await res.text()}`);
      return res.status === 200;
    });
  });
});

/** POSTs an event batch from `localAddress` (a loopback address: the client address the limit counts). */
const postEventsFrom = (url: string, localAddress: string, body: unknown) =>
  new Promise<number>((resolve, reject) => {
    const request = http.request(`${url}/api/personalize/events`, { method: 'POST', localAddress, headers: { 'Content-Type': 'application/json' } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode!));
    });
    request.on('error', reject);
    request.end(JSON.stringify(body));
  });
/** Nothing stored (no consent), but counted by the rate limit like any batch. */
const NO_CONSENT = { consent: false, events: [{ id: 'rate-limited', type: 'impression' }] };

describe('the events rate limit', () => {
  it('holds in total over both instances, not per instance', async () => {
    const statuses: Record<'here' | 'there', number[]> = { here: [], there: [] };
    // 1.5 times the limit, alternately: counted per instance, every batch would pass.
    for (let i = 0; i < RATE_POINTS * 1.5; i++) {
      const [name, url] = i % 2 ? (['there', other.url] as const) : (['here', here] as const);
      statuses[name].push(await postEventsFrom(url, '127.0.0.2', NO_CONSENT));
    }
    const all = [...statuses.here, ...statuses.there];
    expect(all.filter((s) => s !== 202 && s !== 429)).toEqual([]);
    expect(all.filter((s) => s === 202)).toHaveLength(RATE_POINTS);
    expect([statuses.here.filter((s) => s === 429).length, statuses.there.filter((s) => s === 429).length]).toEqual([RATE_POINTS / 4, RATE_POINTS / 4]);
  });

  it('goes on counting per instance, with a warning, when its table is gone', async () => {
    const warn = jest.spyOn(app.strapi.log, 'warn');
    await app.strapi.db.connection.schema.dropTable('personalize_rate_limits');
    try {
      const statuses: number[] = [];
      for (let i = 0; i < RATE_POINTS + 1; i++) statuses.push(await postEventsFrom(here, '127.0.0.3', NO_CONSENT));
      // Every batch within the limit goes through; past it, this instance's own count refuses.
      expect(statuses.slice(0, RATE_POINTS).filter((s) => s !== 202)).toEqual([]);
      expect(statuses[RATE_POINTS]).toBe(429);
      const warnings = warn.mock.calls.map(([message]) => String(message)).filter((m) => m.includes('events rate limit'));
      expect(warnings).toHaveLength(1);
      expect(warnings[0]).toMatch(/shared store failed, counting per instance/);
    } finally {
      warn.mockRestore();
    }
  });
});
