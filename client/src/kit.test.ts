import qs from 'qs';
import { contextFromQuery } from '../../plugin/context-query';
import { encodeProfile } from '../../plugin/profile-cookie';
import { createProfile, profileConfig, recordPage } from '../../plugin/profile';
import type { PersonalizedDecision } from '../../shared/contracts/content-api';
import { createPersonalize, type PersonalizeOptions } from './kit';

/** Strapi stubbed: records each request, answers with `reply(url, init)`. */
function strapi(reply: (url: URL, init?: RequestInit) => { status?: number; body: unknown }) {
  const calls: Array<{ url: URL; init?: RequestInit }> = [];
  const fetch = jest.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(String(input));
    calls.push({ url, init });
    const { status = 200, body } = reply(url, init);
    return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
  });
  return { fetch: fetch as unknown as typeof globalThis.fetch, calls };
}

const decision = (served: string): PersonalizedDecision => ({
  baseDocumentId: 'base-1',
  servedDocumentId: served,
  isVariant: served !== 'base-1',
  reason: 'SEGMENT_AND_STAGE',
  matchedSegment: 'suspect',
  matchedStage: 'inform',
  visitorSegments: ['suspect'],
  ignored: [],
  error: null,
  arm: null,
  experiment: null,
  cacheKey: `v1:${served}`,
});
const hero = { entry: { documentId: 'variant-1', headline: 'Compare', contentTags: [{ slug: 'car' }, { slug: 'pricing' }] }, decision: decision('variant-1') };
/** The hero as the server answers it: with its content type. */
const shown = { ...hero, contentType: 'api::hero-banner.hero-banner' };

const T0 = Date.parse('2026-11-30T10:00:00Z');
const returning = () => {
  const config = profileConfig();
  let profile = recordPage(createProfile(T0 - 86400_000, 'visitor-1'), { path: '/' }, T0 - 86400_000, config);
  profile = recordPage(profile, { path: '/car' }, T0, config);
  return encodeProfile(profile);
};
const kitWith = (api: ReturnType<typeof strapi>, options: Partial<PersonalizeOptions> = {}) =>
  createPersonalize({ url: 'https://cms.example.com/', fetch: api.fetch, now: () => T0, ...options });

describe('reads', () => {
  it('asks REST with the visitor context as the server reads it, and the entry tags populated', async () => {
    const api = strapi(() => ({ body: { data: shown } }));
    const kit = kitWith(api, { cookies: `pz_profile=${returning()}` });
    const item = await kit.get('hero-banners', 'base-1', { locale: 'fr' });
    const { url } = api.calls[0];
    expect(url.origin + url.pathname).toBe('https://cms.example.com/api/personalize/content/hero-banners/base-1');
    const query = qs.parse(url.search.slice(1));
    expect(contextFromQuery(query)).toEqual({ input: kit.context(), problems: [] });
    expect(kit.context()).toEqual(expect.objectContaining({ journeyStep: 'comparison', visitorId: 'visitor-1', traits: expect.objectContaining({ visits: 2 }) }));
    expect(query).toEqual(expect.objectContaining({ locale: 'fr', populate: { contentTags: { fields: ['slug'] } } }));
    expect(item).toEqual(shown);
  });

  it("keeps an app's populate and filters in Strapi's bracket form; lists and single types", async () => {
    const api = strapi(() => ({ body: { data: [shown], meta: { pagination: { page: 1 } } } }));
    const kit = kitWith(api);
    const list = await kit.list('hero-banners', { filters: { placement: { $eq: 'car' } }, populate: ['contentTags', 'image'], pagination: { pageSize: 5 } });
    expect(qs.parse(api.calls[0].url.search.slice(1))).toEqual(
      expect.objectContaining({ filters: { placement: { $eq: 'car' } }, populate: ['contentTags', 'image'], pagination: { pageSize: '5' } })
    );
    expect(list).toEqual({ data: [shown], meta: { pagination: { page: 1 } } });
  });

  it('keeps the experiment arm a read gave, and sends it back with the next reads', async () => {
    const armed = { ...shown, decision: { ...decision('variant-1'), reason: 'EXPERIMENT' as const, arm: 'guide', experiment: 'home-hero@1' } };
    const api = strapi(() => ({ body: { data: armed } }));
    let cookie: string | null = returning();
    const kit = kitWith(api, { consent: true, store: { read: () => cookie, write: (v) => void (cookie = v) } });
    await kit.get('hero-banners', 'base-1');
    expect(kit.profile.arms).toEqual({ 'home-hero@1': 'guide' });
    await kit.get('hero-banners', 'base-1');
    expect(contextFromQuery(qs.parse(api.calls[1].url.search.slice(1))).input.arms).toEqual({ 'home-hero@1': 'guide' });
  });

  it('context extras (segments the app knows, traits) go on top of the profile', async () => {
    const kit = kitWith(strapi(() => ({ body: {} })));
    expect(kit.context({ segments: ['young-drivers'], traits: { age: 22 } })).toEqual(
      expect.objectContaining({ segments: ['young-drivers'], traits: expect.objectContaining({ age: 22, visits: 0 }) })
    );
  });

  it('related content: tags and types comma-separated, with the context', async () => {
    const api = strapi(() => ({ body: { data: [] } }));
    await kitWith(api).related({ documentId: 'base-1', tags: ['car', 'home'], types: ['api::offer.offer'], limit: 3 });
    const { url } = api.calls[0];
    expect(url.pathname).toBe('/api/personalize/related');
    expect(Object.fromEntries(url.searchParams)).toEqual(expect.objectContaining({ documentId: 'base-1', tags: 'car,home', types: 'api::offer.offer', limit: '3' }));
  });

  it('GraphQL gets the context as $context', async () => {
    const api = strapi(() => ({ body: { data: { ok: true } } }));
    const data = await kitWith(api).graphql('query($context: PersonalizationContextInput) { ok }', { id: 'x' });
    expect(data).toEqual({ ok: true });
    expect(JSON.parse(String(api.calls[0].init?.body))).toEqual({ query: expect.any(String), variables: { context: expect.objectContaining({ traits: expect.any(Object) }), id: 'x' } });
  });

  it("a refused request throws an error with Strapi's message and the status", async () => {
    const api = strapi(() => ({ status: 400, body: { data: null, error: { status: 400, name: 'ValidationError', message: 'context.stage: "stage" is one of orient, inform, help, reassure, reward', details: {} } } }));
    await expect(kitWith(api).get('hero-banners', 'x', { context: { stage: 'nope' as never } })).rejects.toMatchObject({ status: 400, message: expect.stringContaining('context.stage') });
    const gql = strapi(() => ({ body: { data: null, errors: [{ message: 'Forbidden access' }] } }));
    await expect(kitWith(gql).graphql('{ x }')).rejects.toMatchObject({ message: 'Forbidden access' });
  });
});

describe('behaviour and events', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());
  const eventsOf = (api: ReturnType<typeof strapi>) => api.calls.filter((c) => c.url.pathname.endsWith('/events')).flatMap((c) => JSON.parse(String(c.init?.body)).events);

  it("a view adds the entry's tags to the interests and reports an impression of the decision, with the visitor id", async () => {
    const api = strapi(() => ({ body: { data: {} } }));
    let cookie: string | null = returning();
    const kit = kitWith(api, { consent: true, store: { read: () => cookie, write: (v) => void (cookie = v) } });
    kit.view(shown);
    kit.click(shown);
    kit.convert('quote', shown);
    await jest.advanceTimersByTimeAsync(1000);
    expect(eventsOf(api)).toEqual([
      {
        id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        type: 'impression',
        contentType: 'api::hero-banner.hero-banner',
        baseDocumentId: 'base-1',
        servedDocumentId: 'variant-1',
        segment: 'suspect',
        stage: 'inform',
        arm: null,
        visitorId: 'visitor-1',
        occurredAt: '2026-11-30T10:00:00.000Z',
      },
      expect.objectContaining({ type: 'click' }),
      expect.objectContaining({ type: 'conversion', goal: 'quote' }),
    ]);
    expect(new Set(eventsOf(api).map((e) => e.id)).size).toBe(3);
    expect(kit.profile.interests.scores).toEqual({ car: 8, pricing: 8 });
    expect(kit.stage()).toEqual({ stage: 'reassure', journeyStep: 'conversion', why: 'converted (conversions 1 >= 1)' });
  });

  it('an action scores its tags and moves the stage; an app-set stage wins', () => {
    const kit = kitWith(strapi(() => ({ body: {} })));
    kit.track('simulation', { tags: ['car-insurance'] });
    kit.track('start');
    expect(kit.context()).toEqual(expect.objectContaining({ interests: ['car-insurance'], journeyStep: 'conversion' }));
    kit.set({ stage: 'help', identified: true });
    expect(kit.context()).toEqual(expect.objectContaining({ stage: 'help', traits: expect.objectContaining({ identified: true }) }));
    expect(kit.context().journeyStep).toBeUndefined();
  });

  it('without consent nothing is sent; given consent, what was held goes, without an id', async () => {
    const api = strapi(() => ({ body: { data: {} } }));
    const kit = kitWith(api);
    kit.view(shown);
    await jest.advanceTimersByTimeAsync(5000);
    expect(eventsOf(api)).toEqual([]);
    kit.consent(true);
    await jest.advanceTimersByTimeAsync(0);
    expect(eventsOf(api)).toEqual([expect.objectContaining({ type: 'impression', visitorId: null })]);
  });

  it('an entry without its content type (a GraphQL read that did not ask for it) is not reported, and says why', async () => {
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => {});
    const api = strapi(() => ({ body: { data: {} } }));
    const kit = kitWith(api, { consent: true });
    kit.view(hero);
    await jest.advanceTimersByTimeAsync(1000);
    expect(eventsOf(api)).toEqual([]);
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('contentType'), 'base-1');
    warn.mockRestore();
  });

  it('forget me asks the server to delete the visitor events, then forgets locally', async () => {
    jest.useRealTimers();
    const api = strapi(() => ({ body: { data: { deleted: 2 } } }));
    let cookie: string | null = returning();
    const kit = kitWith(api, { store: { read: () => cookie, write: (v) => void (cookie = v) } });
    await kit.forget();
    const call = api.calls[0];
    expect([call.url.pathname, call.init?.method, JSON.parse(String(call.init?.body))]).toEqual(['/api/personalize/events/forget', 'POST', { visitorId: 'visitor-1' }]);
    expect(cookie).toBeNull();
    expect([kit.consented, kit.profile.visitorId]).toEqual([false, null]);
  });
});
