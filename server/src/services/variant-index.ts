import type { Core, UID } from '@strapi/strapi';
import type { VariantCandidate } from '../../../plugin/decide';
import type { Stage } from '../../../plugin/stages';
import { FIELDS, PLUGIN_ID } from '../fields';

type Row = { id: number; documentId: string; locale?: string | null; publishedAt?: unknown; [key: string]: any };
interface Entry { key: string; candidate: VariantCandidate }
interface TypeIndex {
  /** "base|locale|published" -> variants */
  byBase: Map<string, VariantCandidate[]>;
  /** variant documentId -> its entries, to replace them when the variant changes */
  byVariant: Map<string, Entry[]>;
  /** Row count and last update of the type's table, to notice writes made by other instances. */
  fingerprint: string;
}

/** How long a variant written through another instance may take to be served by this one. */
export const VARIANT_INDEX_FRESHNESS_MS = 5_000;

/**
 * In memory, the targeting of every variant, grouped by base entry, locale and version (draft or
 * published). Deciding then costs no SQL: the only statement a personalized read adds is the fetch
 * of the variants it serves. Kept in step by the document middleware after every write here, and
 * re-read in the background when another instance has written the type.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  let types = new Map<string, TypeIndex>();
  let checkedAt = Date.now();

  const keyOf = (baseDocumentId: string, locale: string | null | undefined, published: boolean) =>
    `${baseDocumentId}|${locale ?? ''}|${published ? 1 : 0}`;
  const hasDraftAndPublish = (uid: string) => strapi.contentType(uid as UID.ContentType)?.options?.draftAndPublish === true;

  const load = (uid: string, where: Record<string, unknown>): Promise<Row[]> =>
    strapi.db.query(uid as UID.Schema).findMany({
      where: { ...where, [FIELDS.variantOf]: { id: { $notNull: true } } },
      select: ['id', 'documentId', 'locale', 'publishedAt', FIELDS.stage],
      populate: { [FIELDS.variantOf]: { select: ['documentId'] }, [FIELDS.segments]: { select: ['slug'] } },
      orderBy: [{ id: 'asc' }],
    });

  const fingerprintOf = async (uid: string) => {
    const meta = strapi.db.metadata.get(uid);
    const updatedAt = (meta.attributes.updatedAt as { columnName?: string } | undefined)?.columnName ?? 'updated_at';
    const [row] = await strapi.db.connection(meta.tableName).count({ n: '*' }).max({ at: updatedAt });
    return `${row.n}|${row.at}`;
  };

  const forget = (index: TypeIndex, documentId: string) => {
    for (const { key, candidate } of index.byVariant.get(documentId) ?? []) {
      const rest = (index.byBase.get(key) ?? []).filter((c) => c !== candidate);
      if (rest.length) index.byBase.set(key, rest);
      else index.byBase.delete(key);
    }
    index.byVariant.delete(documentId);
  };

  const add = (uid: string, index: TypeIndex, row: Row) => {
    const base = row[FIELDS.variantOf]?.documentId as string | undefined;
    if (!base) return;
    const published = !hasDraftAndPublish(uid) || row.publishedAt != null;
    const key = keyOf(base, row.locale, published);
    const candidate: VariantCandidate = {
      documentId: row.documentId,
      stage: (row[FIELDS.stage] as Stage | null) ?? null,
      segments: (row[FIELDS.segments] ?? []).map((s: { slug: string }) => s.slug),
    };
    index.byBase.set(key, [...(index.byBase.get(key) ?? []), candidate]);
    index.byVariant.set(row.documentId, [...(index.byVariant.get(row.documentId) ?? []), { key, candidate }]);
  };

  const read = async (uid: string): Promise<TypeIndex> => {
    const fingerprint = await fingerprintOf(uid);
    const index: TypeIndex = { byBase: new Map(), byVariant: new Map(), fingerprint };
    for (const row of await load(uid, {})) add(uid, index, row);
    return index;
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
        if ((await fingerprintOf(uid)) !== index.fingerprint) types.set(uid, await read(uid));
      }
    }).catch((error) => strapi.log.warn(`[personalize] variant index not refreshed: ${error.message}`));

  return {
    /** Reads every variant of every opted-in type; readers see the old index until it is done. */
    build() {
      return serially(async () => {
        const uids: string[] = strapi.plugin(PLUGIN_ID).service('content-types').optedInUids();
        const next = new Map<string, TypeIndex>();
        for (const uid of uids) next.set(uid, await read(uid));
        types = next;
      });
    },

    /** Re-reads one document, and the variants pointing at it, after a write through this instance. */
    refresh(uid: string, documentId: string) {
      if (!types.has(uid)) return Promise.resolve();
      return serially(async () => {
        const index = types.get(uid)!;
        const rows = await load(uid, { $or: [{ documentId }, { [FIELDS.variantOf]: { documentId } }] });
        for (const id of new Set([documentId, ...rows.map((row) => row.documentId)])) forget(index, id);
        for (const row of rows) add(uid, index, row);
        // The fingerprint is left as it was: the next look re-reads the type, in case another
        // instance wrote it meanwhile.
      });
    },

    /** Resolves once every pending re-read is done (shutdown, tests that count statements). */
    settled(): Promise<void> {
      return serially(async () => undefined);
    },

    /** The variants of one base entry in one locale, draft or published. */
    variantsOf(uid: string, baseDocumentId: string, locale: string | null | undefined, status: 'draft' | 'published') {
      if (Date.now() - checkedAt > VARIANT_INDEX_FRESHNESS_MS) {
        checkedAt = Date.now();
        void catchUp();
      }
      const published = status === 'published' || !hasDraftAndPublish(uid);
      return types.get(uid)?.byBase.get(keyOf(baseDocumentId, locale, published)) ?? [];
    },
  };
};
