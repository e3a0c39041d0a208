import type { Core } from '@strapi/strapi';
import { assertNoCollision, isOptedIn, targetingAttributes } from './fields';
import { registerGraphQL } from './graphql';
import { registerPersonalizedRoutes } from './routes/personalized';

/**
 * Adds the targeting fields to every opted-in content type. Runs before the schema sync, so the
 * columns and link tables exist from the first boot and survive restarts.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  for (const schema of Object.values(strapi.contentTypes) as any[]) {
    if (!isOptedIn(schema)) continue;
    assertNoCollision(schema);
    strapi.get('content-types').extend(schema.uid, (contentType: any) => {
      Object.assign(contentType.attributes, targetingAttributes(schema));
    });
  }
  registerPersonalizedRoutes(strapi);
  registerGraphQL(strapi);
};
