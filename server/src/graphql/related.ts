import type { Core } from '@strapi/strapi';
import { GRAPHQL_NAMES, RELATED_LIMITS } from '../../../shared/contracts/content-api';
import { PLUGIN_ID } from '../fields';
import { isApiToken } from '../services/delivery';
import { getService } from '../utils/get-service';
import { readPlainFields } from './plain-fields';
import { statusOf } from './types';

/**
 * `relatedContent`: what to put forward next, across the opted-in types. `entry` is a union of
 * them, so the caller selects fields per type (`... on Article { title }`).
 */
const PLAIN_TYPES = [GRAPHQL_NAMES.relatedItem, GRAPHQL_NAMES.decision];

export const relatedContentQuery = (strapi: Core.Strapi, nexus: any, contentTypes: any[]) => {
  const { naming } = strapi.plugin('graphql').service('utils');
  if (!contentTypes.length) return { types: [], resolversConfig: {} };

  const types = [
    nexus.unionType({
      name: GRAPHQL_NAMES.relatedEntry,
      definition(t: any) {
        t.members(...contentTypes.map((ct) => naming.getTypeName(ct)));
      },
      resolveType: (entry: { __type: string }) => naming.getTypeName(strapi.contentType(entry.__type as any)),
    }),
    nexus.objectType({
      name: GRAPHQL_NAMES.relatedItem,
      definition(t: any) {
        t.nonNull.field('entry', { type: GRAPHQL_NAMES.relatedEntry });
        t.nonNull.string('contentType');
        t.nonNull.id('documentId');
        t.nonNull.float('score');
        t.nonNull.list.nonNull.string('sharedTags');
        t.nonNull.field('decision', { type: GRAPHQL_NAMES.decision });
      },
    }),
    nexus.extendType({
      type: 'Query',
      definition(t: any) {
        t.nonNull.list.nonNull.field(GRAPHQL_NAMES.relatedQuery, {
          type: GRAPHQL_NAMES.relatedItem,
          args: {
            documentId: nexus.idArg(),
            tags: nexus.list(nexus.nonNull('String')),
            types: nexus.list(nexus.nonNull('String')),
            limit: nexus.intArg({ default: RELATED_LIMITS.defaultLimit }),
            context: nexus.arg({ type: GRAPHQL_NAMES.contextInput }),
            locale: nexus.arg({ type: 'I18NLocaleCode' }),
            status: nexus.arg({ type: 'PublicationStatus' }),
          },
          async resolve(_parent: unknown, args: any, ctx: any, info: any) {
            // `entry` resolves through the union to Strapi's own types, wrapped as usual.
            readPlainFields(info?.schema, PLAIN_TYPES);
            const { context, status, ...rest } = args;
            const auth = ctx?.state?.auth;
            return getService(strapi, 'related').recommend({ ...rest, status: statusOf(status), draftsAllowed: isApiToken(auth), context, auth });
          },
        });
      },
    }),
  ];

  // The same permission as the REST route, then `find` on each type it recommends (checked inside).
  return { types, resolversConfig: { 'Query.relatedContent': { auth: { scope: [`plugin::${PLUGIN_ID}.related.find`] } } } };
};
