import type { Core } from '@strapi/strapi';
import { FIELDS, PLUGIN_ID } from '../fields';
import type { Status } from '../services/personalize';
import { blameCallerQuery } from '../filters';
import { readPlainFields } from './plain-fields';
import { statusOf } from './types';

const upperFirst = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** Base entries only: variants are reached through their base. */
const BASES_ONLY = { [FIELDS.variantOf]: { documentId: { $null: true } } };

/**
 * For each opted-in type, `personalized<Type>` (and `personalized<Types>` for a collection type):
 * the core query's arguments plus a visitor context, answering the entry served and the decision.
 */
export const personalizedQueries = (strapi: Core.Strapi, nexus: any, contentTypes: any[]) => {
  const graphql = strapi.plugin('graphql');
  const { naming } = graphql.service('utils');
  const { transformArgs } = graphql.service('builders').utils;
  const personalize = () => strapi.plugin(PLUGIN_ID).service('personalize');
  const names = (contentType: any) => ({
    one: `personalized${upperFirst(naming.getFindOneQueryName(contentType))}`,
    many: `personalized${upperFirst(naming.getFindQueryName(contentType))}`,
  });

  const types = contentTypes.map((contentType) => {
    const typeName = naming.getTypeName(contentType);
    return nexus.objectType({
      name: `Personalized${typeName}`,
      definition(t: any) {
        t.nonNull.field('entry', { type: typeName });
        t.nonNull.field('decision', { type: 'PersonalizationDecision' });
      },
    });
  });

  // Filled now, not inside `definition`: the extension reads it before the schema is built.
  const resolversConfig: Record<string, unknown> = {};
  for (const contentType of contentTypes) {
    const { one, many } = names(contentType);
    const single = contentType.kind === 'singleType';
    resolversConfig[`Query.${one}`] = { auth: { scope: [`${contentType.uid}.${single ? 'find' : 'findOne'}`] } };
    if (!single) resolversConfig[`Query.${many}`] = { auth: { scope: [`${contentType.uid}.find`] } };
  }

  /**
   * The core list query, base entries only. The caller's arguments are validated and sanitized
   * as the core resolver does; the plugin's own filter is added after, as validating it again on
   * every request cost a fifth of the core list's time (measured).
   */
  const findBases = async (contentType: any, args: any, ctx: any) => {
    const auth = ctx?.state?.auth;
    await strapi.contentAPI.validate.query(args, contentType, { auth });
    const { status, filters, ...query } = await strapi.contentAPI.sanitize.query(args, contentType, { auth });
    const documents = strapi.documents(contentType.uid);
    return blameCallerQuery(
      () => documents.findMany({ ...query, filters: filters ? { $and: [filters, BASES_ONLY] } : BASES_ONLY, status: status ?? 'published' } as any),
      () => documents.findMany({ filters: BASES_ONLY, status: status ?? 'published', limit: 1 } as any)
    );
  };

  const plainTypes = ['PersonalizationDecision', ...contentTypes.map((ct) => `Personalized${naming.getTypeName(ct)}`)];

  const queries = nexus.extendType({
    type: 'Query',
    definition(t: any) {
      for (const contentType of contentTypes) {
        const { uid } = contentType;
        const typeName = naming.getTypeName(contentType);
        const { one, many } = names(contentType);
        const resolvers = () => graphql.service('builders').get('content-api').buildQueriesResolvers({ contentType });
        // GraphQL resolves relations and components itself: the served rows are all it needs.
        const fetchVariants = (status: Status) => (documentIds: string[], locale: string | null) =>
          personalize().fetchRows(uid, documentIds, locale, status);
        const common = {
          context: nexus.arg({ type: 'PersonalizationContextInput' }),
          locale: nexus.arg({ type: 'I18NLocaleCode' }),
          status: nexus.arg({ type: 'PublicationStatus' }),
        };

        if (contentType.kind === 'singleType') {
          // The core query reads the base (the plugin keeps a single type's variants out of it).
          t.field(one, {
            type: `Personalized${typeName}`,
            args: common,
            async resolve(parent: unknown, args: any, ctx: any, info: any) {
              readPlainFields(info?.schema, plainTypes);
              const { context, ...query } = args;
              const status = statusOf(query.status);
              personalize().assertMayRead(status, ctx?.state?.auth);
              const audience = await personalize().audience(context);
              const base = await resolvers().findFirst(parent, transformArgs(query, { contentType }), ctx);
              if (!base) return null;
              const [result] = await personalize().serve(uid, [base], { audience, status }, fetchVariants(status));
              return result;
            },
          });
          continue;
        }

        t.field(one, {
          type: `Personalized${typeName}`,
          args: { documentId: nexus.nonNull(nexus.idArg()), ...common },
          async resolve(parent: unknown, args: any, ctx: any, info: any) {
            readPlainFields(info?.schema, plainTypes);
            const { context, ...query } = args;
            const status = statusOf(query.status);
            personalize().assertMayRead(status, ctx?.state?.auth);
            const audience = await personalize().audience(context);
            const base = await resolvers().findOne(parent, query, ctx);
            if (!base) return null;
            const [result] = await personalize().serve(uid, [base], { audience, status }, fetchVariants(status));
            return result;
          },
        });

        t.nonNull.list.nonNull.field(many, {
          type: `Personalized${typeName}`,
          args: {
            filters: nexus.arg({ type: naming.getFiltersInputTypeName(contentType) }),
            sort: nexus.arg({ type: nexus.list('String'), default: [] }),
            pagination: nexus.arg({ type: 'PaginationArg', default: {} }),
            ...common,
          },
          async resolve(parent: unknown, args: any, ctx: any, info: any) {
            readPlainFields(info?.schema, plainTypes);
            const { context, ...query } = args;
            const status = statusOf(query.status);
            personalize().assertMayRead(status, ctx?.state?.auth);
            const audience = await personalize().audience(context);
            // GraphQL passes an explicit null through, past the argument defaults.
            for (const name of ['filters', 'sort', 'pagination']) if (query[name] === null) delete query[name];
            const bases = await findBases(contentType, transformArgs({ pagination: {}, sort: [], ...query }, { contentType, usePagination: true }), ctx);
            return personalize().serve(uid, bases, { audience, status }, fetchVariants(status));
          },
        });
      }
    },
  });

  return { types: [...types, queries], resolversConfig };
};
