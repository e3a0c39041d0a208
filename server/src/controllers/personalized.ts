import type { Core, UID } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { FIELDS, PLUGIN_ID } from '../fields';
import { blameCallerQuery } from '../filters';
import { PERSONALIZED_PREFIX } from '../routes/personalized';
import type { Status } from '../services/personalize';

const { NotFoundError, ValidationError } = errors;
const CONTEXT_PARAMS = ['segments', 'interests', 'stage', 'journeyStep', 'visitorId', 'traits'] as const;
const BASES_ONLY = { [FIELDS.variantOf]: { documentId: { $null: true } } };

/** `segments=a,b` or `segments[]=a&segments[]=b`. */
const list = (value: unknown) => (typeof value === 'string' ? value.split(',').filter(Boolean) : value);

/**
 * The visitor context from query parameters, so that GET stays cache-friendly. `traits` is JSON
 * (`traits={"visits":3}`) to keep numbers and booleans typed.
 */
export const contextFromQuery = (query: Record<string, unknown>) => {
  const context: Record<string, unknown> = {};
  for (const name of CONTEXT_PARAMS) if (query[name] !== undefined) context[name] = query[name];
  if ('segments' in context) context.segments = list(context.segments);
  if ('interests' in context) context.interests = list(context.interests);
  if (typeof context.traits === 'string') {
    try {
      context.traits = JSON.parse(context.traits);
    } catch {
      throw new ValidationError('context.traits: expected a JSON object, e.g. traits={"visits":3}');
    }
  }
  return context;
};

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const personalize = () => strapi.plugin(PLUGIN_ID).service('personalize');

  /** Reads the type from the route path and splits the context from the core query. */
  const prepare = async (ctx: any) => {
    const name = String(ctx.state.route.path).slice(PERSONALIZED_PREFIX.length + 1).split('/')[0];
    const contentType = Object.values(strapi.contentTypes).find(
      (ct: any) => ct.info[ct.kind === 'singleType' ? 'singularName' : 'pluralName'] === name
    ) as any;
    const raw = { ...ctx.query };
    const context = contextFromQuery(raw);
    for (const name of CONTEXT_PARAMS) delete raw[name];
    const status: Status = raw.status === 'draft' ? 'draft' : 'published';
    personalize().assertMayRead(status, ctx.state.auth);
    const audience = await personalize().audience(context);
    await strapi.contentAPI.validate.query(raw, contentType, { auth: ctx.state.auth });
    const query = await strapi.contentAPI.sanitize.query(raw, contentType, { auth: ctx.state.auth });
    const uid = contentType.uid as UID.ContentType;
    const fetchVariants = (documentIds: string[], locale: string | null) =>
      strapi.documents(uid).findMany({
        populate: query.populate,
        fields: query.fields,
        // Naming variantOf keeps a single type's variants readable here (see document-middleware).
        filters: { documentId: { $in: documentIds }, [FIELDS.variantOf]: { id: { $notNull: true } } },
        status,
        ...(locale ? { locale } : {}),
      } as any);
    const output = async (item: { entry: any; decision: unknown }) => ({
      entry: await strapi.contentAPI.sanitize.output(item.entry, contentType, { auth: ctx.state.auth }),
      decision: item.decision,
    });
    return { uid, query, status, audience, fetchVariants, output };
  };

  return {
    async findOne(ctx: any) {
      const { uid, query, status, audience, fetchVariants, output } = await prepare(ctx);
      const documents = strapi.documents(uid);
      const base = await blameCallerQuery(
        () => documents.findOne({ ...query, status, documentId: ctx.params.documentId } as any),
        () => documents.findOne({ status, documentId: ctx.params.documentId } as any)
      );
      if (!base) throw new NotFoundError(`documentId: no ${uid} entry ${ctx.params.documentId}`);
      const [result] = await personalize().serve(uid, [base], { audience, status }, fetchVariants);
      ctx.body = { data: await output(result) };
    },

    /** A single type: its base, personalized. */
    async findFirst(ctx: any) {
      const { uid, query, status, audience, fetchVariants, output } = await prepare(ctx);
      const documents = strapi.documents(uid);
      const base = await blameCallerQuery(
        () => documents.findFirst({ ...query, status } as any),
        () => documents.findFirst({ status } as any)
      );
      if (!base) throw new NotFoundError(`${uid} has no entry`);
      const [result] = await personalize().serve(uid, [base], { audience, status }, fetchVariants);
      ctx.body = { data: await output(result) };
    },

    async find(ctx: any) {
      const { uid, query, status, audience, fetchVariants, output } = await prepare(ctx);
      const filters = query.filters ? { $and: [query.filters, BASES_ONLY] } : BASES_ONLY;
      const core = strapi.service(uid as any) as any;
      const { results, pagination } = await blameCallerQuery<{ results: any[]; pagination: unknown }>(
        () => core.find({ ...query, status, filters }),
        () => core.find({ status, filters: BASES_ONLY, pagination: { page: 1, pageSize: 1 } })
      );
      const served = await personalize().serve(uid, results, { audience, status }, fetchVariants);
      ctx.body = { data: await Promise.all(served.map(output)), meta: { pagination } };
    },
  };
};
