import type { Core } from '@strapi/strapi';
import { PLUGIN_ID, SEGMENT_UID } from './fields';

/**
 * One document-service middleware keeps segments valid and variants coherent, whatever the
 * caller (Content Manager, REST, GraphQL, code).
 */
export const documentMiddleware =
  (strapi: Core.Strapi) => async (ctx: { uid: string; action: string; params: any }, next: () => Promise<unknown>) => {
    const { uid, action, params } = ctx;
    const service = (name: string) => strapi.plugin(PLUGIN_ID).service(name);

    if (uid === SEGMENT_UID && (action === 'create' || action === 'update')) {
      service('segment').assertValidRules(params.data);
      return next();
    }
    if (!service('content-types').isOptedIn(uid)) return next();
    const variants = service('variants');

    switch (action) {
      case 'create':
      case 'update': {
        const { baseDocumentId, locale } = await variants.checkBaseChange(uid, params);
        if (params.status === 'published') await variants.checkCanPublish(uid, baseDocumentId, locale);
        return next();
      }
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
