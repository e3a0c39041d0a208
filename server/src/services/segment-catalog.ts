import type { Core } from '@strapi/strapi';
import { buildSegmentCatalog, type SegmentCatalog } from '../../../plugin/segment-catalog';
import { SEGMENT_UID } from '../fields';
import { ttlCache } from '../utils/ttl-cache';

/** How long another instance's change to a segment may take to reach this one. */
export const CATALOG_TTL_MS = 5_000;

/**
 * The segments with their rules compiled, shared by every request. Rebuilt at once when a segment
 * is written through this instance, and at least every CATALOG_TTL_MS for writes elsewhere.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const catalog = ttlCache(async (): Promise<SegmentCatalog> => {
    const rows = await strapi.db.query(SEGMENT_UID).findMany({ select: ['slug', 'priority', 'rules'] });
    return buildSegmentCatalog(rows.map((r: any) => ({ slug: r.slug, priority: r.priority ?? 0, rules: r.rules })));
  }, CATALOG_TTL_MS);

  return {
    get: catalog.get,
    invalidate: catalog.invalidate,
  };
};
