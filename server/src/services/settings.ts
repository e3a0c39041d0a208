import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import type { PersonalizationSettings } from '../../../shared/settings';
import { PLUGIN_ID } from '../fields';

const { ValidationError } = errors;
const KEY = 'settings';
const DEFAULTS: PersonalizationSettings = { enabled: true, disabledContentTypes: [] };

/**
 * The plugin's own on/off switch. Turning personalization off here serves base entries and
 * keeps every targeting field and its data, unlike removing the opt-in flag from a schema.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const store = () => strapi.store({ type: 'plugin', name: PLUGIN_ID });

  return {
    async get(): Promise<PersonalizationSettings> {
      const saved = (await store().get({ key: KEY })) as Partial<PersonalizationSettings> | null;
      return { ...DEFAULTS, ...(saved ?? {}) };
    },

    async update(input: unknown): Promise<PersonalizationSettings> {
      if (typeof input !== 'object' || input === null || Array.isArray(input)) {
        throw new ValidationError('body: expected an object with "enabled" and/or "disabledContentTypes"');
      }
      const body = input as Record<string, unknown>;
      const unknown = Object.keys(body).filter((key) => !(key in DEFAULTS));
      if (unknown.length) throw new ValidationError(`${unknown[0]}: unknown setting`);
      if ('enabled' in body && typeof body.enabled !== 'boolean') {
        throw new ValidationError('enabled: expected true or false');
      }
      if ('disabledContentTypes' in body) {
        const optedIn = strapi.plugin(PLUGIN_ID).service('content-types').optedInUids();
        const list = body.disabledContentTypes;
        if (!Array.isArray(list) || list.some((uid) => typeof uid !== 'string' || !optedIn.includes(uid))) {
          throw new ValidationError(
            `disabledContentTypes: expected a list of opted-in content types (${optedIn.join(', ')})`
          );
        }
      }
      const next = { ...(await this.get()), ...body } as PersonalizationSettings;
      next.disabledContentTypes = [...new Set(next.disabledContentTypes)];
      await store().set({ key: KEY, value: next });
      return next;
    },
  };
};
