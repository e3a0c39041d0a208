import type { Core } from '@strapi/strapi';
import { buildSegmentCatalog, type SegmentCatalog } from '../../../plugin/decide';
import { SEGMENT_UID } from '../fields';

/** How long another instance's change to a segment may take to reach this one. */
export const CATALOG_TTL_MS = 5_000;

/**
 * The segments with their rules compiled, shared by every request. Rebuilt at once when a segment
 * is written through this instance, and at least every CATALOG_TTL_MS for writes elsewhere.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  let current: { catalog: SegmentCatalog; loadedAt: number } | null = null;
  let loading: Promise<SegmentCatalog> | null = null;

  const load = async () => {
    const rows = await strapi.db.query(SEGMENT_UID).findMany({ select: ['slug', 'priority', 'rules'] });
    const catalog = buildSegmentCatalog(rows.map((r: any) => ({ slug: r.slug, priority: r.priority ?? 0, rules: r.rules })));
    current = { catalog, loadedAt: Date.now() };
    return catalog;
  };

  return {
    async get(): Promise<SegmentCatalog> {
      if (current && Date.now() - current.loadedAt < CATALOG_TTL_MS) return current.catalog;
      loading ??= load().finally(() => {
        loading = null;
      });
      return loading;
    },

    invalidate() {
      current = null;
    },
  };
};
