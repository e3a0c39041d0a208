/**
 * The order of the tag index's entries: ids by slot, compared without reading the strings in most
 * cases, and the bounded heap of the best entries of a query.
 */
import { MAX_RELATED_LIMIT, byTag } from './related';

export const INITIAL_CAPACITY = 1024;

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
export class IdOrder {
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
export function grown<T extends Int32Array | Uint8Array>(from: T, to: T): T {
  to.set(from);
  return to;
}

/**
 * The best `limit` entries seen, by score descending then id ascending: a min-heap whose root is
 * the worst kept, so most entries are turned away by one comparison with it.
 */
export class TopEntries {
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
