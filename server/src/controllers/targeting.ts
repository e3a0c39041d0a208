import type { Core } from '@strapi/strapi';
import { getService } from '../utils/get-service';

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const service = () => getService(strapi, 'targeting');
  return {
    async export(ctx: any) {
      ctx.set('Content-Disposition', 'attachment; filename="personalize-targeting.json"');
      ctx.body = await service().export();
    },
    async import(ctx: any) {
      ctx.body = { data: await service().import(ctx.request.body) };
    },
  };
};
