import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { getService } from '../utils/get-service';

const { ValidationError } = errors;

/** Who acted, as the records name them: the admin user's username, else name, else email. */
export const actor = (ctx: any): string | null => {
  const user = ctx.state?.user;
  if (!user) return null;
  return user.username || [user.firstname, user.lastname].filter(Boolean).join(' ') || user.email || null;
};

/** The bandits' controls and allocations, stop and promote, and the alerts (routes/admin.ts). */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const controls = () => getService(strapi, 'experiment-controls');
  return {
    async pin(ctx: any) {
      ctx.body = { data: await controls().pin(ctx.params.documentId, ctx.request.body, actor(ctx)) };
    },
    async unpin(ctx: any) {
      ctx.body = { data: await controls().unpin(ctx.params.documentId, actor(ctx)) };
    },
    async pause(ctx: any) {
      ctx.body = { data: await controls().pause(ctx.params.documentId, actor(ctx)) };
    },
    async resume(ctx: any) {
      ctx.body = { data: await controls().resume(ctx.params.documentId, actor(ctx)) };
    },
    async stop(ctx: any) {
      ctx.body = { data: await controls().stop(ctx.params.documentId, ctx.request.body, actor(ctx)) };
    },
    async promote(ctx: any) {
      ctx.body = { data: await controls().promote(ctx.params.documentId, ctx.request.body, actor(ctx)) };
    },
    /** A bandit allocates now, as the schedule would (nothing is stored when nothing moved). */
    async allocate(ctx: any) {
      const experiment = await getService(strapi, 'experiments').find(ctx.params.documentId);
      if (!experiment.optimize || !experiment.active) throw new ValidationError(`documentId: "${experiment.key}" is not a running bandit`);
      ctx.body = { data: { experiment, allocation: await getService(strapi, 'bandits').allocate(experiment, 'request', actor(ctx)) } };
    },
    async allocations(ctx: any) {
      const experiment = await getService(strapi, 'experiments').find(ctx.params.documentId);
      ctx.body = { data: await getService(strapi, 'bandits').history(experiment.documentId) };
    },
    async alerts(ctx: any) {
      ctx.body = { data: await getService(strapi, 'alerts').list(ctx.query.status ?? 'open') };
    },
    async checkAlerts(ctx: any) {
      ctx.body = { data: await getService(strapi, 'alerts').check() };
    },
  };
};
