import type { Core } from '@strapi/strapi';
import { PLUGIN_ID } from '../fields';
import { readPlainFields } from './plain-fields';
import { statusOf } from './types';

/**
 * `relatedContent`: what to put forward next, across the opted-in types. `entry` is a union of
 * them, so the caller selects fields per type (`... on Article { title }`).
 */
const PLAIN_TYPES = ['RelatedContentItem', 'PersonalizationDecision'];

export const relatedContentQuery = (strapi: Core.Strapi, nexus: any, contentTypes: any[]) => {
  const { naming } = strapi.plugin('graphql').service('utils');
  const service = (name: string) => strapi.plugin(PLUGIN_ID).service(name);
  if (!contentTypes.length) return { types: [], resolversConfig: {} };

  const types = [
    nexus.unionType({
      name: 'RelatedContentEntry',
      definition(t: any) {
        t.members(...contentTypes.map((ct) => naming.getTypeName(ct)));
      },
      resolveType: (entry: { __type: string }) => naming.getTypeName(strapi.contentType(entry.__type as any)),
    }),
    nexus.objectType({
      name: 'RelatedContentItem',
      definition(t: any) {
        t.nonNull.field('entry', { type: 'RelatedContentEntry' });
        t.nonNull.string('contentType');
        t.nonNull.id('documentId');
        t.nonNull.float('score');
        t.nonNull.list.nonNull.string('sharedTags');
        t.nonNull.field('decision', { type: 'PersonalizationDecision' });
      },
    }),
    nexus.extendType({
      type: 'Query',
      definition(t: any) {
        t.nonNull.list.nonNull.field('relatedContent', {
          type: 'RelatedContentItem',
          args: {
            documentId: nexus.idArg(),
            tags: nexus.list(nexus.nonNull('String')),
            types: nexus.list(nexus.nonNull('String')),
            limit: nexus.intArg({ default: 5 }),
            context: nexus.arg({ type: 'PersonalizationContextInput' }),
            locale: nexus.arg({ type: 'I18NLocaleCode' }),
            status: nexus.arg({ type: 'PublicationStatus' }),
          },
          async resolve(_parent: unknown, args: any, ctx: any, info: any) {
            // `entry` resolves through the union to Strapi's own types, wrapped as usual.
            readPlainFields(info?.schema, PLAIN_TYPES);
            const status = statusOf(args.status);
            const auth = ctx?.state?.auth;
            service('personalize').assertMayRead(status, auth);
            const audience = await service('personalize').audience(args.context);
            return service('related').recommend({ ...args, status, audience, auth });
          },
        });
      },
    }),
  ];

  // The same permission as the REST route, then `find` on each type it recommends (checked inside).
  return { types, resolversConfig: { 'Query.relatedContent': { auth: { scope: [`plugin::${PLUGIN_ID}.related.find`] } } } };
};
