/**
 * The in-memory index of every opted-in type's variants and tags, kept fresh across writes,
 * transactions and instances. Longer than the usual file: one factory closes over the index's
 * state (the families, the queue of re-reads, what waits for a transaction to commit); its reads
 * are in `index-reads.ts` and `bulk-read.ts`, and what is left here all touches that state.
 */
import type { Core, UID } from '@strapi/strapi';
import type { VariantCandidate } from '../../../plugin/decide';
import type { IndexedEntry } from '../../../plugin/related';
import { TagIndex } from '../../../plugin/tag-index';
import type { Stage } from '../../../plugin/stages';
import { readIndexRows } from '../bulk-read';
import { FIELDS } from '../fields';
import { baseOfRow, changedSince, goneSlugs, markOf, readFamilies, readLabels, sameMark, type Labels, type Mark, type Row } from '../index-reads';
import { getService } from '../utils/get-service';

type Status = 'draft' | 'published';

/**
 * Related content ranks across types and locales in one index per version (draft, published), so
 * that a tag's rarity is measured over everything; ids and types carry the locale to filter on.
 */
export const relatedId = (uid: string, documentId: string, locale: string | null | undefined) =>
  `${uid}|${documentId}|${locale ?? ''}`;
export const relatedType = (uid: string, locale: string | null | undefined) => `${uid}|${locale ?? ''}`;

/**
 * How long a write made through another instance may take to be served by this one when it is
 * found by polling (SQLite, MySQL/MariaDB, PostgreSQL while the listening connection is lost).
 */
export const CONTENT_INDEX_FRESHNESS_MS = 5_000;
/**
 * A look re-reads the families of at most this many changed rows (or renamed segments' and tags'
 * carriers); beyond, the whole type, page by page, rather than one long list of documentIds.
 */
const LOOK_AT_MOST = 1_000;
/**
 * Boots wait for the index when the opted-in types hold up to this many rows (well under a
 * second of reading); larger ones serve while it warms up (`warmUp`).
 */
export const WAIT_FOR_INDEX_UP_TO_ROWS = 20_000;
/** A warm-up that failed (the database went away) is tried again after this. */
const WARM_UP_RETRY_MS = 5_000;
/** What a decision says while the index warms up: the base is served. */
export const WARMING_UP = 'personalization is warming up: the base entry is served until the variant index is built';

/** One base entry and its variants, in every locale and version: the unit the index re-reads. */
interface Family {
  /** "locale|published" -> the variants' targeting */
  variants: Map<string, VariantCandidate[]>;
  /** "status|locale" -> the base's tags, for the versions indexed for related content */
  related: Map<string, string[]>;
  members: Set<string>;
  /** Rows of the table it was read from. */
  rows: number;
}

interface TypeIndex {
  families: Map<string, Family>;
  /** variant documentId -> base documentId */
  baseOf: Map<string, string>;
  /** Rows indexed: as many as the table holds, unless a row was deleted elsewhere. */
  rows: number;
  mark: Mark;
}

/**
 * In memory, what every request needs to decide and recommend without SQL: the targeting of each
 * base entry's variants (for decisions) and each base entry's tags and stages (for related
 * content), per locale and version. Kept in step family by family: by the document middleware
 * after every write through this instance, on PostgreSQL by the other instances' notifications
 * (services/coherence.ts), and elsewhere by a look for other instances' writes (at most every
 * CONTENT_INDEX_FRESHNESS_MS) that re-reads the families of the rows added or changed since.
 *
 * Nothing a write does inside its transaction waits for the index's queue: the queue's reads
 * need a connection of their own, and on SQLite the transaction holds the only one (a write once
 * waited 60 s for itself). Inside a transaction, a family is read through the transaction and
 * read again once it is over; whole re-reads wait for the commit; lookups never start a look.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  let types = new Map<string, TypeIndex>();
  let related = new Map<string, TagIndex>();
  let labels: Labels | null = null;
  let checkedAt = Date.now();
  /** False until the first build is done: decisions serve the base meanwhile. */
  let warm = false;
  let retry: NodeJS.Timeout | null = null;
  /** Families read inside transactions not yet over: what they hold may never be committed. */
  let unsettled = 0;

  // Asked for every row read: kept per type (Strapi's registry copies every schema on each read).
  const draftAndPublish = new Map<string, boolean>();
  const hasDraftAndPublish = (uid: string) => {
    if (!draftAndPublish.has(uid)) draftAndPublish.set(uid, getService(strapi, 'content-types').hasDraftAndPublish(uid));
    return draftAndPublish.get(uid)!;
  };
  const partitionOf = (uid: string, locale: string | null | undefined, published: boolean) =>
    `${locale ?? ''}|${published || !hasDraftAndPublish(uid) ? 1 : 0}`;
  const isPublished = (uid: string, row: Row) => row.publishedAt != null || !hasDraftAndPublish(uid);
  const warn = (what: string) => (error: Error) => strapi.log.warn(`[personalize] ${what}: ${error.message}`);

  /** Runs `task` once the current transaction is over: committed, and rolled back too if asked. */
  const afterTransaction = async (task: () => void, alsoOnRollback: boolean): Promise<void> => {
    let done = false;
    // Once: after a commit, Strapi keeps the rollback callbacks for any later transaction of the same request.
    const once = () => {
      if (!done) task();
      done = true;
    };
    await strapi.db.transaction(async ({ onCommit, onRollback }) => {
      onCommit(once);
      if (alsoOnRollback) onRollback(once);
    });
  };

  const forgetFamily = (uid: string, index: TypeIndex, base: string) => {
    const family = index.families.get(base);
    if (!family) return;
    for (const key of family.related.keys()) {
      const [status, locale] = key.split('|');
      related.get(status)?.remove(relatedId(uid, base, locale));
    }
    for (const member of family.members) if (index.baseOf.get(member) === base) index.baseOf.delete(member);
    index.rows -= family.rows;
    index.families.delete(base);
  };

  type RelatedUpsert = { partition: string; entry: IndexedEntry };

  /** Indexes the families of `rows` (bases with their variants, all versions); returns their related-content entries. */
  const addFamilies = (uid: string, index: TypeIndex, rows: Row[]): RelatedUpsert[] => {
    const upserts: RelatedUpsert[] = [];
    const family = (base: string) => {
      if (!index.families.has(base)) index.families.set(base, { variants: new Map(), related: new Map(), members: new Set(), rows: 0 });
      const found = index.families.get(base)!;
      found.rows++;
      return found;
    };
    index.rows += rows.length;
    const bases: Row[] = [];
    const stages = new Map<string, Set<Stage>>();
    for (const row of rows) {
      const base = row[FIELDS.variantOf]?.documentId as string | undefined;
      if (!base) {
        bases.push(row);
        continue;
      }
      const partition = partitionOf(uid, row.locale, row.publishedAt != null);
      const stage = (row[FIELDS.stage] as Stage | null) ?? null;
      const group = family(base);
      group.variants.set(partition, [
        ...(group.variants.get(partition) ?? []),
        { documentId: row.documentId, stage, segments: (row[FIELDS.segments] ?? []).map((s: { slug: string }) => s.slug) },
      ]);
      group.members.add(row.documentId);
      index.baseOf.set(row.documentId, base);
      if (stage) {
        const key = `${base}|${partition}`;
        stages.set(key, (stages.get(key) ?? new Set()).add(stage));
      }
    }
    for (const row of bases) {
      const partition = partitionOf(uid, row.locale, row.publishedAt != null);
      const own = (row[FIELDS.stage] as Stage | null) ?? null;
      const all = new Set(stages.get(`${row.documentId}|${partition}`) ?? []);
      if (own) all.add(own);
      const status: Status = isPublished(uid, row) ? 'published' : 'draft';
      const tags = (row[FIELDS.tags] ?? []).map((t: { slug: string }) => t.slug);
      upserts.push({
        partition: status,
        entry: {
          id: relatedId(uid, row.documentId, row.locale),
          contentType: relatedType(uid, row.locale),
          tags,
          stages: [...all],
        },
      });
      family(row.documentId).related.set(`${status}|${row.locale ?? ''}`, tags);
    }
    return upserts;
  };
  const applyRelated = (target: Map<string, TagIndex>, upserts: RelatedUpsert[]) => {
    for (const { partition, entry } of upserts) {
      if (!target.has(partition)) target.set(partition, new TagIndex());
      target.get(partition)!.upsert(entry);
    }
  };

  /** Swaps in the families of `bases` as just read, at once. */
  const replaceFamilies = (uid: string, index: TypeIndex, { bases, rows }: { bases: Set<string>; rows: Row[] }) => {
    for (const base of bases) forgetFamily(uid, index, base);
    applyRelated(related, addFamilies(uid, index, rows));
  };

  const readType = async (uid: string) => {
    const index: TypeIndex = { families: new Map(), baseOf: new Map(), rows: 0, mark: await markOf(strapi, uid) };
    return { index, upserts: addFamilies(uid, index, await readIndexRows(strapi, uid)) };
  };

  /** Swaps in a re-read type at once, so that readers never see it half-indexed. */
  const replaceType = (uid: string, { index, upserts }: Awaited<ReturnType<typeof readType>>) => {
    for (const partitionIndex of related.values()) {
      for (const entry of [...partitionIndex.entries()]) {
        if (entry.contentType.startsWith(`${uid}|`)) partitionIndex.remove(entry.id);
      }
    }
    applyRelated(related, upserts);
    types.set(uid, index);
  };

  // Writes to the index run one at a time, so that a slow read never overwrites a newer one.
  let queue: Promise<unknown> = Promise.resolve();
  const serially = <T>(task: () => Promise<T>): Promise<T> => {
    const run = queue.then(task, task);
    queue = run.catch(() => undefined);
    return run;
  };

  /** Re-reads the family of one document (its base, the base's variants, the base it left). */
  const refreshFamily = async (uid: string, documentId: string) => {
    const index = types.get(uid);
    if (!index) return;
    const seeds = [documentId, index.baseOf.get(documentId)].filter((base): base is string => Boolean(base));
    replaceFamilies(uid, index, await readFamilies(strapi, uid, seeds));
  };

  /**
   * What another instance wrote to a type since the last look: the families of the rows added or
   * changed since (a larger id, a later update). A deletion leaves no row to follow: when the
   * table then holds fewer rows than the index, or too much changed, the whole type is read.
   * `whole`: re-read a changed type whole, without looking at what changed.
   */
  const lookAt = async (uid: string, whole: boolean) => {
    const index = types.get(uid)!;
    const mark = await markOf(strapi, uid);
    if (sameMark(mark, index.mark)) return;
    const lastAt = index.mark.at;
    if (!whole && (lastAt === null || Number.isFinite(lastAt))) {
      const changed = await changedSince(strapi, uid, index.mark, LOOK_AT_MOST);
      if (changed.length <= LOOK_AT_MOST) {
        // Each row's family now, the one it left, and itself (a base, or a variant with versions elsewhere).
        const seeds = changed.flatMap((row) => [row.documentId, baseOfRow(row), index.baseOf.get(row.documentId) ?? row.documentId]);
        const read = await readFamilies(strapi, uid, seeds);
        replaceFamilies(uid, index, read);
        // A family read inside a transaction not yet over may hold rows the table never will:
        // nothing to conclude, look again next time.
        if (unsettled) return;
        if (index.rows === mark.count) {
          index.mark = mark;
          return;
        }
      }
    }
    replaceType(uid, await readType(uid));
  };

  /** Re-reads the families that carry a segment or tag slug renamed or deleted since the last look. */
  const relabel = async () => {
    if (!labels) return;
    const now = await readLabels(strapi);
    const [segments, tags] = [goneSlugs(labels.segments, now.segments), goneSlugs(labels.tags, now.tags)];
    for (const [uid, index] of types) {
      if (!segments.size && !tags.size) break;
      const bases = [...index.families]
        .filter(([, family]) =>
          [...family.variants.values()].some((list) => list.some((variant) => variant.segments.some((slug) => segments.has(slug)))) ||
          [...family.related.values()].some((list) => list.some((slug) => tags.has(slug)))
        )
        .map(([base]) => base);
      if (bases.length > LOOK_AT_MOST) replaceType(uid, await readType(uid));
      else if (bases.length) replaceFamilies(uid, index, await readFamilies(strapi, uid, bases));
    }
    labels = now;
  };

  /** Looks for other instances' writes now: the changes since the last look, or changed types whole. */
  const look = (whole: boolean) =>
    serially(async () => {
      for (const uid of types.keys()) await lookAt(uid, whole);
      await relabel();
    }).catch(warn('content index not refreshed'));

  const lookAround = () => {
    if (Date.now() - checkedAt <= CONTENT_INDEX_FRESHNESS_MS) return;
    // Inside a write's transaction, never (its reads would wait for the connection the write holds):
    // the next lookup outside one looks. While other instances' changes arrive, there is no need.
    if (strapi.db.inTransaction() || getService(strapi, 'coherence').isListening()) return;
    checkedAt = Date.now();
    void look(false);
  };

  const optedInUids = (): string[] => getService(strapi, 'content-types').optedInUids();

  const service = {
    /**
     * The first build, at boot. A small index is built before Strapi starts serving; a large one
     * (millions of rows take tens of seconds) in the background, retried until it succeeds, while
     * requests are served: decisions serve the base entry (reason DEFAULT, `error` WARMING_UP).
     */
    async warmUp() {
      let rows = 0;
      for (const uid of optedInUids()) rows += await strapi.db.query(uid as UID.Schema).count({});
      if (rows <= WAIT_FOR_INDEX_UP_TO_ROWS) return service.build();
      const started = Date.now();
      strapi.log.info(`[personalize] ${rows} rows to index: serving base entries until the index is warm`);
      const attempt = () =>
        service.build().then(
          () => strapi.log.info(`[personalize] index warm in ${((Date.now() - started) / 1000).toFixed(1)} s`),
          (error: Error) => {
            strapi.log.warn(`[personalize] index warm-up failed, retrying in ${WARM_UP_RETRY_MS / 1000} s: ${error.message}`);
            retry = setTimeout(attempt, WARM_UP_RETRY_MS);
            retry.unref();
          }
        );
      void attempt();
    },

    /** False while the first build runs: serve base entries, and nothing related. */
    isWarm: () => warm,

    /** Shutdown: no warm-up retry after Strapi is gone. */
    stop() {
      if (retry) clearTimeout(retry);
      retry = null;
    },

    /** Reads every opted-in type; readers see the old index until it is done. Inside a transaction, once it commits. */
    build(): Promise<void> {
      if (strapi.db.inTransaction()) {
        return afterTransaction(() => void service.build().catch(warn('content index not rebuilt')), false);
      }
      return serially(async () => {
        const nextLabels = await readLabels(strapi);
        const nextTypes = new Map<string, TypeIndex>();
        const nextRelated = new Map<string, TagIndex>();
        for (const uid of optedInUids()) {
          const { index, upserts } = await readType(uid);
          nextTypes.set(uid, index);
          applyRelated(nextRelated, upserts);
        }
        types = nextTypes;
        related = nextRelated;
        labels = nextLabels;
        warm = true;
      });
    },

    /**
     * Re-reads the family of one document after a write (here, or told by another instance).
     * Inside the write's transaction: at once through it, so that the write's own answers see
     * it, and again once the transaction is over, in turn, for what was committed (or not).
     */
    async refresh(uid: string, documentId: string): Promise<void> {
      if (!strapi.db.inTransaction()) {
        const refreshed = serially(() => refreshFamily(uid, documentId));
        // While the first build runs, the write does not wait for it: the family is read after it.
        if (types.has(uid)) return refreshed;
        return void refreshed.catch(warn('content index not refreshed'));
      }
      unsettled++;
      await afterTransaction(() => {
        void serially(() => refreshFamily(uid, documentId))
          .catch(warn('content index not refreshed'))
          .finally(() => unsettled--);
      }, true);
      await refreshFamily(uid, documentId);
    },

    /** Re-reads the families that carry a renamed or deleted segment or tag. Inside a transaction, once it commits. */
    relabel(): Promise<void> {
      if (strapi.db.inTransaction()) return afterTransaction(() => void service.relabel().catch(warn('content index not relabelled')), false);
      return serially(relabel);
    },

    /**
     * Looks for other instances' writes now rather than at the next lookup: what changed since the
     * last look (when listening starts), or every changed type whole (after a lost connection).
     */
    lookNow(whole: boolean) {
      checkedAt = Date.now();
      return look(whole);
    },

    /** Resolves once every pending re-read is done (shutdown, tests). Never from inside a write's transaction. */
    settled(): Promise<void> {
      return serially(async () => undefined);
    },

    /** The variants of one base entry in one locale, draft or published. */
    variantsOf(uid: string, baseDocumentId: string, locale: string | null | undefined, status: Status) {
      lookAround();
      return types.get(uid)?.families.get(baseDocumentId)?.variants.get(partitionOf(uid, locale, status === 'published')) ?? [];
    },

    /** The base document of a single type in one locale and version, as indexed; null when unknown. */
    singleTypeBase(uid: string, locale: string | null, status: Status): string | null {
      lookAround();
      const key = `${status}|${locale ?? ''}`;
      for (const [documentId, family] of types.get(uid)?.families ?? []) if (family.related.has(key)) return documentId;
      return null;
    },

    /** The base entries of all opted-in types with their tags, in one version (all locales). */
    relatedIndex(status: Status): TagIndex | undefined {
      lookAround();
      return related.get(status);
    },

    /** Which opted-in type a documentId belongs to, and its base (itself for a base entry). */
    locate(documentId: string): { uid: string; base: string } | null {
      // An entry created on another instance is found here once the look has read it.
      lookAround();
      return service.locateKnown(documentId);
    },

    /** `locate` as this instance knows it, without looking for other instances' writes. */
    locateKnown(documentId: string): { uid: string; base: string } | null {
      for (const [uid, index] of types) {
        if (index.families.get(documentId)?.related.size) return { uid, base: documentId };
        const base = index.baseOf.get(documentId);
        if (base) return { uid, base };
      }
      return null;
    },

    /** A base entry's tags in one locale (null for a type that is not localized) and version. */
    tagsOf(uid: string, base: string, locale: string | null, status: Status): string[] | null {
      lookAround();
      return types.get(uid)?.families.get(base)?.related.get(`${status}|${locale ?? ''}`) ?? null;
    },
  };
  return service;
};
