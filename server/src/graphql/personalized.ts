import type { Core } from '@strapi/strapi';
import { GRAPHQL_NAMES } from '../../../shared/contracts/content-api';
import { blameCallerQuery } from '../filters';
import { basesOnly } from '../services/content-types';
import { isApiToken, type BaseRef, type DeliveryRequest, type Door, type Row } from '../services/delivery';
import { getService } from '../utils/get-service';
import { readPlainFields } from './plain-fields';
import { statusOf } from './types';

const upperFirst = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/**
 * For each opted-in type, `personalized<Type>` (and `personalized<Types>` for a collection type):
 * the core query's arguments plus a visitor context, answering the entry served and the decision.
 */
export const personalizedQueries = (strapi: Core.Strapi, nexus: any, contentTypes: any[]) => {
  const graphql = strapi.plugin('graphql');
  const { naming } = graphql.service('utils');
  const { transformArgs } = graphql.service('builders').utils;
  const delivery = () => getService(strapi, 'delivery');
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
        t.nonNull.field('decision', { type: GRAPHQL_NAMES.decision });
        t.nonNull.string('contentType', { description: 'The content-type uid: what an event about this entry names.' });
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
   * The core list query, base entries only, reading just their ids: the pipeline then reads every
   * served entry (base or variant) whole in one statement, so no row is read whole twice. The
   * caller's arguments are validated and sanitized as the core resolver does; the plugin's own
   * filter is added after, as validating it again on every request cost a fifth of the core
   * list's time (measured).
   */
  const findBases = async (contentType: any, args: any, ctx: any, status: string): Promise<Row[]> => {
    const auth = ctx?.state?.auth;
    await strapi.contentAPI.validate.query(args, contentType, { auth });
    // The status is the pipeline's (a preview link may serve drafts).
    const { status: _asked, filters, ...query } = await strapi.contentAPI.sanitize.query(args, contentType, { auth });
    const documents = strapi.documents(contentType.uid);
    return blameCallerQuery(
      () => documents.findMany({ ...query, fields: ['documentId', 'locale'], filters: basesOnly(filters), status } as any),
      () => documents.findMany({ filters: basesOnly(undefined), status, limit: 1 } as any)
    ) as Promise<Row[]>;
  };

  const plainTypes = [GRAPHQL_NAMES.decision, ...contentTypes.map((ct) => `Personalized${naming.getTypeName(ct)}`)];

  /** Runs the pipeline for one query: GraphQL resolves relations and components itself, so the served rows are all it needs. */
  const run = (args: any, ctx: any, info: any, reads: DeliveryRequest['reads'], bases: (status: string) => Promise<BaseRef[]>) => {
    readPlainFields(info?.schema, plainTypes);
    const door: Door = { bases: ({ status }) => bases(status), fetch: (uid, ids, locale, at) => delivery().fetchRows(uid, ids, locale, at) };
    return delivery()
      .deliver({ status: statusOf(args.status), draftsAllowed: isApiToken(ctx?.state?.auth), context: args.context, reads }, door)
      .then(({ items }) => items);
  };

  const queries = nexus.extendType({
    type: 'Query',
    definition(t: any) {
      for (const contentType of contentTypes) {
        const { uid } = contentType;
        const typeName = naming.getTypeName(contentType);
        const { one, many } = names(contentType);
        const localeOf = (locale: unknown) => getService(strapi, 'content-types').localeOf(uid, locale);
        const common = {
          context: nexus.arg({ type: GRAPHQL_NAMES.contextInput }),
          locale: nexus.arg({ type: 'I18NLocaleCode' }),
          status: nexus.arg({ type: 'PublicationStatus' }),
        };

        if (contentType.kind === 'singleType') {
          // The base is known to the index; read as the core query does when it is not.
          t.field(one, {
            type: `Personalized${typeName}`,
            args: common,
            async resolve(_parent: unknown, args: any, ctx: any, info: any) {
              const [result] = await run(args, ctx, info, { contentType: uid, single: true }, async (status) => {
                const locale = await localeOf(args.locale);
                const documentId = getService(strapi, 'content-index').singleTypeBase(uid, locale, status as any);
                if (documentId) return [{ uid, documentId, locale }];
                const row = await strapi.documents(uid).findFirst({ status, ...(locale ? { locale } : {}) } as any);
                return row ? [{ uid, documentId: row.documentId, locale, row: row as Row }] : [];
              });
              return result ?? null;
            },
          });
          continue;
        }

        // Decided from memory first: only the served entry is read, as the core query reads one.
        t.field(one, {
          type: `Personalized${typeName}`,
          args: { documentId: nexus.nonNull(nexus.idArg()), ...common },
          async resolve(_parent: unknown, args: any, ctx: any, info: any) {
            const reads = { contentType: uid, documentId: args.documentId };
            const [result] = await run(args, ctx, info, reads, async () => [{ uid, documentId: args.documentId, locale: await localeOf(args.locale) }]);
            return result ?? null;
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
          async resolve(_parent: unknown, args: any, ctx: any, info: any) {
            const { context, ...query } = args;
            // GraphQL passes an explicit null through, past the argument defaults.
            for (const name of ['filters', 'sort', 'pagination']) if (query[name] === null) delete query[name];
            const served = await run(args, ctx, info, { contentType: uid }, async (status) => {
              const rows = await findBases(contentType, transformArgs({ pagination: {}, sort: [], ...query }, { contentType, usePagination: true }), ctx, status);
              return rows.map((row) => ({ uid, documentId: row.documentId, locale: row.locale ?? null }));
            });
            return served.filter((item) => item !== null);
          },
        });
      }
    },
  });

  return { types: [...types, queries], resolversConfig };
};
