import type { Core } from '@strapi/strapi';
import { getService } from '../utils/get-service';

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const service = () => getService(strapi, 'settings');
  return {
    async get(ctx: any) {
      ctx.body = { data: await service().get() };
    },
    async update(ctx: any) {
      ctx.body = { data: await service().update(ctx.request.body) };
    },
  };
};
