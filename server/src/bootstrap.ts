import type { Core } from '@strapi/strapi';
import { documentMiddleware } from './document-middleware';
import { ensureEventTables } from './events/tables';
import { registerWebhookEvents, startSchedule } from './optimize/schedule';
import { ensureOptimizeTables } from './optimize/tables';
import { BASES_ONLY } from './services/content-types';
import { registerActions } from './permissions';
import { getService } from './utils/get-service';
import { backfillVariantFlag } from './variant-flag';

/** Raw events past their retention are dropped at start and then every hour. */
const RETENTION_EVERY_MS = 3600 * 1000;
let retention: NodeJS.Timeout | null = null;

export const stopRetention = () => {
  if (retention) clearInterval(retention);
  retention = null;
};

export default async ({ strapi }: { strapi: Core.Strapi }) => {
  strapi.documents.use(documentMiddleware(strapi) as any);
  keepSingleTypesOnTheirBase(strapi);
  await registerActions(strapi);
  await ensureEventTables(strapi);
  await ensureOptimizeTables(strapi);
  registerWebhookEvents(strapi);
  getService(strapi, 'change-events').register();
  await getService(strapi, 'segment').seedFunnelSegments();
  await backfillVariantFlags(strapi);
  await getService(strapi, 'content-index').warmUp();
  await getService(strapi, 'coherence').start();

  const purge = () =>
    getService(strapi, 'events').purgeExpired().catch((error: Error) => strapi.log.warn(`[personalize] events not purged: ${error.message}`));
  await purge();
  stopRetention();
  retention = setInterval(purge, RETENTION_EVERY_MS);
  retention.unref();
  startSchedule(strapi);
};

/**
 * Strapi's single-type REST update and delete find "the" document with a bare
 * `db.query(uid).findOne()`: make that the base, never one of its variants.
 */
const keepSingleTypesOnTheirBase = (strapi: Core.Strapi) => {
  const models = Object.values(strapi.contentTypes)
    .filter((ct: any) => ct.kind === 'singleType' && getService(strapi, 'content-types').isOptedIn(ct.uid))
    .map((ct: any) => ct.uid);
  if (!models.length) return;
  strapi.db.lifecycles.subscribe({
    models,
    beforeFindOne(event: any) {
      const { params } = event;
      if (!params.where || Object.keys(params.where).length === 0) params.where = { ...BASES_ONLY };
    },
  });
};

/** Rows written before `hasVariantOf` existed, or below the document service, get it from their link. */
const backfillVariantFlags = async (strapi: Core.Strapi) => {
  for (const uid of getService(strapi, 'content-types').optedInUids()) {
    const rows = await backfillVariantFlag(strapi, uid);
    if (rows > 0) strapi.log.info(`[personalize] ${uid}: hasVariantOf set on ${rows} row(s) from their variantOf`);
  }
};
