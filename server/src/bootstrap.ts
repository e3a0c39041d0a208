import type { Core } from '@strapi/strapi';
import { documentMiddleware } from './document-middleware';
import { FIELDS, PLUGIN_ID } from './fields';
import { registerActions } from './permissions';

export default async ({ strapi }: { strapi: Core.Strapi }) => {
  strapi.documents.use(documentMiddleware(strapi) as any);
  keepSingleTypesOnTheirBase(strapi);
  await registerActions(strapi);
  await strapi.plugin(PLUGIN_ID).service('segment').seedFunnelSegments();
  await strapi.plugin(PLUGIN_ID).service('content-index').build();
};

/**
 * Strapi's single-type REST update and delete find "the" document with a bare
 * `db.query(uid).findOne()`: make that the base, never one of its variants.
 */
const keepSingleTypesOnTheirBase = (strapi: Core.Strapi) => {
  const models = Object.values(strapi.contentTypes)
    .filter((ct: any) => ct.kind === 'singleType' && strapi.plugin(PLUGIN_ID).service('content-types').isOptedIn(ct.uid))
    .map((ct: any) => ct.uid);
  if (!models.length) return;
  strapi.db.lifecycles.subscribe({
    models,
    beforeFindOne(event: any) {
      const { params } = event;
      if (!params.where || Object.keys(params.where).length === 0) params.where = { [FIELDS.variantOf]: { id: { $null: true } } };
    },
  });
};
