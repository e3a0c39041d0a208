/**
 * The related-content index: the ranking of `related.ts`, answered at a million entries.
 * Tags, entries and content types are interned into integers, each tag keeps a posting list of
 * entry slots, and a query adds its terms' weights into a reused score array, rarest term first,
 * stopping as soon as the entries it has not reached can no longer make the top `limit`; a
 * bounded heap then keeps the best without sorting them all. Tests prove it equal to
 * `rankBruteForce` to the last bit.
 *
 * Longer than the usual file: `TagIndex` is one class whose storage (slots, links, postings) and
 * query loops share private typed arrays; split, each half would reach into the other's.
 */
import {
  MAX_RELATED_LIMIT,
  SLACK,
  STAGE_FACTOR,
  byIdf,
  limitOf,
  stageBitOf,
  termsOf,
  type IndexedEntry,
  type RelatedMatch,
  type RelatedQuery,
  type Term,
} from './related';
import { STAGES, isStage } from './stages';
import { INITIAL_CAPACITY, IdOrder, TopEntries, grown } from './tag-index-order';

/**
 * What reading one reached entry's data costs, out of order, in postings read in order: the
 * measured ratio that decides between finishing by the posting lists and by the entries.
 */
const RANDOM_READ_COST = 8;
/** Past one reached entry in this many slots, a query clears every slot rather than the reached ones. */
const DENSE_FRACTION = 4;

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
