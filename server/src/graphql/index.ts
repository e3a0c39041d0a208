import type { Core } from '@strapi/strapi';
import { EXPERIMENT_UID, isOptedIn } from '../fields';
import { personalizedQueries } from './personalized';
import { relatedContentQuery } from './related';
import { sharedTypes } from './types';

/**
 * The plugin's GraphQL: per opted-in type `personalized<Type>` (and `personalized<Types>` for a
 * collection type), and `relatedContent` across types. Registered from `register`, as the
 * GraphQL plugin builds its schema after it.
 */
export const registerGraphQL = (strapi: Core.Strapi) => {
  const graphql = strapi.plugin('graphql');
  if (!graphql) return;

  // Experiments are the editors' working data, read through the admin API only.
  graphql.service('extension').shadowCRUD(EXPERIMENT_UID).disable();
  graphql.service('extension').use(({ nexus }: any) => {
    const contentTypes = Object.values(strapi.contentTypes).filter(isOptedIn as (ct: unknown) => boolean) as any[];
    const personalized = personalizedQueries(strapi, nexus, contentTypes);
    const related = relatedContentQuery(strapi, nexus, contentTypes);
    return {
      types: [...sharedTypes(nexus), ...personalized.types, ...related.types],
      resolversConfig: { ...personalized.resolversConfig, ...related.resolversConfig },
    };
  });
};
