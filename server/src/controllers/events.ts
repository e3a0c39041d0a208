import type { Core } from '@strapi/strapi';
import { PLUGIN_ID } from '../fields';

/** `POST /api/personalize/events`: a batch of impressions, clicks and conversions. */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async create(ctx: any) {
    const result = await strapi.plugin(PLUGIN_ID).service('events').ingest(ctx.request.body);
    // Without consent nothing is stored, and the client is told so.
    ctx.status = result.consent ? 200 : 202;
    ctx.body = { data: result };
  },
});
