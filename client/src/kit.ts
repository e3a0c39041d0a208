/**
 * The front-end kit: knows the visitor (a profile in a first-party cookie, behind consent), asks
 * for personalized content with the visitor's context, and reports what was seen, clicked and
 * converted on. Framework-free, Web APIs only: browsers, Node 20, edge runtimes.
 */
import type { ContextInput, Entry, EventType, FindPersonalizedEntries, Personalized, PersonalizedDecision, RelatedItem } from '../../shared/contracts/content-api';
import { profileConfig, recordArm, recordBehaviour, setVisitorState, type Profile, type ProfileOptions, type VisitorState } from '../../plugin/profile';
import { explainStage, toContext, type StageExplanation } from '../../plugin/profile-context';
import type { Behaviour } from '../../plugin/interests';
import { cookieFrom, DEFAULT_COOKIE, documentStore, type CookieOptions, type CookieSource, type ProfileStore } from './cookie';
import { createFetcher, readQuery, type ReadOptions } from './fetcher';
import { randomId } from './ids';
import { createImpressions } from './impressions';
import { pageView } from './page';
import { createQueue, DEFAULT_QUEUE, type QueueOptions } from './queue';
import { createTracker } from './tracker';

export interface PersonalizeOptions {
  /** Strapi's URL, e.g. `https://cms.example.com`. */
  url: string;
  /** Whether the visitor consented to a profile and measurement; by default, whether the profile cookie exists. */
  consent?: boolean;
  /** On a server: the request's cookies (read-only). In a browser the kit uses `document.cookie`. */
  cookies?: CookieSource;
  /** Where the profile is kept instead (the Next.js middleware's). */
  store?: ProfileStore;
  cookie?: Partial<CookieOptions>;
  /** The visit timeout, interest weights and half-life, journey rules (see the README). */
  profile?: ProfileOptions;
  events?: Partial<QueueOptions>;
  /** Sent with every read, e.g. `{ Authorization: 'Bearer <token>' }` on a server. */
  headers?: Record<string, string>;
  fetch?: typeof fetch;
  now?: () => number;
  /** In a browser the page view is recorded at once, with these tags of the page; false not to. */
  page?: { tags?: string[] } | false;
}

/** What the kit reports about: a personalized entry or a related item, as read. */
export interface Shown {
  entry: { documentId: string; contentTags?: Array<{ slug?: string }> | null };
  decision: PersonalizedDecision;
  contentType?: string;
  sharedTags?: string[];
}

/** A personalized entry as read: the entry, the decision and the entry's content type. */
export type Read<E extends Entry = Entry> = Personalized<E>;
export type ReadWith = ReadOptions & { context?: ContextInput };
export interface RelatedQuery extends ReadWith {
  documentId?: string;
  tags?: string[];
  types?: string[];
  limit?: number;
}

export type Personalize = ReturnType<typeof createPersonalize>;

export function createPersonalize(options: PersonalizeOptions) {
  const now = options.now ?? Date.now;
  const fetchFn = options.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => fetch(input, init));
  const config = profileConfig(options.profile);
  const inBrowser = typeof document == 'object';
  const cookie: CookieOptions = { ...DEFAULT_COOKIE, secure: inBrowser && location.protocol == 'https:', ...options.cookie };
  const store = options.store ?? (inBrowser ? documentStore(cookie) : { read: () => cookieFrom(options.cookies, cookie.name) });
  const tracker = createTracker(store, config, now, options.consent);
  const base = options.url.replace(/\/+$/, '');
  const api = createFetcher(base, fetchFn, options.headers);
  const queue = createQueue(
    api.events,
    // A string goes as text/plain: no CORS preflight, which a beacon cannot make.
    inBrowser && navigator.sendBeacon ? (body) => navigator.sendBeacon(api.eventsUrl, body) : null,
    () => tracker.consented,
    { ...DEFAULT_QUEUE, ...options.events }
  );
  const impressions = createImpressions<Shown>((item) => kit.view(item));
  let lastUrl: string | null = null;

  const context = (extra?: ContextInput): ContextInput => {
    const own = toContext(tracker.profile, now(), config);
    return { ...own, ...extra, traits: { ...own.traits, ...extra?.traits } };
  };
  /** The experiment arms these decisions gave, kept in the profile: the visitor keeps them when the weights move. */
  const keepArms = (items: Array<{ decision?: PersonalizedDecision | null }>) => {
    if (items.some((item) => item?.decision?.arm)) tracker.update((profile) => items.reduce((kept, item) => (item?.decision ? recordArm(kept, item.decision) : kept), profile));
  };
  /** A REST read; what it serves names its content type, for its events. */
  const read = async (path: string, { context: extra, ...query }: ReadWith) => {
    const body = await api.rest(path, context(extra), readQuery(query));
    keepArms(Array.isArray(body.data) ? body.data : [body.data]);
    return Array.isArray(body.data) ? body : body.data;
  };
  /** Evidence for the profile, and the event when it is about an entry that was served. */
  const act = (behaviour: Behaviour, type: EventType | null, item?: Shown | null, name?: string, tags?: unknown[]) => {
    tags ??= item?.entry.contentTags?.map((tag) => tag?.slug) ?? item?.sharedTags;
    // An entry read some other way (GraphQL, a server's answer) gives its arm when it is seen.
    if (item) keepArms([item]);
    tracker.update((profile, at) => recordBehaviour(profile, behaviour, { tags, name }, at, config));
    if (!item || !type) return;
    const d = item.decision;
    if (!item.contentType) return console.warn('[personalize] no contentType for', d.baseDocumentId);
    queue.add({
      id: randomId(),
      type,
      goal: name,
      contentType: item.contentType,
      baseDocumentId: d.baseDocumentId,
      servedDocumentId: d.servedDocumentId,
      segment: d.matchedSegment,
      stage: d.matchedStage,
      arm: d.arm,
      visitorId: tracker.profile.visitorId,
      occurredAt: new Date(now()).toISOString(),
    });
  };

  const kit = {
    get profile(): Profile {
      return tracker.profile;
    },
    get consented(): boolean {
      return tracker.consented;
    },
    /** The context of this visitor, with `extra` on top (segments the app knows, traits, a stage). */
    context,
    /** The stage this visitor is served for, and why. */
    stage: (): StageExplanation => explainStage(tracker.profile, now(), config),

    /** Records a page view (an SPA's navigation); in a browser the URL and referrer default to the page's. */
    page({ url = inBrowser ? location.href : '', referrer, tags }: { url?: string; referrer?: string | null; tags?: string[] } = {}) {
      if (!url) return;
      const known = inBrowser ? { userAgent: navigator.userAgent, language: navigator.language } : {};
      tracker.page(pageView(url, referrer !== undefined ? referrer : lastUrl ?? (inBrowser ? document.referrer : null), { ...known, tags }));
      lastUrl = url;
      impressions.reset();
    },

    /** One entry of a collection type (`type` is its REST name, e.g. `hero-banners`). */
    get: <E extends Entry = Entry>(type: string, documentId: string, options: ReadWith = {}) =>
      read(`/content/${type}/${encodeURIComponent(documentId)}`, options) as Promise<Read<E>>,
    /** Base entries of a collection type, each personalized, with Strapi's filters, sort and pagination. */
    list: <E extends Entry = Entry>(type: string, options: ReadWith = {}) =>
      read(`/content/${type}`, options) as Promise<{ data: Array<Read<E>>; meta: FindPersonalizedEntries.Response['meta'] }>,
    /** A single type (`type` is its singular name). */
    single: <E extends Entry = Entry>(type: string, options: ReadWith = {}) => read(`/content/${type}`, options) as Promise<Read<E>>,
    /** What to show next: related to an entry or tags, personalized. */
    async related<E extends Entry = Entry>({ tags, types, context: extra, ...query }: RelatedQuery = {}): Promise<Array<RelatedItem<E>>> {
      const { data } = await api.rest('/related', context(extra), { ...query, tags: tags?.join(), types: types?.join() });
      keepArms(data);
      return data;
    },
    /** A GraphQL query; the context goes in as `$context` (declare `$context: PersonalizationContextInput`). */
    graphql: <T = any>(query: string, variables: Record<string, unknown> = {}) => api.graphql<T>(query, variables, context()),

    /** Counts an impression when the element has been half visible for a second, once per page view. */
    observe: (element: Element, item: Shown) => impressions.observe(element, item, item.decision.servedDocumentId),
    /** An impression now: the entry's tags add to the interests, and the event is reported. */
    view: (item: Shown) => act('view', 'impression', item),
    click: (item: Shown) => act('click', 'click', item),
    /** A goal reached (`quote`, `signup`), on an entry when there is one: the strongest evidence of interest. */
    convert: (goal: string, item?: Shown | null, tags?: string[]) => act('conversion', 'conversion', item, goal, tags),
    /** An action of the app, e.g. `track('simulation', { tags: ['car-insurance'] })`, `track('start')`, `track('compare')`. */
    track: (action: string, { tags }: { tags?: string[] } = {}) => act('action', null, null, action, tags),
    /** What the app knows: `identified`, `customer`, or the `stage` to serve (null lets the rules decide). */
    set: (state: VisitorState) => tracker.update((profile, at) => setVisitorState(profile, state, at)),
    /** The visitor's answer: true keeps a profile and sends events; false deletes the cookie and drops pending events. */
    consent(granted: boolean) {
      tracker.consent(granted);
      if (granted) queue.flush();
      else queue.clear();
    },
    /** "Forget me": deletes the visitor's stored events on the server, then the cookie. */
    async forget() {
      const visitorId = tracker.profile.visitorId;
      try {
        if (visitorId) await api.post('/events/forget', { visitorId });
      } finally {
        kit.consent(false);
      }
    },
    /** Sends the waiting events now. */
    flush: () => queue.flush(),
  };

  if (inBrowser) {
    addEventListener('visibilitychange', () => document.visibilityState == 'hidden' && queue.hide());
    addEventListener('pagehide', () => queue.hide());
    if (options.page !== false) kit.page({ tags: options.page?.tags });
  }
  return kit;
}
