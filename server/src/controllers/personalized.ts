import type { Core, UID } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { CONTEXT_FIELDS, contextFromQuery, PREVIEW_PARAM, PUBLICATION_STATUSES, type Personalized, type PublicationStatus } from '../../../shared/contracts/content-api';
import { basesOnly } from '../services/content-types';
import { isApiToken, type BaseRef, type Door, type Row } from '../services/delivery';
import { blameCallerQuery } from '../filters';
import { PERSONALIZED_PREFIX } from '../routes/personalized';
import { validationError } from '../utils/errors';
import { getService } from '../utils/get-service';
import { readAsPlugin } from '../core-reads';

const { NotFoundError, ValidationError } = errors;

/** `status` as REST takes it: exactly `draft` or `published`; absent means published. */
export const readStatus = (value: unknown): PublicationStatus => {
  if (value === undefined) return 'published';
  if (!(PUBLICATION_STATUSES as readonly unknown[]).includes(value)) {
    throw new ValidationError(`status: expected ${PUBLICATION_STATUSES.map((s) => `"${s}"`).join(' or ')}`);
  }
  return value as PublicationStatus;
};

/**
 * The visitor context from query parameters (GET stays cache-friendly), split from the core
 * query; a 400 naming the parameter when it cannot be read.
 */
export const splitContext = (query: Record<string, unknown>) => {
  const { input, problems } = contextFromQuery(query);
  if (problems.length) throw validationError(problems);
  const rest = { ...query };
  // A preview link's token is read by the pipeline (services/preview-links.ts).
  for (const field of [...CONTEXT_FIELDS, PREVIEW_PARAM]) delete rest[field];
  return { context: input, rest };
};

/** `GET /api/personalize/content/...`: the REST twins of the personalized GraphQL queries. */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const delivery = () => getService(strapi, 'delivery');
  const contentTypes = () => getService(strapi, 'content-types');

  /**
   * Reads the type from the route, the context and the status, and returns the core query,
   * checked and sanitized for this caller as the core controller would, once the pipeline has
   * checked draft access and the context.
   */
  const prepare = (ctx: any) => {
    const name = String(ctx.state.route.path).slice(PERSONALIZED_PREFIX.length + 1).split('/')[0];
    const uid = contentTypes().byRouteName(name) as UID.ContentType;
    const { context, rest } = splitContext(ctx.query);
    const status = readStatus(rest.status);
    delete rest.status;
    const auth = ctx.state.auth;
    const schema = strapi.contentType(uid);
    const coreQuery = async () => {
      await strapi.contentAPI.validate.query(rest, schema, { auth });
      return strapi.contentAPI.sanitize.query(rest, schema, { auth }) as Promise<Record<string, any>>;
    };
    /** The answers with their entries sanitized for the caller, all in one pass as the core list does. */
    const output = async (items: Array<Personalized | null>) => {
      const found = items.filter((item): item is Personalized => item !== null);
      const entries = (await strapi.contentAPI.sanitize.output(
        found.map((item) => item.entry),
        schema,
        { auth }
      )) as Row[];
      return found.map(({ decision, contentType }, i) => ({ entry: entries[i], decision, contentType }));
    };
    const reads = { contentType: uid, documentId: ctx.params.documentId ?? null, single: contentTypes().isSingleType(uid) };
    const request = { status, draftsAllowed: isApiToken(auth), context, reads };
    return { uid, status, coreQuery, output, request };
  };

  /** Reads one entry by documentId as the core findOne does: the served one, directly. */
  const readOne = (uid: UID.ContentType, query: Record<string, any>) => async (_uid: string, ids: string[], _locale: string | null, status: string) => {
    const documents = strapi.documents(uid);
    const [documentId] = ids;
    const row = await blameCallerQuery(
      () => documents.findOne({ ...query, status, documentId } as any),
      () => documents.findOne({ status, documentId } as any)
    );
    return row ? [row as Row] : [];
  };

  /** One entry or a single type: decided from memory first, then only the served entry is read. */
  const one = async (ctx: any, base: (uid: string, locale: string | null, status: string) => Promise<BaseRef | null>) => {
    const { uid, coreQuery, output, request } = prepare(ctx);
    let query: Record<string, any> = {};
    const door: Door = {
      async bases({ status }) {
        query = await coreQuery();
        const found = await base(uid, await contentTypes().localeOf(uid, query.locale), status);
        return found ? [found] : [];
      },
      fetch: (...args) => readOne(uid, query)(...args),
    };
    const {
      items: [result],
    } = await delivery().deliver(request, door);
    if (!result) throw new NotFoundError(ctx.params.documentId ? `documentId: no ${uid} entry ${ctx.params.documentId}` : `${uid} has no entry`);
    ctx.body = { data: (await output([result]))[0] };
  };

  return {
    findOne(ctx: any) {
      return one(ctx, async (uid, locale) => ({ uid, documentId: ctx.params.documentId, locale }));
    },

    /** A single type: its base, found in the index (or read as the core query does), personalized. */
    findFirst(ctx: any) {
      return one(ctx, async (uid, locale, status) => {
        const documentId = getService(strapi, 'content-index').singleTypeBase(uid, locale, status as PublicationStatus);
        if (documentId) return { uid, documentId, locale };
        const row = await strapi.documents(uid as UID.ContentType).findFirst({ status, ...(locale ? { locale } : {}) } as any);
        return row ? { uid, documentId: row.documentId, locale, row: row as Row } : null;
      });
    },

    async find(ctx: any) {
      const { uid, coreQuery, output, request } = prepare(ctx);
      let query: Record<string, any> = {};
      let pagination: unknown;
      const door: Door = {
        async bases({ status }) {
          query = await coreQuery();
          const filters = basesOnly(query.filters);
          const core = strapi.service(uid as any) as any;
          // Ids only: every served entry (base or variant) is then read whole once, with its populate.
          const found = await blameCallerQuery<{ results: Row[]; pagination: unknown }>(
            () => core.find({ ...query, fields: ['documentId', 'locale'], populate: undefined, status, filters }),
            () => core.find({ status, filters: basesOnly(undefined), pagination: { page: 1, pageSize: 1 } })
          );
          pagination = found.pagination;
          return found.results.map((row) => ({ uid, documentId: row.documentId, locale: row.locale ?? null }));
        },
        fetch: (_uid, documentIds, locale, status) =>
          readAsPlugin(
            () =>
              strapi.documents(uid).findMany({
                populate: query.populate,
                fields: query.fields,
                filters: { documentId: { $in: documentIds } },
                status,
                ...(locale ? { locale } : {}),
              } as any) as Promise<Row[]>
          ),
      };
      const { items: served } = await delivery().deliver(request, door);
      ctx.body = { data: await output(served), meta: { pagination } };
    },
  };
};
