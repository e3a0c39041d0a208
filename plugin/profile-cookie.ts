/**
 * The profile as a first-party cookie value, both ways: a JSON list by position, times in seconds,
 * URI-encoded (cookie-safe with ECMAScript alone), capped at `COOKIE_BYTES`. A profile that would not fit
 * loses its weakest interests first, then its oldest actions, then its arms, then the campaign
 * and landing page, so the cookie never grows past the cap. Reading is strict and never throws:
 * a field of the wrong shape falls back to its default, a value that is not a profile is null.
 */
import { DEFAULT_INTEREST_CONFIG, isTag, type Interests } from './interests';
import { REFERRER_KINDS, DEVICE_CLASSES } from './page-signals';
import { cut, MAX_ACTIONS, MAX_ARMS, MAX_PATH, MAX_TEXT, readUtm, type ActionCount, type Profile, type Utm } from './profile';
import { isStage } from './stages';

/** The cookie value's size cap, in bytes (ASCII), well under a browser's 4 KB per cookie. */
export const COOKIE_BYTES = 2048;
const VERSION = 1;

type UtmTuple = [string | null, string | null, string | null];

/**
 * The cookie holds a JSON list, by position (no keys: a smaller cookie):
 * version, visitorId, visits, firstSeen, lastSeen, landingPage, firstUtm, utm, referrer, device,
 * language, country, flags (1 identified, 2 customer), customerSince, stage, interests (strongest
 * first), interests' time, actions (latest first, each [count, last]), arms. Times in seconds.
 */
const INTERESTS = 15;
const ACTIONS = 17;
const ARMS = 18;
/** Shed last, once the lists are empty: the landing page and the two campaigns. */
const SHED_LAST = [5, 6, 7];

/** The cookie value of a profile, at most `maxBytes` long. */
export function encodeProfile(profile: Profile, maxBytes = COOKIE_BYTES): string {
  const byStrength = Object.entries(profile.interests.scores).sort(([, a], [, b]) => b - a);
  const byTime = Object.entries(profile.actions).sort(([, a], [, b]) => b.last - a.last);
  const fields: unknown[] = [
    VERSION,
    profile.visitorId,
    profile.visits,
    seconds(profile.firstSeen),
    seconds(profile.lastSeen),
    profile.landingPage,
    tupleOf(profile.firstUtm),
    tupleOf(profile.utm),
    profile.referrer,
    profile.device,
    profile.language,
    profile.country,
    (profile.identified ? 1 : 0) | (profile.customer ? 2 : 0),
    profile.customerSince === null ? null : seconds(profile.customerSince),
    profile.stage,
    Object.fromEntries(byStrength),
    seconds(profile.interests.at),
    Object.fromEntries(byTime.map(([name, action]) => [name, [action.count, seconds(action.last)]])),
    { ...profile.arms },
  ];
  let text = encode(fields);
  // Shed what matters least until it fits: the weakest interest, the oldest action, an arm, then the rest.
  for (const at of [INTERESTS, ACTIONS, ARMS]) {
    const map = fields[at] as Record<string, unknown>;
    for (let keys = Object.keys(map); text.length > maxBytes && keys.length; text = encode(fields)) delete map[keys.pop() as string];
  }
  for (const at of SHED_LAST) if (text.length > maxBytes) text = encode(Object.assign(fields, { [at]: null }));
  return text;
}

/** The profile in a cookie value (URI-encoded or already decoded by a framework); null when it is none. */
export function decodeProfile(text: string | null | undefined): Profile | null {
  let raw: unknown;
  try {
    raw = JSON.parse(text!.startsWith('[') ? text! : decodeURIComponent(text!));
  } catch {
    return null;
  }
  if (!Array.isArray(raw) || raw[0] !== VERSION) return null;
  const [, id, visits, first, last, landing, firstUtm, utm, referrer, device, language, country, flags, since, stage, scores, at, actions, arms] = raw;
  const firstSeen = time(first);
  const lastSeen = Math.max(firstSeen, time(last));
  const customer = (count(flags) & 2) > 0;
  return {
    visitorId: cut(id),
    visits: count(visits),
    firstSeen,
    lastSeen,
    landingPage: cut(landing, MAX_PATH),
    firstUtm: utmOf(firstUtm),
    utm: utmOf(utm),
    referrer: oneOf(referrer, REFERRER_KINDS) ?? 'direct',
    device: oneOf(device, DEVICE_CLASSES),
    language: cut(language),
    country: cut(country),
    identified: (count(flags) & 1) > 0,
    customer,
    customerSince: customer ? (since === null || since === undefined ? lastSeen : time(since)) : null,
    stage: isStage(stage) ? stage : null,
    interests: interestsOf(scores, time(at)),
    actions: actionsOf(actions),
    arms: armsOf(arms),
  };
}

const encode = (fields: unknown[]) => encodeURIComponent(JSON.stringify(fields));

const seconds = (ms: number) => Math.floor(ms / 1000);
const time = (value: unknown) => count(value) * 1000;
/** A whole number from 0 up; anything else is 0. */
const count = (value: unknown) => (typeof value === 'number' && Number.isSafeInteger(value) && value > 0 ? value : 0);

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const oneOf = <T extends string>(value: unknown, list: readonly T[]): T | null => ((list as readonly unknown[]).includes(value) ? (value as T) : null);

const tupleOf = (utm: Utm | null): UtmTuple | null => (utm ? [utm.source, utm.medium, utm.campaign] : null);

const utmOf = (value: unknown) => (Array.isArray(value) ? readUtm({ source: value[0], medium: value[1], campaign: value[2] }) : null);

/** The valid entries of a stored map, at most `max`; `read` gives null for one to drop. */
function mapOf<T>(value: unknown, max: number, read: (key: string, item: unknown) => T | null): Record<string, T> {
  const map: Record<string, T> = {};
  if (!isObject(value)) return map;
  for (const [key, item] of Object.entries(value).slice(0, max)) {
    const kept = key.length <= MAX_TEXT ? read(key, item) : null;
    if (kept !== null) map[key] = kept;
  }
  return map;
}

const interestsOf = (value: unknown, at: number): Interests => ({
  scores: mapOf(value, DEFAULT_INTEREST_CONFIG.keep * 4, (tag, score) => (isTag(tag) && typeof score === 'number' && score > 0 && score < Infinity ? score : null)),
  at,
});

const actionsOf = (value: unknown) =>
  mapOf<ActionCount>(value, MAX_ACTIONS, (_name, pair) => (Array.isArray(pair) && count(pair[0]) > 0 ? { count: count(pair[0]), last: time(pair[1]) } : null));

const armsOf = (value: unknown) => mapOf(value, MAX_ARMS, (_key, arm) => cut(arm));
