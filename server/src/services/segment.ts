import { factories } from '@strapi/strapi';
import { validateRule } from '../../../plugin/rules';
import { FUNNEL_SEGMENTS } from '../../../plugin/segments';
import { PLUGIN_ID, SEGMENT_UID } from '../fields';
import { validationError } from '../utils/errors';

const SEEDED_KEY = 'funnel-segments-seeded';

export default factories.createCoreService(SEGMENT_UID, ({ strapi }) => {
  const store = () => strapi.store({ type: 'plugin', name: PLUGIN_ID });

  return {
    /** Rules are checked on every save so that a bad rule is refused, never stored. */
    assertValidRules(data: { rules?: unknown } | undefined) {
      if (!data || !('rules' in data) || data.rules === null) return;
      const problems = validateRule(data.rules);
      if (problems.length === 0) return;
      const at = (path: string) => (path ? `rules.${path}` : 'rules').replace('.[', '[');
      throw validationError(problems.map((p) => ({ field: at(p.path), message: p.message })));
    },

    /**
     * Creates the four funnel audiences once, at the first boot. A later boot never writes them
     * again, so an editor's changes (and deletions) stand.
     */
    async seedFunnelSegments() {
      if (await store().get({ key: SEEDED_KEY })) return;
      const documents = strapi.documents(SEGMENT_UID);
      for (const segment of FUNNEL_SEGMENTS) {
        const existing = await documents.findFirst({ filters: { slug: segment.slug } });
        if (!existing) await documents.create({ data: { ...segment } as any });
      }
      await store().set({ key: SEEDED_KEY, value: true });
    },
  };
});
