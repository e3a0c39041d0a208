import type { Core } from '@strapi/strapi';
import { ensureAdminUser, ensureSiteWebhook, grantPublicRead, printWelcome, seedDemo } from './seed';

export default {
  register(/* { strapi }: { strapi: Core.Strapi } */) {},

  /**
   * Runs after the plugins' bootstraps, so the personalize plugin has added its fields and
   * created the funnel segments. Every step is idempotent: restarts keep the editors' changes.
   */
  async bootstrap({ strapi }: { strapi: Core.Strapi }) {
    await seedDemo(strapi);
    await ensureAdminUser(strapi);
    await grantPublicRead(strapi);
    await ensureSiteWebhook(strapi);
    if (process.env.NODE_ENV !== 'test') printWelcome(strapi);
  },
};
