import type { Core } from '@strapi/strapi';
import { documentMiddleware } from './document-middleware';
import { PLUGIN_ID } from './fields';
import { registerActions } from './permissions';

export default async ({ strapi }: { strapi: Core.Strapi }) => {
  strapi.documents.use(documentMiddleware(strapi) as any);
  await registerActions(strapi);
  await strapi.plugin(PLUGIN_ID).service('segment').seedFunnelSegments();
  await strapi.plugin(PLUGIN_ID).service('content-index').build();
};
