/**
 * Related content: what a visitor should see next, given the tags of what they are looking at.
 * Pure and deterministic: the same entries and query give the same answer on every instance.
 * This file is the ranking as specified, and its reference loop; `tag-index.ts` answers the same
 * at a million entries.
 *
 * The ranking (the README repeats it):
 * - N is the number of entries, df(t) the number carrying tag t, and a tag's weight is
 *   idf(t) = ln(1 + N / df(t)): sharing a rare tag says more than sharing a common one.
 * - Candidates share at least one of the query's tags or carry one of the visitor's interests;
 *   never an excluded id, and only the given content types when `types` is not empty.
 * - Each of a candidate's tags adds: idf × (1 + interest) when it is a query tag and an interest,
 *   idf when it is a query tag only, idf × interestOnly when it is an interest only. The sum is
 *   then × (1 + stage) when the visitor's stage is known and the candidate has content for it.
 * - Repeated tags count once; tags no entry carries add nothing.
 * - Order: score descending, then id ascending (by code unit); at most `limit` (1..100).
 * - sharedTags: the candidate's tags that are query tags, by idf descending, then tag ascending.
 *
 * Floating-point sums depend on their order, so every score adds its tags in one canonical order,
 * the query's "terms" order: contribution descending, then tag ascending. The index and the
 * reference loop build the same terms and add in that order, so they agree to the last bit.
 */
import { STAGES, isStage, type Stage } from './stages';

export interface IndexedEntry {
  /** An opaque, unique key chosen by the server, e.g. `<uid>|<documentId>`. */
  id: string;
  contentType: string;
  tags: readonly string[];
  /** The funnel stages this entry has content for (its own and its variants'); may be empty. */
  stages: readonly Stage[];
}

export interface RelatedQuery {
  /** What the visitor is looking at: the source entry's tags, or tags given by the caller. */
  tags: readonly string[];
  /** The visitor's interests (tag slugs). */
  interests?: readonly string[];
  /** The visitor's stage, when known. */
  stage?: Stage | null;
  /** Only these content types; empty or absent means all. */
  types?: readonly string[];
  /** Ids never returned, such as the source entry. */
  exclude?: readonly string[];
  /** 1..100, clamped. */
  limit: number;
}

export interface RelatedMatch {
  id: string;
  contentType: string;
  score: number;
  /** The query tags it carries, most telling first. */
  sharedTags: string[];
}

/** How much an interest adds to a shared tag, what an interest alone is worth, and the stage boost. */
export const RELATED_WEIGHTS: Readonly<{ interest: number; interestOnly: number; stage: number }> = Object.freeze({
  interest: 1,
  interestOnly: 0.5,
  stage: 0.25,
});

export const MAX_RELATED_LIMIT = 100;

const INTEREST_FACTOR = 1 + RELATED_WEIGHTS.interest;
export const STAGE_FACTOR = 1 + RELATED_WEIGHTS.stage;
/**
 * Bounds are compared with this relative margin: a bound adds the same weights as a score but in
 * another order, so it may differ in the last places. The rounding of a sum of n positive terms
 * stays below n × 1.2e-16 of it, far below 1e-9 for any query; the margin only costs a little
 * pruning.
 */
export const SLACK = 1e-9;

/** One query tag or interest that some entry carries, with what it adds to a score. */
export interface Term {
  tag: string;
  idf: number;
  /** What carrying this tag adds to a candidate's score. */
  weight: number;
  /** A query tag (an interest only is not "shared"). */
  shared: boolean;
}

const idfOf = (size: number, df: number): number => Math.log(1 + size / df);

export const byTag = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** The canonical order of a score's additions: the heaviest first, so the index can stop early. */
const byWeight = (a: Term, b: Term): number => b.weight - a.weight || byTag(a.tag, b.tag);

export const byIdf = (a: Term, b: Term): number => b.idf - a.idf || byTag(a.tag, b.tag);

/**
 * The query's terms in canonical order, shared by the index and the reference so that both add
 * the very same numbers in the very same order. Tags no entry carries are left out.
 */
export function termsOf(query: RelatedQuery, size: number, dfOf: (tag: string) => number): Term[] {
  const tags = new Set(query.tags);
  const interests = new Set(query.interests ?? []);
  const terms: Term[] = [];
  for (const tag of new Set([...tags, ...interests])) {
    const df = dfOf(tag);
    if (df === 0) continue;
    const idf = idfOf(size, df);
    const shared = tags.has(tag);
    const weight = shared ? (interests.has(tag) ? idf * INTEREST_FACTOR : idf) : RELATED_WEIGHTS.interestOnly * idf;
    terms.push({ tag, idf, weight, shared });
  }
  return terms.sort(byWeight);
}

/** NaN and anything below 1 ask for one; fractions round down. */
export function limitOf(limit: number): number {
  return limit >= MAX_RELATED_LIMIT ? MAX_RELATED_LIMIT : limit >= 1 ? Math.floor(limit) : 1;
}

/** The visitor's stage as a bit of an entry's stage mask; 0 when unknown (or not a stage). */
export function stageBitOf(stage: Stage | null | undefined): number {
  return isStage(stage) ? 1 << STAGES.indexOf(stage) : 0;
}


/**
 * The reference: the obvious loop over every entry, as the ranking is documented. Tests prove
 * the index equal to it; it builds the same terms, so both add the same numbers in the same order.
 */
export function rankBruteForce(entries: Iterable<IndexedEntry>, query: RelatedQuery): RelatedMatch[] {
  const all: readonly IndexedEntry[] = Array.isArray(entries) ? entries : [...entries];
  const wanted = new Set([...query.tags, ...(query.interests ?? [])]);
  const wantedTags = all.map((entry) => wantedTagsOf(entry, wanted));
  const df = new Map<string, number>();
  for (const tags of wantedTags) for (const tag of tags) df.set(tag, (df.get(tag) ?? 0) + 1);
  const terms = termsOf(query, all.length, (tag) => df.get(tag) ?? 0);
  const exclude = new Set(query.exclude ?? []);
  const types = query.types !== undefined && query.types.length > 0 ? new Set(query.types) : null;
  const stage = isStage(query.stage) ? query.stage : null;
  const limit = limitOf(query.limit);
  // The best so far, in order: a new match goes in at its place, the one pushed past the limit goes.
  const best: Array<{ entry: IndexedEntry; carried: Term[]; score: number }> = [];
  all.forEach((entry, i) => {
    if (wantedTags[i].length === 0) return;
    if (exclude.has(entry.id) || (types !== null && !types.has(entry.contentType))) return;
    // Filtering the terms keeps their canonical order.
    const carried = terms.filter((term) => wantedTags[i].includes(term.tag));
    let sum = 0;
    for (const term of carried) sum += term.weight;
    const score = stage !== null && entry.stages.includes(stage) ? sum * STAGE_FACTOR : sum;
    let at = best.length;
    while (at > 0 && (best[at - 1].score < score || (best[at - 1].score === score && best[at - 1].entry.id > entry.id))) at--;
    if (at === limit) return;
    best.splice(at, 0, { entry, carried, score });
    if (best.length > limit) best.pop();
  });
  return best.map(({ entry, carried, score }) => ({
    id: entry.id,
    contentType: entry.contentType,
    score,
    sharedTags: carried
      .filter((term) => term.shared)
      .sort(byIdf)
      .map((term) => term.tag),
  }));
}

const NO_TAGS: readonly string[] = [];

/** The entry's tags that are in `wanted`, a repeated tag once. */
function wantedTagsOf({ tags }: IndexedEntry, wanted: ReadonlySet<string>): readonly string[] {
  let found: string[] | undefined;
  for (let i = 0; i < tags.length; i++) {
    if (wanted.has(tags[i]) && tags.indexOf(tags[i]) === i) (found ??= []).push(tags[i]);
  }
  return found ?? NO_TAGS;
}
