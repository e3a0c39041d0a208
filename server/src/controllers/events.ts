import type { Core } from '@strapi/strapi';
import { getService } from '../utils/get-service';

/** `POST /api/personalize/events`: a batch of impressions, clicks and conversions. */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async create(ctx: any) {
    const result = await getService(strapi, 'events').ingest(ctx.request.body);
    // Without consent nothing is stored, and the client is told so.
    ctx.status = result.consent ? 200 : 202;
    ctx.body = { data: result };
  },
});
