import type { Core } from '@strapi/strapi';
import { isApiToken } from '../services/delivery';
import { getService } from '../utils/get-service';
import { readStatus, splitContext } from './personalized';

const list = (value: unknown) => (typeof value === 'string' ? value.split(',').filter(Boolean) : value);
const integer = (value: unknown) => (typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value);

/** `GET /api/personalize/related`: the REST twin of the `relatedContent` query. */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async find(ctx: any) {
    const { context, rest } = splitContext(ctx.query);
    const { documentId, tags, types, limit, locale } = rest as Record<string, any>;
    const auth = ctx.state.auth;
    const items = await getService(strapi, 'related').recommend({
      status: readStatus(rest.status),
      draftsAllowed: isApiToken(auth),
      context,
      documentId,
      tags: list(tags),
      types: list(types),
      limit: limit === undefined ? undefined : integer(limit),
      locale,
      auth,
    });
    ctx.body = {
      data: await Promise.all(
        items.map(async ({ entry: { __type, ...entry }, ...item }) => ({
          ...item,
          entry: await strapi.contentAPI.sanitize.output(entry, strapi.contentType(__type as any), { auth }),
        }))
      ),
    };
  },
});
