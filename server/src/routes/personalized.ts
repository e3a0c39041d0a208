import type { Core } from '@strapi/strapi';
import { PLUGIN_ID, isOptedIn } from '../fields';

/** REST paths are per type so that each needs exactly the permission of the type's core route. */
export const PERSONALIZED_PREFIX = '/content';

export const registerPersonalizedRoutes = (strapi: Core.Strapi) => {
  const router = (strapi.plugin(PLUGIN_ID).routes as any)['content-api'];
  for (const contentType of Object.values(strapi.contentTypes) as any[]) {
    if (!isOptedIn(contentType)) continue;
    const { uid, info } = contentType;
    if (contentType.kind === 'singleType') {
      const path = `${PERSONALIZED_PREFIX}/${info.singularName}`;
      router.routes.push({ method: 'GET', path, handler: 'personalized.findFirst', config: { auth: { scope: [`${uid}.find`] } } });
      continue;
    }
    const path = `${PERSONALIZED_PREFIX}/${info.pluralName}`;
    router.routes.push(
      { method: 'GET', path, handler: 'personalized.find', config: { auth: { scope: [`${uid}.find`] } } },
      { method: 'GET', path: `${path}/:documentId`, handler: 'personalized.findOne', config: { auth: { scope: [`${uid}.findOne`] } } }
    );
  }
};
