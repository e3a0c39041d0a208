import type { Core } from '@strapi/strapi';
import { PLUGIN_ID } from '../fields';

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const service = () => strapi.plugin(PLUGIN_ID).service('settings');
  return {
    async get(ctx: any) {
      ctx.body = { data: await service().get() };
    },
    async update(ctx: any) {
      ctx.body = { data: await service().update(ctx.request.body) };
    },
  };
};
