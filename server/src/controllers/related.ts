import type { Core } from '@strapi/strapi';
import { PLUGIN_ID } from '../fields';
import { contextFromQuery } from './personalized';

const list = (value: unknown) => (typeof value === 'string' ? value.split(',').filter(Boolean) : value);
const integer = (value: unknown) => (typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value);

/** `GET /api/personalize/related`: the REST twin of the `relatedContent` query. */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async find(ctx: any) {
    const personalize = strapi.plugin(PLUGIN_ID).service('personalize');
    const { documentId, tags, types, limit, locale, status: rawStatus } = ctx.query;
    const status = rawStatus === 'draft' ? 'draft' : 'published';
    const auth = ctx.state.auth;
    personalize.assertMayRead(status, auth);
    const audience = await personalize.audience(contextFromQuery(ctx.query));
    const items = await strapi.plugin(PLUGIN_ID).service('related').recommend({
      documentId,
      tags: list(tags),
      types: list(types),
      limit: limit === undefined ? undefined : integer(limit),
      locale,
      status,
      audience,
      auth,
    });
    ctx.body = {
      data: await Promise.all(
        items.map(async ({ entry: { __type, ...entry }, ...item }: any) => ({
          ...item,
          entry: await strapi.contentAPI.sanitize.output(entry, strapi.contentType(__type), { auth }),
        }))
      ),
    };
  },
});
