import type { AddressInfo } from 'net';
import { createPersonalize, type Personalize, type Read } from '../../client/src/exports/client';
import type { EventInput } from '../../plugin/events';
import { HERO_BANNERS, OFFERS, variantFields } from '../../playground/src/seed/data';
import { DEMO_EXPERIMENT } from '../../playground/src/seed/events';
import { startApp, type TestApp } from './harness';

/**
 * The front-end kit against the real playground: a scripted visitor whose behaviour moves their
 * interests and stage gets, at each step, the variant the server's own rules give for the same
 * context; the events the kit sends show up in the analytics; "forget me" deletes them.
 */
const BANNER = HERO_BANNERS.uid;
const OFFER = OFFERS.uid;
const HOUR = 3600_000;
let app: TestApp;
let url: string;
const bases: Record<string, string> = {};
/** Every event batch the kit posted, as sent. */
const posted: EventInput[] = [];

/** The headline a seeded hero shows: the base's (`null`), or its variant for a segment. */
const headline = (base: number, segment: string | null) => {
  const entry = HERO_BANNERS.entries[base];
  const variant = entry.variants?.find((v) => v.segments.includes(segment ?? ''));
  return String((variant ? variantFields(HERO_BANNERS, entry, variant) : entry.data).headline);
};

const recordingFetch: typeof fetch = async (input, init) => {
  if (String(input).endsWith('/api/personalize/events')) posted.push(...JSON.parse(String(init?.body)).events);
  return fetch(input, init);
};

/** The visitor's cookie jar, shared by the kits of successive page loads. */
let cookie: string | null = null;
let clock = Date.now() - 3 * HOUR;
const load = (at: number): Personalize => {
  clock = at;
  return createPersonalize({
    url,
    fetch: recordingFetch,
    now: () => clock,
    store: { read: () => cookie, write: (value) => void (cookie = value) },
  });
};

const SERVED = `query($id: ID!, $context: PersonalizationContextInput) {
  personalizedHeroBanner(documentId: $id, context: $context) { entry { headline } decision { servedDocumentId reason matchedSegment matchedStage cacheKey } }
}`;
/** What the kit is served, checked against the server's GraphQL answer for the same context. */
async function hero(kit: Personalize, base: number): Promise<Read> {
  const item = await kit.get('hero-banners', bases[base]);
  const res = await app.gql(SERVED, { id: bases[base], context: kit.context() });
  expect(res.body.errors).toBeUndefined();
  const server = res.body.data.personalizedHeroBanner;
  expect({ headline: item.entry.headline, ...pick(item.decision) }).toEqual({ headline: server.entry.headline, ...server.decision });
  return item;
}
const pick = ({ servedDocumentId, reason, matchedSegment, matchedStage, cacheKey }: Read['decision']) => ({ servedDocumentId, reason, matchedSegment, matchedStage, cacheKey });

const SERVED_OFFER = `query($id: ID!, $context: PersonalizationContextInput) {
  personalizedOffer(documentId: $id, context: $context) { entry { ctaLabel } decision { servedDocumentId reason matchedSegment matchedStage cacheKey arm experiment } }
}`;
/** The demo experiment's offer as the kit is served it, checked against the server's GraphQL answer (the arm included). */
async function experimentOffer(kit: Personalize): Promise<Read> {
  const item = await kit.get('offers', demoExperiment.baseDocumentId);
  const res = await app.gql(SERVED_OFFER, { id: demoExperiment.baseDocumentId, context: kit.context() });
  expect(res.body.errors).toBeUndefined();
  const server = res.body.data.personalizedOffer;
  const { arm, experiment } = item.decision;
  expect({ ctaLabel: item.entry.ctaLabel, ...pick(item.decision), arm, experiment }).toEqual({ ctaLabel: server.entry.ctaLabel, ...server.decision });
  return item;
}

type Counts = Record<string, { impressions: number; clicks: number; conversions: Record<string, number> }>;
/** Counts per served entry (per arm while an experiment runs) of a base entry, from the admin analytics. */
const countsOf = async (contentType: string, documentId: string): Promise<Counts> => {
  const res = await app.http().get(`/personalize/analytics?contentType=${contentType}&documentId=${documentId}`).set(app.admin);
  expect(res.status).toBe(200);
  return Object.fromEntries(res.body.data.variants.map((v: any) => [v.key, v.counts]));
};
const heroCounts = (base: number) => countsOf(BANNER, bases[base]);
/** What the kit's events added to the counts since `before` (its batches go after a short delay). */
async function addedSince(before: Counts, read: () => Promise<Counts>, until: (added: Record<string, string>) => boolean) {
  let added: Record<string, string> = {};
  for (let tries = 0; tries < 50 && !until(added); tries++) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    const now = await read();
    added = {};
    for (const [key, c] of Object.entries(now)) {
      const b = before[key] ?? { impressions: 0, clicks: 0, conversions: {} };
      const quotes = (c.conversions.quote ?? 0) - (b.conversions.quote ?? 0);
      const text = `${c.impressions - b.impressions} impressions, ${c.clicks - b.clicks} clicks, ${quotes} quotes`;
      if (text !== '0 impressions, 0 clicks, 0 quotes') added[key] = text;
    }
  }
  return added;
}
let demoExperiment: { documentId: string; baseDocumentId: string; contentType: string; active: boolean };
let baseline: Counts;

beforeAll(async () => {
  app = await startApp();
  const server = app.strapi.server.httpServer;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const docs = await app.strapi.documents(BANNER).findMany({ status: 'published', filters: { variantOf: { id: { $null: true } } } });
  HERO_BANNERS.entries.forEach((entry, i) => {
    bases[i] = docs.find((doc: any) => doc.headline === entry.data.headline).documentId;
  });
  // The seeded experiment runs on an offer: the heroes the scripted visitor reads are decided by targeting.
  const experiments = await app.http().get(`/personalize/experiments?contentType=${OFFER}`).set(app.admin);
  demoExperiment = experiments.body.data.find((e: any) => e.key === DEMO_EXPERIMENT.key);
  expect(demoExperiment).toMatchObject({ contentType: OFFER, active: true });
  baseline = await heroCounts(0);
});
afterAll(async () => {
  await app?.stop();
});

/** What the visitor was served on the first visit, and on returning. */
let first: Read;
let returning: Read;

describe('a scripted visitor', () => {
  const t0 = Date.now() - 3 * HOUR;

  it('first visit, before consent: personalized from this page alone, nothing stored, nothing sent', async () => {
    const kit = load(t0);
    kit.page({ url: 'https://www.example.com/?utm_source=google&utm_medium=cpc', referrer: 'https://www.google.com/' });
    expect(kit.consented).toBe(false);
    expect(kit.stage()).toEqual({ stage: 'orient', journeyStep: 'discovery', why: 'first visit' });
    first = await hero(kit, 0);
    expect(first.entry.headline).toBe(headline(0, 'anonymous'));
    kit.view(first);
    kit.flush();
    expect([cookie, posted]).toEqual([null, []]);
    kit.consent(true);
    expect(kit.profile.visitorId).toEqual(expect.any(String));
    expect(cookie).not.toBeNull();
  });

  it('back 40 minutes later: a second visit, a suspect comparing offers', async () => {
    const kit = load(t0 + 40 * 60_000);
    kit.page({ url: 'https://www.example.com/covers', referrer: null });
    expect(kit.profile.visits).toBe(2);
    expect(kit.stage()).toEqual({ stage: 'inform', journeyStep: 'comparison', why: 'returning visitor (visits 2 >= 2)' });
    returning = await hero(kit, 0);
    expect(returning.entry.headline).toBe(headline(0, 'suspect'));
    kit.view(returning);
    kit.click(returning);
    kit.flush();
  });

  it('a car-insurance simulation makes car insurance an interest: the car hero for that segment', async () => {
    const kit = load(t0 + 45 * 60_000);
    kit.track('simulation', { tags: ['car-insurance'] });
    // Strongest first: the simulation (3) outweighs the heroes' tags seen so far (1 each).
    expect(kit.context().interests).toEqual(['car-insurance', 'car', 'home']);
    const car = await hero(kit, 1);
    expect([car.entry.headline, car.decision.matchedSegment]).toEqual([headline(1, 'car-insurance'), 'car-insurance']);
  });

  it('signed up and starting a quote: a prospect at the conversion step is reassured; the quote converts', async () => {
    const kit = load(t0 + 50 * 60_000);
    kit.set({ identified: true });
    kit.track('start');
    expect(kit.stage()).toEqual({ stage: 'reassure', journeyStep: 'conversion', why: 'started a conversion (action.start 1 >= 1)' });
    const item = await hero(kit, 0);
    expect(item.entry.headline).toBe(headline(0, 'prospect'));
    kit.view(item);
    kit.convert('quote', item);
    kit.flush();
  });

  it('a new customer is onboarded (help); thirty days on, rewarded', async () => {
    const kit = load(t0 + 55 * 60_000);
    kit.set({ customer: true });
    expect(kit.stage().journeyStep).toBe('onboarding');
    const health = await hero(kit, 3);
    expect([health.decision.reason, health.decision.matchedStage]).toEqual(['STAGE', 'help']);
    // A later load of the site: reads only (events this far in the future would be refused).
    const later = load(t0 + 31 * 24 * HOUR);
    expect(later.stage()).toEqual({ stage: 'reward', journeyStep: 'enrollment', why: 'customer for 30 days or more (customerDays 30 >= 30)' });
    expect((await hero(later, 0)).entry.headline).toBe(headline(0, 'customer'));
  });

  it('the events it sent show up in the analytics, each once; what was seen before consent went without an id', async () => {
    expect(posted.map((e) => [e.type, e.servedDocumentId, e.segment, e.stage])).toEqual([
      ['impression', first.decision.servedDocumentId, 'anonymous', 'orient'],
      ['impression', returning.decision.servedDocumentId, 'suspect', 'inform'],
      ['click', returning.decision.servedDocumentId, 'suspect', 'inform'],
      ['impression', expect.any(String), 'prospect', 'reassure'],
      ['conversion', expect.any(String), 'prospect', 'reassure'],
    ]);
    const visitorId = posted[1].visitorId;
    expect(posted.map((e) => e.visitorId)).toEqual([null, visitorId, visitorId, visitorId, visitorId]);
    expect(visitorId).toEqual(expect.any(String));
    const expected = {
      [first.decision.servedDocumentId]: '1 impressions, 0 clicks, 0 quotes',
      [returning.decision.servedDocumentId]: '1 impressions, 1 clicks, 0 quotes',
      [posted[4].servedDocumentId]: '1 impressions, 0 clicks, 1 quotes',
    };
    expect(await addedSince(baseline, () => heroCounts(0), (added) => JSON.stringify(added) === JSON.stringify(expected))).toEqual(expected);
  });

  it('on the offer the demo experiment runs on, the visitor (who has an id) gets a sticky arm, as the server gives it; its events carry the arm', async () => {
    const offerCounts = () => countsOf(OFFER, demoExperiment.baseDocumentId);
    const before = await offerCounts();
    const kit = load(Date.now());
    const item = await experimentOffer(kit);
    expect(['EXPERIMENT', 'HOLDOUT']).toContain(item.decision.reason);
    expect(item.decision.experiment).toBe(`${DEMO_EXPERIMENT.key}@1`);
    expect((await experimentOffer(kit)).decision).toEqual(item.decision);
    kit.view(item);
    kit.flush();
    const arm = item.decision.arm as string;
    expect(await addedSince(before, offerCounts, (added) => arm in added)).toEqual({ [arm]: '1 impressions, 0 clicks, 0 quotes' });
    expect(posted[posted.length - 1]).toEqual(expect.objectContaining({ type: 'impression', arm }));
  });
});

describe('the events endpoint as the kit uses it', () => {
  it('takes a batch sent by sendBeacon as text/plain', async () => {
    const event = { ...posted[0], id: 'beacon-1' };
    const res = await app.http().post('/api/personalize/events').set('Content-Type', 'text/plain;charset=UTF-8').send(JSON.stringify({ consent: true, events: [event] }));
    expect([res.status, res.body.data.accepted]).toEqual([200, 1]);
  });

  it('forget me: the visitor events are deleted, by the same hashed id, and nobody else', async () => {
    const withId = posted.filter((e) => e.visitorId);
    const rows = () => app.strapi.db.connection('personalize_events').whereIn('client_id', withId.map((e) => e.id)).select('client_id');
    expect(await rows()).toHaveLength(withId.length);
    const other = await app.http().post('/api/personalize/events').send({ consent: true, events: [{ ...withId[0], id: 'someone-else', visitorId: 'someone-else' }] });
    expect(other.status).toBe(200);

    const kit = load(Date.now());
    const visitorId = kit.profile.visitorId;
    expect(visitorId).toBe(withId[0].visitorId);
    await kit.forget();
    expect(await rows()).toEqual([]);
    expect(await app.strapi.db.connection('personalize_events').where('client_id', 'someone-else').select('client_id')).toHaveLength(1);
    expect([cookie, kit.consented, kit.profile.visitorId]).toEqual([null, false, null]);
    // The counts per day hold no visitor: they stay.
    expect((await heroCounts(0))[returning.decision.servedDocumentId].clicks - (baseline[returning.decision.servedDocumentId]?.clicks ?? 0)).toBe(1);
  });

  it('forget me names the field it cannot read, and needs its own permission', async () => {
    const bad = await app.http().post('/api/personalize/events/forget').send({ visitorId: 42 });
    expect([bad.status, bad.body.error.message]).toEqual([400, expect.stringMatching(/^visitorId: /)]);
    const { accessKey } = await app.strapi.service('admin::api-token').create({ name: `kit-read-only-${Date.now()}`, type: 'read-only', lifespan: null });
    const refused = await app.http().post('/api/personalize/events/forget').set({ Authorization: `Bearer ${accessKey}` }).send({ visitorId: 'x' });
    expect(refused.status).toBe(403);
    const ok = await app.http().post('/api/personalize/events/forget').send({ visitorId: 'nobody' });
    expect([ok.status, ok.body]).toEqual([200, { data: { deleted: 0 } }]);
  });
});
