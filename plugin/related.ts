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
 * Bounds are compared with this relative margin: a bound adds the same weights as a score but in
 * another order, so it may differ in the last places. The rounding of a sum of n positive terms
 * stays below n × 1.2e-16 of it, far below 1e-9 for any query; the margin only costs a little
 * pruning.
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

/**
 * What reading one reached entry's data costs, out of order, in postings read in order: the
 * measured ratio that decides between finishing by the posting lists and by the entries.
 */
const RANDOM_READ_COST = 8;
/** Past one reached entry in this many slots, a query clears every slot rather than the reached ones. */
const DENSE_FRACTION = 4;

const INITIAL_CAPACITY = 1024;
const INITIAL_POSTINGS = 4;
/** Links of replaced and removed entries are reclaimed when they waste more than the live ones. */
const MIN_LINKS_TO_RECLAIM = 1 << 16;

/**
 * The entries of one partition (locale, draft or published), indexed by tag.
 *
 * Each entry lives in a slot (a small integer, reused after removal); each tag keeps the slots
 * that carry it in an Int32Array, and each slot remembers its place in every list it is in, so
 * that upsert and remove cost a few array writes per tag, whatever the size of the lists.
 * Per-entry data lives in typed arrays indexed by slot, not in an object per entry: a million
 * entries are a few large arrays for the garbage collector, not millions of small ones.
 */
export class TagIndex {
  private readonly slotOfId = new Map<string, number>();
  /** slot → id, ordered cheaply. */
  private readonly order = new IdOrder();
  private readonly ids = this.order.ids;
  private typeOf = new Int32Array(INITIAL_CAPACITY);
  /** slot → bit i set when the entry has content for STAGES[i]. */
  private stageMask = new Uint8Array(INITIAL_CAPACITY);
  /**
   * An entry's links are `tagCount[slot]` pairs (tag, its place in the tag's list) at
   * `links[linkStart[slot]]`, tags in the order first given; `linkRoom[slot]` pairs are reserved
   * there, so a retag that does not add tags stays in place.
   */
  private links = new Int32Array(INITIAL_CAPACITY * 8);
  private linksEnd = 0;
  private linksLive = 0;
  private linkStart = new Int32Array(INITIAL_CAPACITY);
  private linkRoom = new Int32Array(INITIAL_CAPACITY);
  private tagCount = new Int32Array(INITIAL_CAPACITY);
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
  /** content type → 1 when the query allows it. */
  private typeAllowed = new Uint8Array(0);
  /** An entry's later terms, while completing its score from its tags. */
  private laterTerms = new Int32Array(16);
  /** Lower bounds, while finding the limit-th best (a min-heap). */
  private readonly boundHeap = new Float64Array(MAX_RELATED_LIMIT);
  private readonly top = new TopEntries(this.order);

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
      this.order.set(slot, entry.id);
      this.count++;
    } else {
      this.unlink(slot);
    }
    this.typeOf[slot] = this.typeId(entry.contentType);
    let mask = 0;
    // A stage that is not one of STAGES cannot match a visitor's stage: it is not kept.
    for (const stage of entry.stages) if (isStage(stage)) mask |= 1 << STAGES.indexOf(stage);
    this.stageMask[slot] = mask;
    // Entries carry a handful of tags: a linear scan for repeats beats hashing them.
    const tagIds: number[] = [];
    for (const tag of entry.tags) {
      const tagId = this.tagId(tag);
      if (!tagIds.includes(tagId)) tagIds.push(tagId);
    }
    if (tagIds.length > this.linkRoom[slot]) this.reserveLinks(slot, tagIds.length);
    if (tagIds.length > this.laterTerms.length) this.laterTerms = new Int32Array(tagIds.length * 2);
    let at = this.linkStart[slot];
    for (const tagId of tagIds) {
      this.links[at++] = tagId;
      this.links[at++] = this.append(tagId, slot);
    }
    this.tagCount[slot] = tagIds.length;
    this.linksLive += tagIds.length;
  }

  /** Forgets an entry; nothing happens when it is not there. */
  remove(id: string): void {
    const slot = this.slotOfId.get(id);
    if (slot === undefined) return;
    this.unlink(slot);
    this.slotOfId.delete(id);
    this.order.clear(slot);
    // The slot keeps its room for the next entry to take it.
    this.freeSlots.push(slot);
    this.count--;
  }

  /** The entries as indexed, in no particular order: tags without repeats, stages in journey order. */
  *entries(): IterableIterator<IndexedEntry> {
    for (let slot = 0; slot < this.slotCount; slot++) {
      const id = this.ids[slot];
      if (id === undefined) continue;
      const tags: string[] = [];
      const start = this.linkStart[slot];
      const end = start + 2 * this.tagCount[slot];
      for (let at = start; at < end; at += 2) tags.push(this.tagNames[this.links[at]]);
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
    this.ensureScratch();
    let allowedTypes: Uint8Array | null = null;
    if (query.types !== undefined && query.types.length > 0) {
      const typeIds = new Set<number>();
      for (const type of query.types) {
        const typeId = this.typeIdOf.get(type);
        if (typeId !== undefined) typeIds.add(typeId);
      }
      if (typeIds.size === 0) return [];
      // Every type allowed: skip the per-entry check.
      if (typeIds.size < this.typeNames.length) {
        allowedTypes = this.typeAllowed.fill(0);
        for (const typeId of typeIds) allowedTypes[typeId] = 1;
      }
    }
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
      this.accumulate(terms, termTags, allowedTypes, stageBit, limit, excluded);
      return this.select(terms, stageBit, limit);
    } finally {
      // Past one reached entry in DENSE_FRACTION slots, clearing them all in order is cheaper.
      if (this.touchedCount * DENSE_FRACTION > this.slotCount) this.scores.fill(0, 0, this.slotCount);
      else for (let i = 0; i < this.touchedCount; i++) this.scores[this.touched[i]] = 0;
      this.touchedCount = 0;
      for (const tagId of termTags) this.termOfTag[tagId] = -1;
    }
  }

  /**
   * Adds each term's weight into the scores of the entries carrying it, heaviest term first.
   * Once no entry left unreached could make the top `limit` (it would carry only the remaining
   * terms, so score at most their sum × the stage factor), the remaining terms only complete the
   * scores of entries already reached: they add in the same order, so every score stays exact,
   * and the reached set stays small for the selection and the reset. When the reached entries
   * have fewer tags in all than the remaining lists have entries, their scores are completed
   * from their own tags instead.
   */
  private accumulate(
    terms: readonly Term[],
    termTags: readonly number[],
    allowedTypes: Uint8Array | null,
    stageBit: number,
    limit: number,
    excluded: number
  ): void {
    const { scores, touched, typeOf } = this;
    const n = terms.length;
    // remaining[j]: what an entry carrying every term from j on would add up to.
    const remaining: number[] = new Array<number>(n + 1).fill(0);
    let postingsLeft = 0;
    for (let j = n - 1; j >= 0; j--) {
      remaining[j] = remaining[j + 1] + terms[j].weight;
      postingsLeft += this.postingLengths[termTags[j]];
    }
    const maxFactor = stageBit === 0 ? 1 : STAGE_FACTOR;
    let admitting = true;
    let touchedCount = this.touchedCount;
    try {
      for (let j = 0; j < n; j++) {
        if (admitting && j > 0 && touchedCount - excluded >= limit) {
          // The most an unreached entry can score, with the margin for summing in another order.
          const unreached = remaining[j] * maxFactor * (1 + SLACK);
          // A free lower bound of the limit-th best: every reached entry has at least the lightest
          // weight added so far. Else the limit-th best lower bound itself, but only when finding
          // it costs less than going on, and when it could win: it is at most the weights added
          // so far × the stage factor.
          if (unreached < terms[j - 1].weight * (1 - SLACK)) admitting = false;
          else if (
            touchedCount * RANDOM_READ_COST <= postingsLeft &&
            unreached < (remaining[0] - remaining[j]) * maxFactor
          ) {
            this.touchedCount = touchedCount;
            admitting = !(unreached < this.kthLowerBound(limit, stageBit) * (1 - SLACK));
          }
          // Completing from the entries' own tags reads their links, out of order.
          if (!admitting && touchedCount * (this.linksLive / this.count) * RANDOM_READ_COST < postingsLeft) {
            this.touchedCount = touchedCount;
            this.completeFromLinks(terms, j);
            return;
          }
        }
        const tagId = termTags[j];
        const list = this.postings[tagId];
        const length = this.postingLengths[tagId];
        const weight = terms[j].weight;
        postingsLeft -= length;
        if (!admitting) {
          // Unreached entries stay at 0, excluded ones at -Infinity (adding keeps it there).
          for (let i = 0; i < length; i++) {
            const slot = list[i];
            const score = scores[slot];
            if (score !== 0) scores[slot] = score + weight;
          }
        } else if (allowedTypes === null) {
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
    } finally {
      this.touchedCount = touchedCount;
    }
  }

  /** Adds to each reached entry the weights of its terms from `from` on, in canonical order. */
  private completeFromLinks(terms: readonly Term[], from: number): void {
    const { scores, touched, touchedCount, links, linkStart, tagCount, termOfTag, laterTerms: later } = this;
    for (let i = 0; i < touchedCount; i++) {
      const slot = touched[i];
      if (scores[slot] < 0) continue;
      const start = linkStart[slot];
      const end = start + 2 * tagCount[slot];
      let count = 0;
      for (let at = start; at < end; at += 2) {
        const term = termOfTag[links[at]];
        if (term < from) continue;
        // Insertion sort: an entry carries a handful of tags.
        let k = count++;
        while (k > 0 && later[k - 1] > term) {
          later[k] = later[k - 1];
          k--;
        }
        later[k] = term;
      }
      let sum = scores[slot];
      for (let k = 0; k < count; k++) sum += terms[later[k]].weight;
      scores[slot] = sum;
    }
  }

  /** The limit-th largest lower bound of a final score (partial sum × stage factor) among reached entries. */
  private kthLowerBound(limit: number, stageBit: number): number {
    const { scores, touched, stageMask, touchedCount } = this;
    const heap = this.boundHeap;
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

  /** The best reached entries, by a bounded heap: only the kept few are ever sorted. */
  private select(terms: readonly Term[], stageBit: number, limit: number): RelatedMatch[] {
    const { scores, touched, stageMask, touchedCount } = this;
    const top = this.top;
    top.clear(limit);
    for (let i = 0; i < touchedCount; i++) {
      const slot = touched[i];
      const sum = scores[slot];
      // Excluded entries are at -Infinity.
      if (sum > 0) top.offer(slot, (stageMask[slot] & stageBit) !== 0 ? sum * STAGE_FACTOR : sum);
    }
    return top.best().map(([slot, score]) => this.match(slot, score, terms));
  }

  private match(slot: number, score: number, terms: readonly Term[]): RelatedMatch {
    const shared: Term[] = [];
    const start = this.linkStart[slot];
    const end = start + 2 * this.tagCount[slot];
    for (let at = start; at < end; at += 2) {
      const term = this.termOfTag[this.links[at]];
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
    if (slot === this.typeOf.length) {
      this.typeOf = grown(this.typeOf, new Int32Array(slot * 2));
      this.stageMask = grown(this.stageMask, new Uint8Array(slot * 2));
      this.linkStart = grown(this.linkStart, new Int32Array(slot * 2));
      this.linkRoom = grown(this.linkRoom, new Int32Array(slot * 2));
      this.tagCount = grown(this.tagCount, new Int32Array(slot * 2));
    }
    return slot;
  }

  /**
   * Gives the slot room for `count` links at the end of the pool. The room it leaves is wasted
   * until the pool is compacted, which happens once waste outgrows the live links: amortized,
   * each upsert pays a constant share.
   */
  private reserveLinks(slot: number, count: number): void {
    this.linkRoom[slot] = 0;
    const needed = 2 * count;
    if (this.linksEnd + needed > this.links.length) {
      const live = 2 * this.linksLive;
      if (this.linksEnd - live > Math.max(live, MIN_LINKS_TO_RECLAIM)) this.compactLinks();
      if (this.linksEnd + needed > this.links.length) {
        // By half, not double: the pool is the largest array, and growth stays amortized.
        const length = Math.max(Math.ceil(1.5 * this.links.length), this.linksEnd + needed);
        this.links = grown(this.links, new Int32Array(length));
      }
    }
    this.linkStart[slot] = this.linksEnd;
    this.linkRoom[slot] = count;
    this.linksEnd += needed;
  }

  /** Moves every live entry's links to the front of the pool, in slot order; free slots lose their room. */
  private compactLinks(): void {
    const compacted = new Int32Array(this.links.length);
    let end = 0;
    for (let slot = 0; slot < this.slotCount; slot++) {
      const count = this.ids[slot] === undefined ? 0 : this.tagCount[slot];
      const start = this.linkStart[slot];
      compacted.set(this.links.subarray(start, start + 2 * count), end);
      this.linkStart[slot] = end;
      this.linkRoom[slot] = count;
      end += 2 * count;
    }
    this.links = compacted;
    this.linksEnd = end;
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
    if (this.typeAllowed.length < this.typeNames.length) this.typeAllowed = new Uint8Array(this.typeNames.length * 2);
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
    const { links } = this;
    const start = this.linkStart[slot];
    const end = start + 2 * this.tagCount[slot];
    for (let at = start; at < end; at += 2) {
      const tagId = links[at];
      const place = links[at + 1];
      const list = this.postings[tagId];
      const last = --this.postingLengths[tagId];
      if (place === last) continue;
      const moved = list[last];
      list[place] = moved;
      // The moved entry's link to this tag now points at the place it moved into.
      for (let k = this.linkStart[moved]; ; k += 2) {
        if (links[k] === tagId) {
          links[k + 1] = place;
          break;
        }
      }
    }
    this.linksLive -= this.tagCount[slot];
    this.tagCount[slot] = 0;
  }
}

/** Splitters: enough that few ids share a bucket, few enough to stay in the processor's cache. */
const MAX_SPLITTERS = 4096;

/**
 * Entry ids by slot, ordered without reading the strings in most cases. Ties on score are broken
 * by id, and a query may meet hundreds of thousands of ties: reading each id string is a cache
 * miss, ten times the cost of the rest. So each slot also keeps a bucket, the number of
 * splitters (a sorted sample of ids) at or below its id: a smaller bucket means a smaller id,
 * and only ids in the same bucket need their strings compared. The splitters are sampled again
 * each time the index has grown fourfold: upkeep is a constant share of each insert, and an index
 * that no longer grows never pauses for it. Ids that drift away from the sample (say, ever larger
 * ones) crowd into the edge buckets: answers stay right, ties just cost string comparisons again.
 */
class IdOrder {
  /** slot → id; undefined for a free slot. */
  readonly ids: Array<string | undefined> = [];
  private bucket = new Int32Array(INITIAL_CAPACITY);
  private splitters: string[] = [];
  private live = 0;
  private sampledAt = 0;

  set(slot: number, id: string): void {
    if (slot >= this.bucket.length) this.bucket = grown(this.bucket, new Int32Array(Math.max(slot + 1, this.bucket.length * 2)));
    this.ids[slot] = id;
    if (++this.live >= 4 * this.sampledAt && this.live >= 64) this.sample();
    else this.bucket[slot] = this.bucketOf(id);
  }

  clear(slot: number): void {
    this.ids[slot] = undefined;
    this.live--;
  }

  /** Whether slot a's id comes after slot b's, by code unit. */
  after(a: number, b: number): boolean {
    const bucketA = this.bucket[a];
    const bucketB = this.bucket[b];
    return bucketA !== bucketB ? bucketA > bucketB : (this.ids[a] as string) > (this.ids[b] as string);
  }

  /** How many splitters are at or below the id. */
  private bucketOf(id: string): number {
    const { splitters } = this;
    let low = 0;
    let high = splitters.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (splitters[middle] <= id) low = middle + 1;
      else high = middle;
    }
    return low;
  }

  private sample(): void {
    const { ids } = this;
    const step = Math.max(1, Math.floor(this.live / MAX_SPLITTERS));
    const sampled: string[] = [];
    let seen = 0;
    for (let slot = 0; slot < ids.length; slot++) {
      const id = ids[slot];
      if (id !== undefined && seen++ % step === 0) sampled.push(id);
    }
    this.splitters = sampled.sort(byTag);
    for (let slot = 0; slot < ids.length; slot++) {
      const id = ids[slot];
      if (id !== undefined) this.bucket[slot] = this.bucketOf(id);
    }
    this.sampledAt = this.live;
  }
}

/** A copy of `from` into the larger `to`. */
function grown<T extends Int32Array | Uint8Array>(from: T, to: T): T {
  to.set(from);
  return to;
}

/**
 * The best `limit` entries seen, by score descending then id ascending: a min-heap whose root is
 * the worst kept, so most entries are turned away by one comparison with it.
 */
class TopEntries {
  private readonly slots = new Int32Array(MAX_RELATED_LIMIT);
  private readonly scores = new Float64Array(MAX_RELATED_LIMIT);
  private size = 0;
  private limit = 1;

  constructor(private readonly order: IdOrder) {}

  clear(limit: number): void {
    this.size = 0;
    this.limit = limit;
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
    return scoreA < scoreB || (scoreA === scoreB && this.order.after(slotA, slotB));
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
