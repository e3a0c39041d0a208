/**
 * The profile as a first-party cookie value, both ways: short keys, times in seconds, URI-encoded
 * JSON (cookie-safe with ECMAScript alone), capped at `COOKIE_BYTES`. A profile that would not fit
 * loses its weakest interests first, then its oldest actions, then its arms, then the campaign
 * and landing page, so the cookie never grows past the cap. Reading is strict and never throws:
 * a field of the wrong shape falls back to its default, a value that is not a profile is null.
 */
import { isTag, type Interests } from './interests';
import { REFERRER_KINDS, DEVICE_CLASSES } from './page-signals';
import { createProfile, cut, PROFILE_LIMITS, type ActionCount, type Profile, type Utm } from './profile';
import { isStage } from './stages';

/** The cookie value's size cap, in bytes (ASCII), well under a browser's 4 KB per cookie. */
export const COOKIE_BYTES = 2048;
const VERSION = 1;

type Compact = Record<string, unknown>;
type UtmTuple = [string | null, string | null, string | null];

/** The cookie value of a profile, at most `maxBytes` long. */
export function encodeProfile(profile: Profile, maxBytes = COOKIE_BYTES): string {
  const compact = compactOf(profile);
  let text = encode(compact);
  // Shed what matters least until it fits; each step removes one item.
  const sheds: Array<() => boolean> = [
    () => dropLast(compact, 't'),
    () => dropLast(compact, 'a'),
    () => dropLast(compact, 'x'),
    () => ['u0', 'u', 'p'].some((key) => key in compact && delete compact[key]),
  ];
  for (const shed of sheds) {
    while (text.length > maxBytes && shed()) text = encode(compact);
  }
  return text;
}

/** The profile in a cookie value (URI-encoded or already decoded by a framework); null when it is none. */
export function decodeProfile(text: string | null | undefined): Profile | null {
  if (!text) return null;
  let raw: unknown;
  try {
    raw = JSON.parse(text.startsWith('{') ? text : decodeURIComponent(text));
  } catch {
    return null;
  }
  if (!isObject(raw) || raw.v !== VERSION) return null;
  const profile = createProfile(0, typeof raw.i === 'string' ? raw.i : null);
  profile.visits = count(raw.n);
  profile.firstSeen = time(raw.f);
  profile.lastSeen = Math.max(profile.firstSeen, time(raw.l));
  profile.landingPage = cut(raw.p, PROFILE_LIMITS.path);
  profile.firstUtm = utmOf(raw.u0);
  profile.utm = utmOf(raw.u);
  profile.referrer = oneOf(raw.r, REFERRER_KINDS) ?? 'direct';
  profile.device = oneOf(raw.d, DEVICE_CLASSES);
  profile.language = cut(raw.g, PROFILE_LIMITS.text);
  profile.country = cut(raw.c, PROFILE_LIMITS.text);
  const flags = count(raw.k);
  profile.identified = (flags & 1) === 1;
  profile.customer = (flags & 2) === 2;
  profile.customerSince = profile.customer ? (raw.cs === undefined ? profile.lastSeen : time(raw.cs)) : null;
  profile.stage = isStage(raw.s) ? raw.s : null;
  profile.interests = interestsOf(raw.t, time(raw.ta ?? raw.l));
  profile.actions = actionsOf(raw.a);
  profile.arms = armsOf(raw.x);
  return profile;
}

function compactOf(profile: Profile): Compact {
  const compact: Compact = {
    v: VERSION,
    i: profile.visitorId ?? undefined,
    n: profile.visits,
    f: seconds(profile.firstSeen),
    l: seconds(profile.lastSeen),
    p: profile.landingPage ?? undefined,
    u0: tupleOf(profile.firstUtm),
    u: tupleOf(profile.utm),
    r: profile.referrer === 'direct' ? undefined : profile.referrer,
    d: profile.device ?? undefined,
    g: profile.language ?? undefined,
    c: profile.country ?? undefined,
    k: (profile.identified ? 1 : 0) | (profile.customer ? 2 : 0) || undefined,
    cs: profile.customer && profile.customerSince !== null ? seconds(profile.customerSince) : undefined,
    s: profile.stage ?? undefined,
    // Strongest first, so that shedding drops the weakest.
    t: nonEmpty(Object.fromEntries(Object.entries(profile.interests.scores).sort(([, a], [, b]) => b - a))),
    ta: Object.keys(profile.interests.scores).length ? seconds(profile.interests.at) : undefined,
    a: nonEmpty(
      Object.fromEntries(
        Object.entries(profile.actions)
          .sort(([, a], [, b]) => b.last - a.last)
          .map(([name, action]) => [name, [action.count, seconds(action.last)]])
      )
    ),
    x: nonEmpty(profile.arms),
  };
  return compact;
}

const encode = (compact: Compact) => encodeURIComponent(JSON.stringify(compact));

/** Removes the last key of an object field (the weakest, the oldest); false when there is none. */
function dropLast(compact: Compact, key: string): boolean {
  const map = compact[key] as Record<string, unknown> | undefined;
  const keys = map ? Object.keys(map) : [];
  if (!map || !keys.length) return false;
  delete map[keys[keys.length - 1]];
  return true;
}

const seconds = (ms: number) => Math.floor(ms / 1000);
const time = (value: unknown) => count(value) * 1000;
/** A whole number from 0 up; anything else is 0. */
const count = (value: unknown) => (typeof value === 'number' && Number.isSafeInteger(value) && value > 0 ? value : 0);
const nonEmpty = <T extends object>(map: T) => (Object.keys(map).length ? map : undefined);

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function oneOf<T extends string>(value: unknown, list: readonly T[]): T | null {
  return (list as readonly unknown[]).includes(value) ? (value as T) : null;
}

function tupleOf(utm: Utm | null): UtmTuple | undefined {
  return utm ? [utm.source, utm.medium, utm.campaign] : undefined;
}

function utmOf(value: unknown): Utm | null {
  if (!Array.isArray(value)) return null;
  const [source, medium, campaign] = value.map((part) => cut(part, PROFILE_LIMITS.text));
  return source || medium || campaign ? { source: source ?? null, medium: medium ?? null, campaign: campaign ?? null } : null;
}

function interestsOf(value: unknown, at: number): Interests {
  const scores: Record<string, number> = {};
  if (isObject(value)) {
    for (const [tag, score] of Object.entries(value)) {
      if (isTag(tag) && typeof score === 'number' && score > 0 && Number.isFinite(score)) scores[tag] = score;
    }
  }
  return { scores, at };
}

function actionsOf(value: unknown): Record<string, ActionCount> {
  const actions: Record<string, ActionCount> = {};
  if (!isObject(value)) return actions;
  for (const [name, pair] of Object.entries(value).slice(0, PROFILE_LIMITS.actions)) {
    if (!Array.isArray(pair) || count(pair[0]) === 0 || name.length > PROFILE_LIMITS.text) continue;
    actions[name] = { count: count(pair[0]), last: time(pair[1]) };
  }
  return actions;
}

function armsOf(value: unknown): Record<string, string> {
  const arms: Record<string, string> = {};
  if (!isObject(value)) return arms;
  for (const [key, arm] of Object.entries(value).slice(0, PROFILE_LIMITS.arms)) {
    const name = cut(arm, PROFILE_LIMITS.text);
    if (name && key.length <= PROFILE_LIMITS.text) arms[key] = name;
  }
  return arms;
}
