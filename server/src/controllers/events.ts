import type { Core } from '@strapi/strapi';
import { getService } from '../utils/get-service';

/**
 * The request body: JSON, or JSON sent as text (`navigator.sendBeacon` with a string sends
 * text/plain, the one type a beacon may send to another origin without a preflight).
 */
const bodyOf = (ctx: any): unknown => {
  const body = ctx.request.body;
  if (typeof body !== 'string') return body;
  try {
    return JSON.parse(body);
  } catch {
    return body;
  }
};

/** `POST /api/personalize/events`: a batch of impressions, clicks and conversions; `POST /events/forget`: "forget me". */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async create(ctx: any) {
    const result = await getService(strapi, 'events').ingest(bodyOf(ctx));
    // Without consent nothing is stored, and the client is told so.
    ctx.status = result.consent ? 200 : 202;
    ctx.body = { data: result };
  },

  async forget(ctx: any) {
    ctx.body = { data: { deleted: await getService(strapi, 'events').forget(bodyOf(ctx)) } };
  },
});
