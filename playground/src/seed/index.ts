import type { Core } from '@strapi/strapi';
import { DEMO_TYPES } from './data';
import { seedType, type SeededIds } from './content';
import { documentsOf } from './documents';
import { seedEvents } from './events';
import { ensureFrenchLocale } from './locales';
import { ensureSegments, ensureTags } from './taxonomy';

export * from './data';
export { ensureFrenchLocale } from './locales';
export { ensureAdminUser, adminCredentials } from './admin-user';
export { grantPublicRead, PUBLIC_READ_UIDS } from './public-permissions';
export { printWelcome } from './welcome';
export { ensureSiteWebhook, SITE_WEBHOOK_EVENTS, siteWebhookSecret } from './site-webhook';
export { DEMO_EXPERIMENT, DEMO_VISITORS } from './events';

export interface SeedReport {
  /** False when the database already held demo content and nothing was written. */
  seeded: boolean;
  /** documentId by type uid, then by label (see DemoType.labelField; English values). */
  documentIds: Record<string, SeededIds>;
}

/** True when no demo type has any document, in any locale, draft or published. */
export async function isDemoContentEmpty(strapi: Core.Strapi): Promise<boolean> {
  for (const type of DEMO_TYPES) {
    const count = await documentsOf(strapi, type.uid).count(type.localized ? { locale: '*' } : {});
    if (count > 0) return false;
  }
  return true;
}

/**
 * Seeds the demo content into an empty database, and does nothing otherwise (editors' changes
 * survive restarts). Needs the plugin's funnel segments, created by its own bootstrap.
 */
export async function seedDemo(strapi: Core.Strapi): Promise<SeedReport> {
  await ensureFrenchLocale(strapi);
  if (!(await isDemoContentEmpty(strapi))) return { seeded: false, documentIds: {} };

  try {
    const taxonomy = { segments: await ensureSegments(strapi), tags: await ensureTags(strapi) };
    const documentIds: Record<string, SeededIds> = {};
    for (const type of DEMO_TYPES) {
      documentIds[type.uid] = await seedType(strapi, type, taxonomy);
    }
    await seedEvents(strapi);
    return { seeded: true, documentIds };
  } catch (error) {
    // No transaction around the seed (a plugin query outside it would wait on SQLite's single
    // connection), so say how to get back to a clean state.
    strapi.log.error('Demo seed failed part-way; delete the database (.tmp/data.db) and restart.');
    throw error;
  }
}
