import type { Core } from '@strapi/strapi';
import { getService } from '../utils/get-service';

/** The Settings tab's webhooks card (routes/admin.ts: *Read settings*, *Update settings*). */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async list(ctx: any) {
    ctx.body = { data: await getService(strapi, 'webhooks').list() };
  },
  async update(ctx: any) {
    ctx.body = { data: await getService(strapi, 'webhooks').update(String(ctx.params.id), ctx.request.body) };
  },
});
