import cases from './related.cases.json';
import { MAX_RELATED_LIMIT, rankBruteForce, type IndexedEntry, type RelatedQuery } from './related';
import { TagIndex } from './tag-index';
import { STAGES, type Stage } from './stages';
import { seededRandom } from '../tests/support/random';

/** A case entry: contentType defaults to "article", stages to none. */
interface CaseEntry {
  id: string;
  contentType?: string;
  tags: string[];
  stages?: Stage[];
}
/** Scores were computed by hand from the documented formula (rounded to 9 decimals). */
interface ExpectedMatch {
  id: string;
  score: number;
  sharedTags: string[];
}
type RelatedCase = [name: string, input: { entries: CaseEntry[]; query: RelatedQuery }, expected: ExpectedMatch[]];

const relatedCases = cases as unknown as RelatedCase[];

const entryOf = ({ id, contentType = 'article', tags, stages = [] }: CaseEntry): IndexedEntry => ({
  id,
  contentType,
  tags,
  stages,
});

function indexOf(entries: Iterable<IndexedEntry>): TagIndex {
  const index = new TagIndex();
  for (const entry of entries) index.upsert(entry);
  return index;
}

// Generated data: 1,000 tags of Zipf-like popularity, 1 to 8 tags an entry, 3 content types.

const TAGS = Array.from({ length: 1000 }, (_, i) => `topic-${i}`);
const TYPES = ['api::article.article', 'api::page.page', 'api::product.product'];
const ZIPF_CDF = (() => {
  const weights = TAGS.map((_, rank) => 1 / (rank + 1));
  const total = weights.reduce((sum, weight) => sum + weight, 0);
  let running = 0;
  return weights.map((weight) => (running += weight / total));
})();
const ID_CHARS = 'abcdefghijklmnopqrstuvwxyz0123456789';

function zipfTag(random: () => number): string {
  const u = random();
  let low = 0;
  let high = TAGS.length - 1;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (ZIPF_CDF[middle] < u) low = middle + 1;
    else high = middle;
  }
  return TAGS[low];
}

function pick<T>(random: () => number, from: readonly T[], count = 1): T[] {
  return Array.from({ length: count }, () => from[Math.floor(random() * from.length)]);
}

let generatedIds = 0;
function generateEntry(random: () => number): IndexedEntry {
  const contentType = pick(random, TYPES)[0];
  // Ids share long prefixes, as `<uid>|<documentId>` do; a counter keeps them unique.
  const documentId = pick(random, [...ID_CHARS], 10).join('') + (generatedIds++).toString(36);
  return {
    id: `${contentType}|${documentId}`,
    contentType,
    tags: Array.from({ length: 1 + Math.floor(random() * 8) }, () => zipfTag(random)),
    stages: STAGES.filter(() => random() < 0.3),
  };
}

function generateEntries(random: () => number, count: number): IndexedEntry[] {
  return Array.from({ length: count }, () => generateEntry(random));
}

/** Queries of every shape: from a source entry or free tags, repeats, unknown tags, filters, odd limits. */
function generateQuery(random: () => number, entries: readonly IndexedEntry[]): RelatedQuery {
  const [source] = pick(random, entries);
  const fromSource = random() < 0.6;
  const tags = fromSource ? [...source.tags] : Array.from({ length: Math.floor(random() * 5) }, () => zipfTag(random));
  if (random() < 0.1) tags.push('no-such-topic');
  if (random() < 0.1 && tags.length > 0) tags.push(tags[0]);
  const query: RelatedQuery = {
    tags,
    limit: pick(random, [1, 3, 10, 10, 10, 25, MAX_RELATED_LIMIT, 0, 250, 7.5])[0],
  };
  if (random() < 0.5) query.interests = Array.from({ length: Math.floor(random() * 4) }, () => zipfTag(random));
  if (random() < 0.6) query.stage = random() < 0.9 ? pick(random, STAGES)[0] : null;
  if (random() < 0.3) query.types = random() < 0.2 ? [] : pick(random, TYPES, 1 + Math.floor(random() * 2));
  if (fromSource || random() < 0.2) {
    query.exclude = [source.id, ...pick(random, entries, Math.floor(random() * 3)).map((entry) => entry.id)];
  }
  return query;
}

describe('related cases', () => {
  test.each(relatedCases)('%s', (_name, input, expected) => {
    const entries = input.entries.map(entryOf);
    const index = indexOf(entries);
    const matches = index.rank(input.query);
    expect(matches.map(({ id, sharedTags }) => ({ id, sharedTags }))).toEqual(
      expected.map(({ id, sharedTags }) => ({ id, sharedTags }))
    );
    matches.forEach((match, i) => {
      expect(match.score).toBeCloseTo(expected[i].score, 8);
      expect(match.contentType).toBe(entries.find((entry) => entry.id === match.id)?.contentType);
    });
    // The reference agrees to the last bit, on the entries as given (repeats and all).
    expect(rankBruteForce(entries, input.query)).toEqual(matches);
  });
});

describe('TagIndex upkeep', () => {
  const entries: IndexedEntry[] = [
    { id: 'a', contentType: 'article', tags: ['garden', 'soil'], stages: ['inform'] },
    { id: 'b', contentType: 'page', tags: ['garden'], stages: [] },
    { id: 'c', contentType: 'article', tags: ['kitchen'], stages: ['help', 'reward'] },
  ];

  test('size, has and entries follow upserts and removes', () => {
    const index = indexOf(entries);
    expect(index.size).toBe(3);
    expect(index.has('b')).toBe(true);
    index.remove('b');
    index.remove('b');
    index.remove('never');
    expect(index.size).toBe(2);
    expect(index.has('b')).toBe(false);
    expect([...index.entries()].map((entry) => entry.id).sort()).toEqual(['a', 'c']);
    index.upsert(entries[1]);
    expect(index.size).toBe(3);
    expect([...index.entries()].sort((x, y) => (x.id < y.id ? -1 : 1))).toEqual(entries);
  });

  test('entries are yielded as indexed: tags without repeats, stages in journey order', () => {
    const index = indexOf([
      { id: 'x', contentType: 'article', tags: ['b', 'a', 'b'], stages: ['reward', 'orient', 'reward'] },
    ]);
    expect([...index.entries()]).toEqual([
      { id: 'x', contentType: 'article', tags: ['b', 'a'], stages: ['orient', 'reward'] },
    ]);
  });

  test('an upsert replaces tags, stages and content type', () => {
    const index = indexOf(entries);
    index.upsert({ id: 'a', contentType: 'page', tags: ['kitchen'], stages: ['help'] });
    expect(index.size).toBe(3);
    expect(index.rank({ tags: ['soil'], limit: 10 })).toEqual([]);
    expect(index.rank({ tags: ['garden'], limit: 10 }).map((match) => match.id)).toEqual(['b']);
    const kitchen = index.rank({ tags: ['kitchen'], stage: 'help', types: ['page'], limit: 10 });
    expect(kitchen.map(({ id, contentType }) => ({ id, contentType }))).toEqual([{ id: 'a', contentType: 'page' }]);
    expect(index.rank({ tags: ['kitchen'], limit: 10 })).toEqual(rankBruteForce(index.entries(), { tags: ['kitchen'], limit: 10 }));
  });

  test('a stage that is not a funnel stage is not kept and never boosts', () => {
    const index = indexOf([{ id: 'x', contentType: 'article', tags: ['a'], stages: ['someday' as Stage] }]);
    expect([...index.entries()][0].stages).toEqual([]);
    const [match] = index.rank({ tags: ['a'], stage: 'someday' as Stage, limit: 1 });
    expect(match.score).toBe(Math.log(2));
  });

  test('a query leaves nothing behind for the next one', () => {
    const index = indexOf(entries);
    const all = { tags: ['garden', 'kitchen'], interests: ['soil'], stage: 'inform' as Stage, limit: 10 };
    const first = index.rank(all);
    expect(index.rank({ ...all, exclude: ['a'], types: ['article'] }).map((match) => match.id)).toEqual(['c']);
    expect(index.rank(all)).toEqual(first);
  });

  test('every instance gives the same answer, whatever the order entries came in', () => {
    const random = seededRandom(7);
    const generated = generateEntries(random, 3000);
    const shuffled = [...generated].sort(() => random() - 0.5);
    const one = indexOf(generated);
    const other = indexOf(shuffled);
    for (let i = 0; i < 50; i++) {
      const query = generateQuery(random, generated);
      expect(other.rank(query)).toEqual(one.rank(query));
    }
  });

  test('entries retagged over and over: room is reclaimed and answers stay right', () => {
    const random = seededRandom(11);
    const index = new TagIndex();
    // Growing tag lists outgrow their room at every retag, leaving waste to reclaim.
    for (let round = 1; round <= 60; round++) {
      for (let e = 0; e < 40; e++) {
        const tags = Array.from({ length: round }, (_, t) => `tag-${(e * 7 + t * 3) % 150}`);
        index.upsert({ id: `entry-${e}`, contentType: 'article', tags, stages: [] });
      }
    }
    expect(index.size).toBe(40);
    for (let i = 0; i < 30; i++) {
      const query: RelatedQuery = {
        tags: Array.from({ length: 1 + Math.floor(random() * 4) }, () => `tag-${Math.floor(random() * 150)}`),
        limit: 1 + Math.floor(random() * 20),
      };
      expect(index.rank(query)).toEqual(rankBruteForce(index.entries(), query));
    }
  });
});

describe('TagIndex equals the brute force on generated data', () => {
  const random = seededRandom(20240611);
  const live = generateEntries(random, 20_000);
  const index = indexOf(live);

  function compare(count: number): void {
    const snapshot = [...index.entries()];
    for (let i = 0; i < count; i++) {
      const query = generateQuery(random, snapshot);
      expect(index.rank(query)).toEqual(rankBruteForce(snapshot, query));
    }
  }

  test('200 queries on 20,000 entries', () => {
    expect(index.size).toBe(20_000);
    compare(200);
  });

  test('200 queries after 5,000 retags, removes and re-adds', () => {
    const removed: IndexedEntry[] = [];
    const byId = new Map(live.map((entry) => [entry.id, entry]));
    for (let i = 0; i < 5_000; i++) {
      const roll = random();
      const target = live[Math.floor(random() * live.length)];
      if (roll < 0.4) {
        // Retag: new tags, stages and maybe type; removed entries come back this way too.
        const retagged = { ...generateEntry(random), id: target.id };
        index.upsert(retagged);
        byId.set(target.id, retagged);
      } else if (roll < 0.7) {
        const current = byId.get(target.id);
        if (current !== undefined) {
          removed.push(current);
          byId.delete(target.id);
        }
        index.remove(target.id);
      } else if (roll < 0.9 && removed.length > 0) {
        const [back] = removed.splice(Math.floor(random() * removed.length), 1);
        if (!byId.has(back.id)) {
          index.upsert(back);
          byId.set(back.id, back);
        }
      } else {
        const added = generateEntry(random);
        live.push(added);
        index.upsert(added);
        byId.set(added.id, added);
      }
    }
    expect(index.size).toBe(byId.size);
    expect(new Set([...index.entries()].map((entry) => entry.id))).toEqual(new Set(byId.keys()));
    compare(200);
  });
});
