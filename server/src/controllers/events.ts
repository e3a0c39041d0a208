import type { Core } from '@strapi/strapi';
import { refuse } from '../middlewares/events-guard';
import { getService } from '../utils/get-service';

const WARM_UP_RETRY_AFTER_S = 5;

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
    // Events name entries the index checks: while it warms up at boot, the client retries later
    // (a batch is idempotent).
    if (!getService(strapi, 'content-index').isWarm()) {
      ctx.set('Retry-After', String(WARM_UP_RETRY_AFTER_S));
      return refuse(ctx, 503, 'ServiceUnavailableError', 'events: the plugin is warming up, retry in a few seconds');
    }
    const result = await getService(strapi, 'events').ingest(bodyOf(ctx));
    // Without consent nothing is stored, and the client is told so.
    ctx.status = result.consent ? 200 : 202;
    ctx.body = { data: result };
  },

  async forget(ctx: any) {
    ctx.body = { data: { deleted: await getService(strapi, 'events').forget(bodyOf(ctx)) } };
  },
});
