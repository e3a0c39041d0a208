/**
 * The visitor profile: what the front-end kit remembers about a visitor between page views, small
 * enough for a first-party cookie (see profile-cookie.ts), and the pure functions that update it.
 * The browser, an edge middleware and the server run the same code, so they agree. Time is
 * passed in (epoch ms); every function returns a new profile and never throws.
 */
import { addInterest, DEFAULT_INTEREST_CONFIG, type Behaviour, type InterestConfig, type Interests } from './interests';
import { DEFAULT_JOURNEY_RULES, type JourneyFacts, type JourneyRule } from './journey';
import { countryOf, deviceClass, languageOf, referrerKind, type DeviceClass, type ReferrerKind } from './page-signals';
import { DEFAULT_STAGE_FOR_STEP, isStage, type JourneyStep, type Stage } from './stages';

export interface Utm {
  source: string | null;
  medium: string | null;
  campaign: string | null;
}

/** When an action (or a goal) was recorded: how often, and the latest time. */
export interface ActionCount {
  count: number;
  last: number;
}

export interface Profile {
  /** Random and pseudonymous, never derived from personal data; null until the visitor consents. */
  visitorId: string | null;
  visits: number;
  firstSeen: number;
  lastSeen: number;
  /** Path of the first page of the first visit. */
  landingPage: string | null;
  /** The campaign of the first visit, and of the current one. */
  firstUtm: Utm | null;
  utm: Utm | null;
  /** Where the current visit came from. */
  referrer: ReferrerKind;
  device: DeviceClass | null;
  language: string | null;
  country: string | null;
  /** Set by the app: the visitor is a known contact; has bought. */
  identified: boolean;
  customer: boolean;
  /** When `customer` became true (for the journey: a new customer, then a loyal one). */
  customerSince: number | null;
  /** Set by the app; wins over the journey rules. */
  stage: Stage | null;
  interests: Interests;
  /** Journey evidence: `track(name)` calls by name, conversions as `goal:<goal>`. */
  actions: Record<string, ActionCount>;
  /** Experiment arms the visitor was given, by the decision's `experiment` (`key@version`): sent back so the visitor keeps them. */
  arms: Record<string, string>;
}

export interface ProfileConfig {
  /** A page view after this long without one starts a new visit. */
  visitTimeoutMinutes: number;
  interests: InterestConfig;
  /** Journey rules, in order: the first that holds gives the journey step. */
  journey: readonly JourneyRule[];
  /** An action counts for the journey while its latest occurrence is at most this old. */
  actionWindowDays: number;
  /** The server's journey-step mapping, to show the stage a step stands for (settings' `stageForStep`). */
  stageForStep: Readonly<Record<JourneyStep, Stage>>;
}

/** What a site may change; interests and their weights merge with the defaults. */
export type ProfileOptions = Partial<Omit<ProfileConfig, 'interests'>> & {
  interests?: Partial<Omit<InterestConfig, 'weights'>> & { weights?: Partial<InterestConfig['weights']> };
};

export const DEFAULT_PROFILE_CONFIG: Readonly<ProfileConfig> = {
  visitTimeoutMinutes: 30,
  interests: DEFAULT_INTEREST_CONFIG,
  journey: DEFAULT_JOURNEY_RULES,
  actionWindowDays: 30,
  stageForStep: DEFAULT_STAGE_FOR_STEP,
};

// Caps that keep a profile small whatever a page or an app hands it (plain constants, so that a
// bundler writes the numbers in place).
/** A visitor id, a UTM value, a language. */
export const MAX_TEXT = 64;
/** The landing page's path. */
export const MAX_PATH = 128;
/** Action and goal names kept (the most recent). */
export const MAX_ACTIONS = 12;
/** Experiment arms kept. */
export const MAX_ARMS = 8;

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;
const ACTION = /^[A-Za-z0-9][A-Za-z0-9_-]{0,31}$/;

export function profileConfig(options: ProfileOptions = {}): ProfileConfig {
  const interests = options.interests ?? {};
  return {
    ...DEFAULT_PROFILE_CONFIG,
    ...options,
    interests: { ...DEFAULT_INTEREST_CONFIG, ...interests, weights: { ...DEFAULT_INTEREST_CONFIG.weights, ...interests.weights } },
  };
}

/** A profile before its first page view. `visitorId` comes from the caller's random source. */
export function createProfile(now: number, visitorId: string | null = null): Profile {
  return {
    visitorId: cut(visitorId),
    visits: 0,
    firstSeen: now,
    lastSeen: now,
    landingPage: null,
    firstUtm: null,
    utm: null,
    referrer: 'direct',
    device: null,
    language: null,
    country: null,
    identified: false,
    customer: false,
    customerSince: null,
    stage: null,
    interests: { scores: {}, at: now },
    actions: {},
    arms: {},
  };
}

/** One page view, as the browser or a middleware reads it. */
export interface PageView {
  path?: string | null;
  utm?: Partial<Utm> | null;
  /** The host of the referrer (`document.referrer`, the Referer header); none for a direct visit. */
  referrerHost?: string | null;
  /** The site's own host, so that its own pages are not counted as referrers. */
  host?: string | null;
  userAgent?: string | null;
  /** `navigator.language` or the Accept-Language header. */
  language?: string | null;
  /** A CDN's country header (`x-vercel-ip-country`, `cf-ipcountry`). */
  country?: string | null;
  /** The page's own content tags: viewing it is evidence of interest. */
  tags?: readonly string[] | null;
}

/**
 * Records a page view: a first one, or one after the idle timeout, starts a visit (its count, its
 * campaign and referrer kind); a campaign met within a visit replaces the visit's. Device,
 * language and country follow the latest page that tells them.
 */
export function recordPage(profile: Profile, page: PageView, now: number, config: ProfileConfig): Profile {
  const utm = readUtm(page.utm);
  const next: Profile = { ...profile, lastSeen: Math.max(profile.lastSeen, now) };
  if (profile.visits === 0 || now - profile.lastSeen > config.visitTimeoutMinutes * MINUTE_MS) {
    next.visits = profile.visits + 1;
    next.utm = utm;
    next.referrer = referrerKind(page.referrerHost, page.host, utm?.medium);
    if (profile.visits === 0) {
      next.firstSeen = now;
      next.landingPage = cut(page.path, MAX_PATH);
      next.firstUtm = utm;
    }
  } else if (utm) {
    next.utm = utm;
  }
  next.device = deviceClass(page.userAgent) ?? profile.device;
  next.language = languageOf(page.language) ?? profile.language;
  next.country = countryOf(page.country) ?? profile.country;
  if (page.tags?.length) next.interests = addInterest(profile.interests, page.tags, 'view', now, config.interests);
  return next;
}

/**
 * Records what the visitor did with tagged content (`view`, `click`), an app action (`action`,
 * named) or a conversion (`conversion`, named by its goal): the tags' interest, and the journey
 * evidence of actions and goals. It keeps the visit alive, but does not start one.
 */
export function recordBehaviour(
  profile: Profile,
  behaviour: Behaviour,
  detail: { tags?: readonly unknown[] | null; name?: string | null },
  now: number,
  config: ProfileConfig
): Profile {
  const next: Profile = { ...profile };
  if (profile.visits > 0 && now - profile.lastSeen <= config.visitTimeoutMinutes * MINUTE_MS) next.lastSeen = Math.max(profile.lastSeen, now);
  if (detail.tags?.length) next.interests = addInterest(profile.interests, detail.tags, behaviour, now, config.interests);
  const name = detail.name;
  if ((behaviour === 'action' || behaviour === 'conversion') && typeof name === 'string' && ACTION.test(name)) {
    const key = behaviour === 'conversion' ? `goal:${name}` : name;
    const recent = recentActions(profile.actions, now, config);
    const seen = recent[key];
    recent[key] = { count: (seen?.count ?? 0) + 1, last: Math.max(seen?.last ?? now, now) };
    next.actions = latest(recent, MAX_ACTIONS);
  }
  return next;
}

/** What the app knows: a contact, a customer, or the stage it wants served (null to let the rules decide). */
export interface VisitorState {
  identified?: boolean;
  customer?: boolean;
  stage?: Stage | null;
}

export function setVisitorState(profile: Profile, state: VisitorState, now: number): Profile {
  const next: Profile = { ...profile };
  if (typeof state.identified === 'boolean') next.identified = state.identified;
  if (typeof state.customer === 'boolean') {
    next.customer = state.customer;
    next.customerSince = state.customer ? (profile.customer ? profile.customerSince ?? now : now) : null;
  }
  if (state.stage === null || isStage(state.stage)) next.stage = state.stage;
  return next;
}

/**
 * The arm a decision gave the visitor, kept under its experiment (`key@version`) so that the next
 * requests keep it when the weights move; the latest MAX_ARMS experiments are kept. A
 * decision without an arm changes nothing.
 */
export function recordArm(profile: Profile, decision: { arm?: string | null; experiment?: string | null }): Profile {
  const { arm, experiment } = decision;
  if (typeof arm !== 'string' || typeof experiment !== 'string' || !arm || !experiment || profile.arms[experiment] === arm) return profile;
  const others = Object.entries(profile.arms).filter(([key]) => key !== experiment);
  return { ...profile, arms: Object.fromEntries([...others, [experiment, arm]].slice(-MAX_ARMS)) };
}

/** The facts the journey rules read (see `JourneyRule.when`). */
export function journeyFacts(profile: Profile, now: number, config: ProfileConfig): JourneyFacts {
  const facts: JourneyFacts = {
    visits: profile.visits,
    identified: profile.identified ? 1 : 0,
    customer: profile.customer ? 1 : 0,
    customerDays: profile.customer && profile.customerSince !== null ? Math.max(0, Math.floor((now - profile.customerSince) / DAY_MS)) : 0,
    conversions: 0,
  };
  for (const [key, { count }] of Object.entries(recentActions(profile.actions, now, config))) {
    if (key.startsWith('goal:')) {
      facts[`goal.${key.slice(5)}`] = count;
      facts.conversions += count;
    } else facts[`action.${key}`] = count;
  }
  return facts;
}

/** Actions whose latest occurrence is within the window. */
const recentActions = (actions: Record<string, ActionCount>, now: number, config: ProfileConfig): Record<string, ActionCount> =>
  Object.fromEntries(Object.entries(actions).filter(([, action]) => action.last >= now - config.actionWindowDays * DAY_MS));

const latest = (actions: Record<string, ActionCount>, keep: number): Record<string, ActionCount> =>
  Object.fromEntries(Object.entries(actions).sort(([, a], [, b]) => b.last - a.last).slice(0, keep));

/** A campaign, each part cut to size; null when it has none. */
export function readUtm(utm: Partial<Record<keyof Utm, unknown>> | null | undefined): Utm | null {
  if (!utm) return null;
  const read: Utm = { source: cut(utm.source), medium: cut(utm.medium), campaign: cut(utm.campaign) };
  return read.source || read.medium || read.campaign ? read : null;
}

/** A trimmed, non-empty string of at most `max` characters, or null. */
export const cut = (value: unknown, max = MAX_TEXT): string | null => (typeof value === 'string' && value.trim().slice(0, max)) || null;
