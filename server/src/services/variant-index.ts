import type { Core, UID } from '@strapi/strapi';
import type { VariantCandidate } from '../../../plugin/decide';
import type { Stage } from '../../../plugin/stages';
import { FIELDS, PLUGIN_ID } from '../fields';

type Row = { id: number; documentId: string; locale?: string | null; publishedAt?: unknown; [key: string]: any };
interface Entry { key: string; candidate: VariantCandidate }

/**
 * In memory, the targeting of every variant, grouped by base entry, locale and version (draft or
 * published). Deciding then costs no SQL: the only query a personalized read adds is the fetch of
 * the variant it serves. Kept in step by the document middleware after every write.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  /** uid -> "base|locale|published" -> variants */
  let byBase = new Map<string, Map<string, VariantCandidate[]>>();
  /** uid -> variant documentId -> its entries, to replace them when the variant changes */
  let byVariant = new Map<string, Map<string, Entry[]>>();

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

  const forget = (uid: string, documentId: string) => {
    const entries = byVariant.get(uid)?.get(documentId) ?? [];
    const groups = byBase.get(uid)!;
    for (const { key, candidate } of entries) {
      const rest = (groups.get(key) ?? []).filter((c) => c !== candidate);
      if (rest.length) groups.set(key, rest);
      else groups.delete(key);
    }
    byVariant.get(uid)!.delete(documentId);
  };

  const add = (uid: string, row: Row) => {
    const base = row[FIELDS.variantOf]?.documentId as string | undefined;
    if (!base) return;
    const published = !hasDraftAndPublish(uid) || row.publishedAt != null;
    const key = keyOf(base, row.locale, published);
    const candidate: VariantCandidate = {
      documentId: row.documentId,
      stage: (row[FIELDS.stage] as Stage | null) ?? null,
      segments: (row[FIELDS.segments] ?? []).map((s: { slug: string }) => s.slug),
    };
    const groups = byBase.get(uid)!;
    groups.set(key, [...(groups.get(key) ?? []), candidate]);
    const variants = byVariant.get(uid)!;
    variants.set(row.documentId, [...(variants.get(row.documentId) ?? []), { key, candidate }]);
  };

  // Refreshes run one at a time, so that a slow read never overwrites a newer one.
  let queue: Promise<unknown> = Promise.resolve();
  const serially = <T>(task: () => Promise<T>): Promise<T> => {
    const run = queue.then(task, task);
    queue = run.catch(() => undefined);
    return run;
  };

  return {
    /** Reads every variant of every opted-in type; readers see the old index until it is done. */
    build() {
      return serially(async () => {
        const uids: string[] = strapi.plugin(PLUGIN_ID).service('content-types').optedInUids();
        const rows = await Promise.all(uids.map((uid) => load(uid, {})));
        byBase = new Map(uids.map((uid) => [uid, new Map()]));
        byVariant = new Map(uids.map((uid) => [uid, new Map()]));
        uids.forEach((uid, i) => rows[i].forEach((row) => add(uid, row)));
      });
    },

    /** Re-reads one document, and the variants pointing at it, after a write. */
    refresh(uid: string, documentId: string) {
      if (!byBase.has(uid)) return Promise.resolve();
      return serially(async () => {
        const rows = await load(uid, { $or: [{ documentId }, { [FIELDS.variantOf]: { documentId } }] });
        const touched = new Set([documentId, ...rows.map((row) => row.documentId)]);
        for (const id of touched) forget(uid, id);
        for (const row of rows) add(uid, row);
      });
    },

    /** The variants of one base entry in one locale, draft or published. */
    variantsOf(uid: string, baseDocumentId: string, locale: string | null | undefined, status: 'draft' | 'published') {
      const published = status === 'published' || !hasDraftAndPublish(uid);
      return byBase.get(uid)?.get(keyOf(baseDocumentId, locale, published)) ?? [];
    },
  };
};
