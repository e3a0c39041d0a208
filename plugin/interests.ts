/**
 * Interests from behaviour: each entry viewed, clicked or converted on adds its tags' weight to
 * the visitor's scores, an app can score an action directly, and scores fade with a half-life so
 * that a need met last month does not steer today's page. The top scores above a threshold are
 * the context's `interests`. Pure: time is passed in (epoch ms); never throws.
 */

/** What a visitor did with tagged content; a conversion is the strongest evidence. */
export const BEHAVIOURS = ['view', 'click', 'action', 'conversion'] as const;
export type Behaviour = (typeof BEHAVIOURS)[number];

export interface InterestConfig {
  /** Days after which a score counts half. */
  halfLifeDays: number;
  /** What each behaviour adds to each of its tags. */
  weights: Record<Behaviour, number>;
  /** A score never goes above this, so that one binge does not outweigh everything for months. */
  cap: number;
  /** A tag is an interest from this score on. */
  threshold: number;
  /** At most this many interests go into the context, strongest first. */
  top: number;
  /** At most this many scores are kept (the weakest go), so the profile fits a cookie. */
  keep: number;
}

export const DEFAULT_INTEREST_CONFIG: Readonly<InterestConfig> = {
  halfLifeDays: 7,
  weights: { view: 1, click: 2, action: 3, conversion: 5 },
  cap: 10,
  threshold: 1,
  top: 5,
  keep: 16,
};

/** Scores per tag slug, as they stood at `at` (epoch ms). */
export interface Interests {
  scores: Record<string, number>;
  at: number;
}

/** Longest tag slug kept: longer ones are not tags the CMS makes. */
export const MAX_TAG_LENGTH = 64;
/** Scores fade out below this and are dropped. */
const FLOOR = 0.05;
const DAY_MS = 86_400_000;

/** The scores as they stand at `now`; faded ones are dropped. A clock that went back fades nothing. */
export function decayInterests(interests: Interests, now: number, config: InterestConfig): Interests {
  const elapsed = Math.max(0, now - interests.at);
  const factor = config.halfLifeDays > 0 ? 0.5 ** (elapsed / (config.halfLifeDays * DAY_MS)) : 1;
  const scores: Record<string, number> = {};
  for (const [tag, score] of Object.entries(interests.scores)) {
    const faded = round(score * factor);
    if (faded >= FLOOR) scores[tag] = faded;
  }
  return { scores, at: Math.max(interests.at, now) };
}

/** Adds a behaviour's weight to each of its tags (each once), capped; keeps the `keep` strongest. */
export function addInterest(
  interests: Interests,
  tags: readonly unknown[],
  behaviour: Behaviour,
  now: number,
  config: InterestConfig
): Interests {
  const { scores, at } = decayInterests(interests, now, config);
  const weight = config.weights[behaviour];
  if (weight > 0) for (const tag of new Set(tags)) if (isTag(tag)) scores[tag] = round(Math.min(config.cap, (scores[tag] ?? 0) + weight));
  const kept = strongest(scores).slice(0, Math.max(0, config.keep));
  return { scores: Object.fromEntries(kept), at };
}

/** The context's interests at `now`: scores at or above the threshold, strongest first, at most `top`. */
export function topInterests(interests: Interests, now: number, config: InterestConfig): string[] {
  const { scores } = decayInterests(interests, now, config);
  return strongest(scores)
    .filter(([, score]) => score >= config.threshold)
    .slice(0, Math.max(0, config.top))
    .map(([tag]) => tag);
}

export const isTag = (tag: unknown): tag is string =>
  typeof tag === 'string' && tag.length > 0 && tag.length <= MAX_TAG_LENGTH && tag.trim() === tag;

/** Strongest first; ties by slug (never equal: they are keys), so every runtime lists them alike. */
const strongest = (scores: Record<string, number>) => Object.entries(scores).sort(([a, x], [b, y]) => y - x || (a < b ? -1 : 1));

/** Three decimals: enough to rank, and the same in a cookie as in memory. */
const round = (score: number) => Math.round(score * 1000) / 1000;
