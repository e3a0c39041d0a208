import type { Core, UID } from '@strapi/strapi';
import type { VariantCandidate } from '../../../plugin/decide';
import type { IndexedEntry } from '../../../plugin/related';
import { TagIndex } from '../../../plugin/tag-index';
import type { Stage } from '../../../plugin/stages';
import { readIndexRows } from '../bulk-read';
import { FIELDS } from '../fields';
import { findAllByPages } from '../pages';
import { getService } from '../utils/get-service';

type Row = { id: number; documentId: string; locale?: string | null; publishedAt?: unknown; [key: string]: any };
type Status = 'draft' | 'published';

/**
 * Related content ranks across types and locales in one index per version (draft, published), so
 * that a tag's rarity is measured over everything; ids and types carry the locale to filter on.
 */
export const relatedId = (uid: string, documentId: string, locale: string | null | undefined) =>
  `${uid}|${documentId}|${locale ?? ''}`;
export const relatedType = (uid: string, locale: string | null | undefined) => `${uid}|${locale ?? ''}`;

/** How long a write made through another instance may take to be served by this one. */
export const CONTENT_INDEX_FRESHNESS_MS = 5_000;
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
}

interface TypeIndex {
  families: Map<string, Family>;
  /** variant documentId -> base documentId */
  baseOf: Map<string, string>;
  /** Row count, last id and last update of the table, to notice writes made by other instances. */
  fingerprint: string;
}

/**
 * In memory, what every request needs to decide and recommend without SQL: the targeting of each
 * base entry's variants (for decisions) and each base entry's tags and stages (for related
 * content), per locale and version. Kept in step by the document middleware after every write
 * through this instance, and re-read in the background when another instance has written a type.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  let types = new Map<string, TypeIndex>();
  let related = new Map<string, TagIndex>();
  let checkedAt = Date.now();
  /** False until the first build is done: decisions serve the base meanwhile. */
  let warm = false;
  let retry: NodeJS.Timeout | null = null;

  // Asked for every row read: kept per type (Strapi's registry copies every schema on each read).
  const draftAndPublish = new Map<string, boolean>();
  const hasDraftAndPublish = (uid: string) => {
    if (!draftAndPublish.has(uid)) draftAndPublish.set(uid, getService(strapi, 'content-types').hasDraftAndPublish(uid));
    return draftAndPublish.get(uid)!;
  };
  const partitionOf = (uid: string, locale: string | null | undefined, published: boolean) =>
    `${locale ?? ''}|${published || !hasDraftAndPublish(uid) ? 1 : 0}`;
  const isPublished = (uid: string, row: Row) => row.publishedAt != null || !hasDraftAndPublish(uid);

  const load = (uid: string, where: Record<string, unknown>): Promise<Row[]> =>
    findAllByPages(strapi, uid, {
      where,
      select: ['id', 'documentId', 'locale', 'publishedAt', FIELDS.stage],
      populate: {
        [FIELDS.variantOf]: { select: ['documentId'] },
        [FIELDS.segments]: { select: ['slug'] },
        [FIELDS.tags]: { select: ['slug'] },
      },
    }) as Promise<Row[]>;
  const familyRows = (uid: string, baseDocumentIds: string[]) =>
    load(uid, { $or: [{ documentId: { $in: baseDocumentIds } }, { [FIELDS.variantOf]: { documentId: { $in: baseDocumentIds } } }] });

  const fingerprintOf = async (uid: string) => {
    const meta = strapi.db.metadata.get(uid);
    const updatedAt = (meta.attributes.updatedAt as { columnName?: string } | undefined)?.columnName ?? 'updated_at';
    const [row] = await strapi.db.connection(meta.tableName).count({ n: '*' }).max({ id: 'id', at: updatedAt });
    // PostgreSQL and MySQL drivers answer a Date, whose string drops the milliseconds: two writes
    // within one second would look alike.
    return [row.n, row.id, row.at instanceof Date ? row.at.getTime() : row.at].join('|');
  };

  const forgetFamily = (uid: string, index: TypeIndex, base: string) => {
    const family = index.families.get(base);
    if (!family) return;
    for (const key of family.related.keys()) {
      const [status, locale] = key.split('|');
      related.get(status)?.remove(relatedId(uid, base, locale));
    }
    for (const member of family.members) if (index.baseOf.get(member) === base) index.baseOf.delete(member);
    index.families.delete(base);
  };

  type RelatedUpsert = { partition: string; entry: IndexedEntry };

  /** Indexes the families of `rows` (bases with their variants, all versions); returns their related-content entries. */
  const addFamilies = (uid: string, index: TypeIndex, rows: Row[]): RelatedUpsert[] => {
    const upserts: RelatedUpsert[] = [];
    const family = (base: string) => {
      if (!index.families.has(base)) index.families.set(base, { variants: new Map(), related: new Map(), members: new Set() });
      return index.families.get(base)!;
    };
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

  const readType = async (uid: string) => {
    const index: TypeIndex = { families: new Map(), baseOf: new Map(), fingerprint: await fingerprintOf(uid) };
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

  /** Re-reads, in the background, the types another instance has written since the last look. */
  const catchUp = () =>
    serially(async () => {
      for (const [uid, index] of types) {
        if ((await fingerprintOf(uid)) !== index.fingerprint) replaceType(uid, await readType(uid));
      }
    }).catch((error) => strapi.log.warn(`[personalize] content index not refreshed: ${error.message}`));

  const lookAround = () => {
    if (Date.now() - checkedAt > CONTENT_INDEX_FRESHNESS_MS) {
      checkedAt = Date.now();
      void catchUp();
    }
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

    /** Reads every opted-in type; readers see the old index until it is done. */
    build() {
      return serially(async () => {
        const nextTypes = new Map<string, TypeIndex>();
        const nextRelated = new Map<string, TagIndex>();
        for (const uid of optedInUids()) {
          const { index, upserts } = await readType(uid);
          nextTypes.set(uid, index);
          applyRelated(nextRelated, upserts);
        }
        types = nextTypes;
        related = nextRelated;
        warm = true;
      });
    },

    /** Re-reads the family of one document (its base, the base's variants) after a write here. */
    refresh(uid: string, documentId: string) {
      if (!types.has(uid)) return Promise.resolve();
      return serially(async () => {
        const index = types.get(uid)!;
        const own = await load(uid, { documentId });
        const bases = new Set([documentId]);
        const before = index.baseOf.get(documentId);
        if (before) bases.add(before);
        for (const row of own) if (row[FIELDS.variantOf]?.documentId) bases.add(row[FIELDS.variantOf].documentId);
        const rows = await familyRows(uid, [...bases]);
        for (const base of bases) forgetFamily(uid, index, base);
        applyRelated(related, addFamilies(uid, index, rows));
        // The fingerprint is left as it was: the next look re-reads the type, in case another
        // instance wrote it meanwhile.
      });
    },

    /** Re-reads now the types written elsewhere since the last look (coherence, after a reconnect). */
    lookNow() {
      checkedAt = Date.now();
      return catchUp();
    },

    /** Resolves once every pending re-read is done (shutdown, tests that count statements). */
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
      // An entry created on another instance is found here once the background re-read is done.
      lookAround();
      return service.locateKnown(documentId);
    },

    /**
     * `locate` as this instance knows it, without looking for other instances' writes: the one to
     * ask inside a write. The look re-reads on the raw connection, which a write's transaction
     * holds (SQLite has one): a write then waiting on the index would wait for itself.
     */
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
