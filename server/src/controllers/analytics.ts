import type { Core } from '@strapi/strapi';
import { getService } from '../utils/get-service';
import { actor } from './optimize';

/** KPIs and experiments, behind the plugin's analytics and experiments actions (routes/admin.ts). */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  return {
    async entry(ctx: any) {
      const { contentType, documentId, from, to } = ctx.query;
      ctx.body = { data: await getService(strapi, 'analytics').entry(contentType, documentId, from, to) };
    },
    async overview(ctx: any) {
      ctx.body = { data: await getService(strapi, 'analytics').overview(ctx.query.from, ctx.query.to) };
    },
    async listExperiments(ctx: any) {
      const { contentType, baseDocumentId } = ctx.query;
      ctx.body = { data: await getService(strapi, 'experiments').list({ contentType, baseDocumentId }) };
    },
    async createExperiment(ctx: any) {
      ctx.body = { data: await getService(strapi, 'experiments').create(ctx.request.body) };
    },
    async updateExperiment(ctx: any) {
      ctx.body = { data: await getService(strapi, 'experiments').update(ctx.params.documentId, ctx.request.body, actor(ctx)) };
    },
    async deleteExperiment(ctx: any) {
      await getService(strapi, 'experiments').remove(ctx.params.documentId);
      ctx.body = { data: { documentId: ctx.params.documentId } };
    },
  };
};
