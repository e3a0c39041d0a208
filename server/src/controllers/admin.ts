import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { coverageCsv } from '../../../plugin/coverage';
import { isStage, STAGES } from '../../../plugin/stages';
import { getService } from '../utils/get-service';

const { ValidationError, ForbiddenError } = errors;

/** The Content Manager's own permission on a type: the side panel reads and writes entries. */
const assertMay = (ctx: any, action: 'read' | 'create', uid: unknown) => {
  if (typeof uid === 'string' && !ctx.state.userAbility?.can(`plugin::content-manager.explorer.${action}`, uid)) {
    throw new ForbiddenError(`contentType: you may not ${action} ${uid} entries`);
  }
};

/** The Personalization page and the edit-view panel, behind the plugin's RBAC actions (routes/admin.ts). */
export default ({ strapi }: { strapi: Core.Strapi }) => {

  return {
    async contentTypes(ctx: any) {
      ctx.body = { data: await getService(strapi, 'coverage').contentTypes() };
    },

    async coverage(ctx: any) {
      const { contentType, locale, format } = ctx.query;
      if (format !== undefined && format !== 'csv' && format !== 'json') throw new ValidationError('format: expected "csv" or "json"');
      const report = await getService(strapi, 'coverage').report(contentType, locale);
      if (format === 'csv') {
        ctx.set('Content-Disposition', `attachment; filename="coverage-${String(contentType).replace(/[^a-z0-9.-]/gi, '_')}.csv"`);
        ctx.type = 'text/csv';
        ctx.body = coverageCsv(report);
        return;
      }
      ctx.body = { data: report };
    },

    async gaps(ctx: any) {
      const { contentType, locale, segment = '', stage } = ctx.query;
      if (!isStage(stage)) throw new ValidationError(`stage: expected one of ${STAGES.join(', ')}`);
      ctx.body = { data: await getService(strapi, 'coverage').gaps(contentType, locale, segment, stage) };
    },

    async watchList(ctx: any) {
      ctx.body = { data: await getService(strapi, 'coverage').watchList() };
    },

    async preview(ctx: any) {
      ctx.body = { data: await getService(strapi, 'preview').preview(ctx.request.body) };
    },

    async variants(ctx: any) {
      const { contentType, documentId, locale } = ctx.query;
      assertMay(ctx, 'read', contentType);
      ctx.body = { data: await getService(strapi, 'variant-editor').describe(contentType, documentId, locale) };
    },

    async createVariant(ctx: any) {
      assertMay(ctx, 'create', ctx.request.body?.contentType);
      ctx.body = { data: await getService(strapi, 'variant-editor').create(ctx.request.body) };
    },

    async roles(ctx: any) {
      assertMay(ctx, 'read', ctx.query.contentType);
      ctx.body = { data: await getService(strapi, 'variant-editor').roles(ctx.query.contentType) };
    },

    async listSegments(ctx: any) {
      ctx.body = { data: await getService(strapi, 'segment-editor').list() };
    },

    async createSegment(ctx: any) {
      ctx.body = { data: await getService(strapi, 'segment-editor').create(ctx.request.body) };
    },

    async updateSegment(ctx: any) {
      ctx.body = { data: await getService(strapi, 'segment-editor').update(ctx.params.documentId, ctx.request.body) };
    },

    async deleteSegment(ctx: any) {
      await getService(strapi, 'segment-editor').remove(ctx.params.documentId);
      ctx.body = { data: { documentId: ctx.params.documentId } };
    },

    async testRule(ctx: any) {
      ctx.body = { data: getService(strapi, 'segment-editor').testRule(ctx.request.body) };
    },
  };
};
