import type { Core } from '@strapi/strapi';
import { guardCoreRead } from './core-reads';
import { EXPERIMENT_UID, SEGMENT_UID, TAG_UID } from './fields';
import { basesOnly, mentionsVariantOf } from './services/content-types';
import { getService } from './utils/get-service';
import { flagVariant } from './variant-flag';

type Context = { uid: string; action: string; params: any; contentType?: { kind?: string } };
type Next = () => Promise<unknown>;

const WRITES = new Set(['create', 'update', 'delete', 'publish', 'unpublish', 'discardDraft']);
const READS = new Set(['findFirst', 'findMany', 'count']);

/**
 * A single type's variants are further documents of the type. Wherever Strapi reads "the" document
 * of a single type (its core API, the Content Manager), it must find the base, unless the caller
 * asks about variants on purpose by filtering on `variantOf`.
 */
export const onlyTheBase = (params: any) => {
  if (!mentionsVariantOf(params.filters)) params.filters = basesOnly(params.filters);
};

/**
 * One document-service middleware keeps segments valid and variants coherent, whatever the
 * caller (Content Manager, REST, GraphQL, code), keeps the in-memory indexes in step, and tells
 * the change events (webhooks) what changed served content.
 */
export const documentMiddleware = (strapi: Core.Strapi) => async (ctx: Context, next: Next) => {
  const { uid, action, params } = ctx;

  if (uid === SEGMENT_UID) {
    if (action === 'create' || action === 'update') getService(strapi, 'segment').assertValidRules(params.data);
    const result = await next();
    if (WRITES.has(action)) {
      // A renamed or deleted segment changes what variants target: recompile, re-read the variants that carried it.
      getService(strapi, 'segment-catalog').invalidate();
      await getService(strapi, 'content-index').relabel();
      getService(strapi, 'change-events').segmentsChanged();
      await getService(strapi, 'coherence').changed({ kind: 'segments' });
    }
    return result;
  }
  if (uid === EXPERIMENT_UID) {
    if (!WRITES.has(action)) return next();
    // A deleted experiment is gone afterwards: which entry it was on is read before.
    const before = action === 'delete' ? await strapi.db.query(EXPERIMENT_UID as any).findOne({ where: { documentId: params.documentId } }) : null;
    const result = await next();
    getService(strapi, 'change-events').experimentChanged((result as any)?.contentType ? (result as any) : before);
    // The experiments service reads them again here; the other instances are told.
    await getService(strapi, 'coherence').changed({ kind: 'experiments' });
    return result;
  }
  if (uid === TAG_UID) {
    const result = await next();
    // A renamed or deleted tag changes what entries carry: the entries that carried it are re-read.
    if (WRITES.has(action)) {
      await getService(strapi, 'content-index').relabel();
      await getService(strapi, 'coherence').changed({ kind: 'tags' });
    }
    return result;
  }
  if (!getService(strapi, 'content-types').isOptedIn(uid)) return next();
  if (READS.has(action) && ctx.contentType?.kind === 'singleType') onlyTheBase(params);
  guardCoreRead(strapi, action, params);

  const changed = getService(strapi, 'change-events').entryWrite(uid, action, params);
  const result = await guardVariants(strapi, ctx, next);
  if (WRITES.has(action)) {
    const documentId = params.documentId ?? (result as { documentId?: string } | null)?.documentId;
    if (documentId) {
      await getService(strapi, 'content-index').refresh(uid, documentId);
      await getService(strapi, 'coherence').changed({ kind: 'entry', uid, documentId });
    }
  }
  changed?.(result);
  return result;
};

/** Variant integrity, checked before the write reaches the database. */
const guardVariants = async (strapi: Core.Strapi, { uid, action, params }: Context, next: Next) => {
  const variants = getService(strapi, 'variants');
  switch (action) {
    case 'create':
    case 'update': {
      const { baseDocumentId, locale } = await variants.checkBaseChange(uid, params);
      if (params.status === 'published') await variants.checkCanPublish(uid, baseDocumentId, locale);
      flagVariant(action, params.data);
      return next();
    }
    case 'clone':
      flagVariant(action, params.data);
      return next();
    case 'publish': {
      const { baseDocumentId, locale } = await variants.baseOfDraft(uid, params.documentId, params.locale);
      await variants.checkCanPublish(uid, baseDocumentId, locale);
      return next();
    }
    case 'unpublish': {
      // Unpublishing a base takes its variants back to draft: a published variant without a
      // published base would otherwise pass for a base entry. Their drafts are kept.
      const published = await variants.publishedVariants(uid, params.documentId, params.locale);
      const result = await next();
      for (const variant of published) {
        await strapi.documents(uid as any).unpublish({ documentId: variant.documentId, locale: variant.locale });
      }
      return result;
    }
    case 'delete':
      await variants.checkCanDelete(uid, params.documentId, params.locale);
      return next();
    default:
      return next();
  }
};
