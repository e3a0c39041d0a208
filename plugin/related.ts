/**
 * Related content: what a visitor should see next, given the tags of what they are looking at.
 * Pure and deterministic: the same entries and query give the same answer on every instance.
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
 *
 * Built for the request path at a million entries: tags, entries and content types are interned
 * into integers, each tag keeps a posting list of entry slots, and a query adds its terms' weights
 * into a reused score array, rarest term first, stopping as soon as the entries it has not reached
 * can no longer make the top `limit`; a bounded heap then keeps the best without sorting them all.
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
const STAGE_FACTOR = 1 + RELATED_WEIGHTS.stage;
/**
 * Bounds are compared with this relative margin: a bound adds the same weights as the score but
 * in another order, so it may be off by a few units in the last place. Sums here have at most a
 * few hundred terms, whose rounding stays far below 1e-9; a margin only costs a little pruning.
 */
const SLACK = 1e-9;

/** One query tag or interest that some entry carries, with what it adds to a score. */
interface Term {
  tag: string;
  idf: number;
  /** What carrying this tag adds to a candidate's score. */
  weight: number;
  /** A query tag (an interest only is not "shared"). */
  shared: boolean;
}

const idfOf = (size: number, df: number): number => Math.log(1 + size / df);

const byTag = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** The canonical order of a score's additions: the heaviest first, so the index can stop early. */
const byWeight = (a: Term, b: Term): number => b.weight - a.weight || byTag(a.tag, b.tag);

const byIdf = (a: Term, b: Term): number => b.idf - a.idf || byTag(a.tag, b.tag);

/**
 * The query's terms in canonical order, shared by the index and the reference so that both add
 * the very same numbers in the very same order. Tags no entry carries are left out.
 */
function termsOf(query: RelatedQuery, size: number, dfOf: (tag: string) => number): Term[] {
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
function limitOf(limit: number): number {
  return limit >= MAX_RELATED_LIMIT ? MAX_RELATED_LIMIT : limit >= 1 ? Math.floor(limit) : 1;
}

/** The visitor's stage as a bit of an entry's stage mask; 0 when unknown (or not a stage). */
function stageBitOf(stage: Stage | null | undefined): number {
  return isStage(stage) ? 1 << STAGES.indexOf(stage) : 0;
}

const INITIAL_CAPACITY = 1024;
const INITIAL_POSTINGS = 4;

/**
 * The entries of one partition (locale, draft or published), indexed by tag.
 *
 * Each entry lives in a slot (a small integer, reused after removal); each tag keeps the slots
 * that carry it in an Int32Array, and each slot remembers its place in every list it is in, so
 * that upsert and remove cost a few array writes per tag, whatever the size of the lists.
 */
export class TagIndex {
  private readonly slotOfId = new Map<string, number>();
  /** slot → id; undefined for a free slot. */
  private readonly ids: Array<string | undefined> = [];
  /** slot → [tag, place in the tag's list, tag, place, ...], tags in the order first given. */
  private readonly links: Array<number[] | undefined> = [];
  private typeOf = new Int32Array(INITIAL_CAPACITY);
  /** slot → bit i set when the entry has content for STAGES[i]. */
  private stageMask = new Uint8Array(INITIAL_CAPACITY);
  private readonly freeSlots: number[] = [];
  /** Slots ever used: every live slot is below it. */
  private slotCount = 0;
  private count = 0;

  private readonly tagIdOf = new Map<string, number>();
  private readonly tagNames: string[] = [];
  private readonly postings: Int32Array[] = [];
  private readonly postingLengths: number[] = [];

  private readonly typeIdOf = new Map<string, number>();
  private readonly typeNames: string[] = [];

  // Scratch for rank, reused so a query allocates almost nothing; every query leaves it zeroed.
  /** slot → partial score; 0 = not reached yet, -Infinity = excluded. */
  private scores = new Float64Array(0);
  /** The slots whose score is not 0, to reset them after the query. */
  private touched = new Int32Array(0);
  private touchedCount = 0;
  /** tag → position of its term in the query, -1 when not a term. */
  private termOfTag = new Int32Array(0);

  get size(): number {
    return this.count;
  }

  has(id: string): boolean {
    return this.slotOfId.has(id);
  }

  /** Inserts an entry, or replaces the one with the same id (its tags and stages may change). */
  upsert(entry: IndexedEntry): void {
    let slot = this.slotOfId.get(entry.id);
    if (slot === undefined) {
      slot = this.freeSlots.pop() ?? this.newSlot();
      this.slotOfId.set(entry.id, slot);
      this.ids[slot] = entry.id;
      this.count++;
    } else {
      this.unlink(slot);
    }
    this.typeOf[slot] = this.typeId(entry.contentType);
    let mask = 0;
    // A stage that is not one of STAGES cannot match a visitor's stage: it is not kept.
    for (const stage of entry.stages) if (isStage(stage)) mask |= 1 << STAGES.indexOf(stage);
    this.stageMask[slot] = mask;
    const links: number[] = [];
    for (const tag of entry.tags) {
      const tagId = this.tagId(tag);
      let seen = false;
      for (let i = 0; i < links.length; i += 2) if (links[i] === tagId) seen = true;
      if (!seen) links.push(tagId, this.append(tagId, slot));
    }
    this.links[slot] = links;
  }

  /** Forgets an entry; nothing happens when it is not there. */
  remove(id: string): void {
    const slot = this.slotOfId.get(id);
    if (slot === undefined) return;
    this.unlink(slot);
    this.slotOfId.delete(id);
    this.ids[slot] = undefined;
    this.links[slot] = undefined;
    this.freeSlots.push(slot);
    this.count--;
  }

  /** The entries as indexed, in no particular order: tags without repeats, stages in journey order. */
  *entries(): IterableIterator<IndexedEntry> {
    for (let slot = 0; slot < this.slotCount; slot++) {
      const id = this.ids[slot];
      const links = this.links[slot];
      if (id === undefined || links === undefined) continue;
      const tags: string[] = [];
      for (let i = 0; i < links.length; i += 2) tags.push(this.tagNames[links[i]]);
      const mask = this.stageMask[slot];
      yield {
        id,
        contentType: this.typeNames[this.typeOf[slot]],
        tags,
        stages: STAGES.filter((_, i) => (mask & (1 << i)) !== 0),
      };
    }
  }

  /** The best related entries, as documented at the top of this file; equal to rankBruteForce. */
  rank(query: RelatedQuery): RelatedMatch[] {
    const terms = termsOf(query, this.count, (tag) => {
      const tagId = this.tagIdOf.get(tag);
      return tagId === undefined ? 0 : this.postingLengths[tagId];
    });
    if (terms.length === 0) return [];
    let allowedTypes: Uint8Array | null = null;
    if (query.types !== undefined && query.types.length > 0) {
      allowedTypes = new Uint8Array(this.typeNames.length);
      let allowed = 0;
      for (const type of query.types) {
        const typeId = this.typeIdOf.get(type);
        if (typeId !== undefined && allowedTypes[typeId] === 0) {
          allowedTypes[typeId] = 1;
          allowed++;
        }
      }
      if (allowed === 0) return [];
      // Every type allowed: skip the per-entry check.
      if (allowed === this.typeNames.length) allowedTypes = null;
    }
    this.ensureScratch();
    const termTags = terms.map((term) => this.tagIdOf.get(term.tag) as number);
    for (let j = 0; j < termTags.length; j++) this.termOfTag[termTags[j]] = j;
    this.touchedCount = 0;
    try {
      // Excluded entries start at -Infinity: adding keeps them there, and selection skips them.
      let excluded = 0;
      for (const id of query.exclude ?? []) {
        const slot = this.slotOfId.get(id);
        if (slot !== undefined && this.scores[slot] === 0) {
          this.scores[slot] = -Infinity;
          this.touched[this.touchedCount++] = slot;
          excluded++;
        }
      }
      const limit = limitOf(query.limit);
      const stageBit = stageBitOf(query.stage);
      const stopAt = this.accumulate(terms, termTags, allowedTypes, stageBit, limit, excluded);
      return this.select(terms, stopAt, stageBit, limit);
    } finally {
      for (let i = 0; i < this.touchedCount; i++) this.scores[this.touched[i]] = 0;
      this.touchedCount = 0;
      for (const tagId of termTags) this.termOfTag[tagId] = -1;
    }
  }

  /**
   * Adds each term's weight into the scores of the entries carrying it, heaviest term first, and
   * stops before a term once no entry left unreached could make the top `limit`: such an entry
   * carries only the remaining terms, so it scores at most their sum (× the stage factor).
   * Returns where it stopped: the terms from there on were not added.
   */
  private accumulate(
    terms: readonly Term[],
    termTags: readonly number[],
    allowedTypes: Uint8Array | null,
    stageBit: number,
    limit: number,
    excluded: number
  ): number {
    const { scores, touched, typeOf } = this;
    const n = terms.length;
    // remaining[j]: what an entry carrying every term from j on would add up to.
    const remaining = new Float64Array(n + 1);
    let postingsLeft = 0;
    for (let j = n - 1; j >= 0; j--) {
      remaining[j] = remaining[j + 1] + terms[j].weight;
      postingsLeft += this.postingLengths[termTags[j]];
    }
    const maxFactor = stageBit === 0 ? 1 : STAGE_FACTOR;
    let touchedCount = this.touchedCount;
    try {
      for (let j = 0; j < n; j++) {
        if (j > 0 && touchedCount - excluded >= limit) {
          const unreached = remaining[j] * maxFactor * (1 + SLACK);
          // Every reached entry has at least the lightest weight added so far: a free lower bound.
          // Else the limit-th best lower bound, when finding it costs less than going on.
          if (unreached < terms[j - 1].weight * (1 - SLACK)) return j;
          if (touchedCount <= postingsLeft) {
            this.touchedCount = touchedCount;
            if (unreached < this.kthLowerBound(limit, stageBit) * (1 - SLACK)) return j;
          }
        }
        const tagId = termTags[j];
        const list = this.postings[tagId];
        const length = this.postingLengths[tagId];
        const weight = terms[j].weight;
        postingsLeft -= length;
        if (allowedTypes === null) {
          for (let i = 0; i < length; i++) {
            const slot = list[i];
            const score = scores[slot];
            if (score === 0) touched[touchedCount++] = slot;
            scores[slot] = score + weight;
          }
        } else {
          for (let i = 0; i < length; i++) {
            const slot = list[i];
            if (allowedTypes[typeOf[slot]] === 0) continue;
            const score = scores[slot];
            if (score === 0) touched[touchedCount++] = slot;
            scores[slot] = score + weight;
          }
        }
      }
      return n;
    } finally {
      this.touchedCount = touchedCount;
    }
  }

  /** The limit-th largest lower bound of a final score (partial sum × stage factor) among reached entries. */
  private kthLowerBound(limit: number, stageBit: number): number {
    const { scores, touched, stageMask, touchedCount } = this;
    const heap = new Float64Array(limit);
    let size = 0;
    for (let i = 0; i < touchedCount; i++) {
      const slot = touched[i];
      let value = scores[slot];
      if (value < 0) continue;
      if ((stageMask[slot] & stageBit) !== 0) value *= STAGE_FACTOR;
      if (size < limit) {
        // A min-heap of the best `limit` seen: its root is the smallest of them.
        let at = size++;
        while (at > 0) {
          const parent = (at - 1) >> 1;
          if (heap[parent] <= value) break;
          heap[at] = heap[parent];
          at = parent;
        }
        heap[at] = value;
      } else if (value > heap[0]) {
        let at = 0;
        for (;;) {
          let child = 2 * at + 1;
          if (child >= size) break;
          if (child + 1 < size && heap[child + 1] < heap[child]) child++;
          if (heap[child] >= value) break;
          heap[at] = heap[child];
          at = child;
        }
        heap[at] = value;
      }
    }
    return size < limit ? 0 : heap[0];
  }

  /**
   * Picks the best reached entries with a bounded heap. When accumulation stopped early, an entry
   * may still lack the weights of the terms after the stop: those that could still make the top
   * get them added, in canonical order, so that every returned score is the exact one.
   */
  private select(terms: readonly Term[], stopAt: number, stageBit: number, limit: number): RelatedMatch[] {
    const { scores, touched, stageMask, touchedCount } = this;
    const top = new TopEntries(limit, this.ids);
    if (stopAt === terms.length) {
      for (let i = 0; i < touchedCount; i++) {
        const slot = touched[i];
        const sum = scores[slot];
        if (sum < 0) continue;
        top.offer(slot, (stageMask[slot] & stageBit) !== 0 ? sum * STAGE_FACTOR : sum);
      }
    } else {
      let missing = 0;
      for (let j = stopAt; j < terms.length; j++) missing += terms[j].weight;
      const bar = this.kthLowerBound(limit, stageBit) * (1 - SLACK);
      for (let i = 0; i < touchedCount; i++) {
        const slot = touched[i];
        const partial = scores[slot];
        if (partial < 0) continue;
        const factor = (stageMask[slot] & stageBit) !== 0 ? STAGE_FACTOR : 1;
        const best = (partial + missing) * factor * (1 + SLACK);
        if (best < bar || !top.couldTake(best)) continue;
        top.offer(slot, this.complete(slot, partial, terms, stopAt) * factor);
      }
    }
    return top.best().map(([slot, score]) => this.match(slot, score, terms));
  }

  /** Adds the weights of the entry's terms from `from` on, in canonical order, to its partial sum. */
  private complete(slot: number, partial: number, terms: readonly Term[], from: number): number {
    const links = this.links[slot] as number[];
    const later: number[] = [];
    for (let i = 0; i < links.length; i += 2) {
      const term = this.termOfTag[links[i]];
      if (term >= from) later.push(term);
    }
    later.sort((a, b) => a - b);
    let sum = partial;
    for (const term of later) sum += terms[term].weight;
    return sum;
  }

  private match(slot: number, score: number, terms: readonly Term[]): RelatedMatch {
    const links = this.links[slot] as number[];
    const shared: Term[] = [];
    for (let i = 0; i < links.length; i += 2) {
      const term = this.termOfTag[links[i]];
      if (term >= 0 && terms[term].shared) shared.push(terms[term]);
    }
    return {
      id: this.ids[slot] as string,
      contentType: this.typeNames[this.typeOf[slot]],
      score,
      sharedTags: shared.sort(byIdf).map((term) => term.tag),
    };
  }

  private newSlot(): number {
    const slot = this.slotCount++;
    if (slot >= this.typeOf.length) {
      const typeOf = new Int32Array(this.typeOf.length * 2);
      typeOf.set(this.typeOf);
      this.typeOf = typeOf;
      const stageMask = new Uint8Array(this.stageMask.length * 2);
      stageMask.set(this.stageMask);
      this.stageMask = stageMask;
    }
    return slot;
  }

  /** Sized lazily, at the first query after growth: building an index allocates no scratch. */
  private ensureScratch(): void {
    if (this.scores.length < this.slotCount) {
      this.scores = new Float64Array(this.typeOf.length);
      this.touched = new Int32Array(this.typeOf.length);
    }
    if (this.termOfTag.length < this.tagNames.length) {
      this.termOfTag = new Int32Array(Math.max(this.tagNames.length * 2, 64)).fill(-1);
    }
  }

  private tagId(tag: string): number {
    let tagId = this.tagIdOf.get(tag);
    if (tagId === undefined) {
      tagId = this.tagNames.length;
      this.tagIdOf.set(tag, tagId);
      this.tagNames.push(tag);
      this.postings.push(new Int32Array(INITIAL_POSTINGS));
      this.postingLengths.push(0);
    }
    return tagId;
  }

  private typeId(contentType: string): number {
    let typeId = this.typeIdOf.get(contentType);
    if (typeId === undefined) {
      typeId = this.typeNames.length;
      this.typeIdOf.set(contentType, typeId);
      this.typeNames.push(contentType);
    }
    return typeId;
  }

  /** Appends the slot to the tag's list and returns its place there. */
  private append(tagId: number, slot: number): number {
    let list = this.postings[tagId];
    const place = this.postingLengths[tagId]++;
    if (place === list.length) {
      const grown = new Int32Array(list.length * 2);
      grown.set(list);
      this.postings[tagId] = list = grown;
    }
    list[place] = slot;
    return place;
  }

  /** Takes the slot out of every list it is in: the last of each list moves into its place. */
  private unlink(slot: number): void {
    const links = this.links[slot];
    if (links === undefined) return;
    for (let i = 0; i < links.length; i += 2) {
      const tagId = links[i];
      const place = links[i + 1];
      const list = this.postings[tagId];
      const last = --this.postingLengths[tagId];
      if (place === last) continue;
      const moved = list[last];
      list[place] = moved;
      const movedLinks = this.links[moved] as number[];
      for (let k = 0; k < movedLinks.length; k += 2) {
        if (movedLinks[k] === tagId) {
          movedLinks[k + 1] = place;
          break;
        }
      }
    }
  }
}

/**
 * The best `limit` entries seen, by score descending then id ascending: a min-heap whose root is
 * the worst kept, so most entries are turned away by one comparison with it.
 */
class TopEntries {
  private readonly slots: Int32Array;
  private readonly scores: Float64Array;
  private size = 0;

  constructor(
    private readonly limit: number,
    private readonly ids: ReadonlyArray<string | undefined>
  ) {
    this.slots = new Int32Array(limit);
    this.scores = new Float64Array(limit);
  }

  /** False when an entry scoring at most `best` could not be kept. */
  couldTake(best: number): boolean {
    return this.size < this.limit || best >= this.scores[0];
  }

  offer(slot: number, score: number): void {
    if (this.size < this.limit) this.siftUp(this.size++, slot, score);
    else if (this.worse(this.scores[0], this.slots[0], score, slot)) this.siftDown(0, slot, score);
  }

  /** The kept [slot, score] pairs, best first. */
  best(): Array<[slot: number, score: number]> {
    const kept: Array<[number, number]> = [];
    for (let i = 0; i < this.size; i++) kept.push([this.slots[i], this.scores[i]]);
    return kept.sort(([slotA, scoreA], [slotB, scoreB]) => (this.worse(scoreA, slotA, scoreB, slotB) ? 1 : -1));
  }

  /** Whether (scoreA, slotA) ranks after (scoreB, slotB): lower score, or the same and a later id. */
  private worse(scoreA: number, slotA: number, scoreB: number, slotB: number): boolean {
    return scoreA < scoreB || (scoreA === scoreB && (this.ids[slotA] as string) > (this.ids[slotB] as string));
  }

  private siftUp(at: number, slot: number, score: number): void {
    while (at > 0) {
      const parent = (at - 1) >> 1;
      if (!this.worse(score, slot, this.scores[parent], this.slots[parent])) break;
      this.slots[at] = this.slots[parent];
      this.scores[at] = this.scores[parent];
      at = parent;
    }
    this.slots[at] = slot;
    this.scores[at] = score;
  }

  private siftDown(at: number, slot: number, score: number): void {
    for (;;) {
      let child = 2 * at + 1;
      if (child >= this.size) break;
      const right = child + 1;
      if (right < this.size && this.worse(this.scores[right], this.slots[right], this.scores[child], this.slots[child])) {
        child = right;
      }
      if (!this.worse(this.scores[child], this.slots[child], score, slot)) break;
      this.slots[at] = this.slots[child];
      this.scores[at] = this.scores[child];
      at = child;
    }
    this.slots[at] = slot;
    this.scores[at] = score;
  }
}

/**
 * The reference: the obvious loop over every entry, as the ranking is documented. Tests prove
 * the index equal to it; it builds the same terms, so both add the same numbers in the same order.
 */
export function rankBruteForce(entries: Iterable<IndexedEntry>, query: RelatedQuery): RelatedMatch[] {
  const all = [...entries];
  const df = new Map<string, number>();
  for (const entry of all) for (const tag of new Set(entry.tags)) df.set(tag, (df.get(tag) ?? 0) + 1);
  const terms = termsOf(query, all.length, (tag) => df.get(tag) ?? 0);
  const exclude = new Set(query.exclude ?? []);
  const types = query.types !== undefined && query.types.length > 0 ? new Set(query.types) : null;
  const stage = isStage(query.stage) ? query.stage : null;
  const matches: RelatedMatch[] = [];
  for (const entry of all) {
    if (exclude.has(entry.id) || (types !== null && !types.has(entry.contentType))) continue;
    const tags = new Set(entry.tags);
    const carried = terms.filter((term) => tags.has(term.tag));
    if (carried.length === 0) continue;
    let sum = 0;
    for (const term of carried) sum += term.weight;
    matches.push({
      id: entry.id,
      contentType: entry.contentType,
      score: stage !== null && entry.stages.includes(stage) ? sum * STAGE_FACTOR : sum,
      sharedTags: carried
        .filter((term) => term.shared)
        .sort(byIdf)
        .map((term) => term.tag),
    });
  }
  matches.sort((a, b) => b.score - a.score || byTag(a.id, b.id));
  return matches.slice(0, limitOf(query.limit));
}
