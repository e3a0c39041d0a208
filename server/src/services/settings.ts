import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { JOURNEY_STEPS, STAGES, isJourneyStep, isStage, type JourneyStep, type Stage } from '../../../plugin/stages';
import type { PersonalizationSettings } from '../../../shared/contracts/settings';
import { PLUGIN_ID } from '../fields';
import { getService } from '../utils/get-service';
import { ttlCache } from '../utils/ttl-cache';

const { ValidationError } = errors;
const KEY = 'settings';
const KEYS = ['enabled', 'disabledContentTypes', 'pausedEntries', 'stageForStep'];
const MAX_PAUSED = 10_000;
/** How long a switch flipped on another instance may take to reach this one. */
export const SETTINGS_TTL_MS = 5_000;

/** Whether a base entry is personalized now: `documentId` narrows it to one base entry. */
export interface Switches {
  isEnabled(uid: string, documentId?: string): boolean;
}

const isListOf = (value: unknown, ok: (item: unknown) => boolean): value is string[] =>
  Array.isArray(value) && value.every(ok);

/**
 * The plugin's own on/off switch. Turning personalization off here serves base entries and
 * keeps every targeting field and its data, unlike removing the opt-in flag from a schema.
 * Read on every personalized request, so it is cached; a write through this instance applies at once.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const store = () => strapi.store({ type: 'plugin', name: PLUGIN_ID });
  const defaults = (): PersonalizationSettings => ({
    enabled: true,
    disabledContentTypes: [],
    pausedEntries: [],
    stageForStep: { ...(strapi.config.get(`plugin::${PLUGIN_ID}.stageForStep`) as Record<JourneyStep, Stage>) },
  });

  const cache = ttlCache(async () => {
    const saved = (await store().get({ key: KEY })) as Partial<PersonalizationSettings> | null;
    const base = defaults();
    const value = { ...base, ...(saved ?? {}), stageForStep: { ...base.stageForStep, ...(saved?.stageForStep ?? {}) } };
    const paused = new Set(value.pausedEntries);
    const disabled = new Set(value.disabledContentTypes);
    const switches: Switches = {
      isEnabled: (uid, documentId) => value.enabled && !disabled.has(uid) && !(documentId && paused.has(documentId)),
    };
    return { value, switches };
  }, SETTINGS_TTL_MS);

  return {
    async get(): Promise<PersonalizationSettings> {
      return (await cache.get()).value;
    },

    /** Read again at the next request (another instance changed them). */
    invalidate: cache.invalidate,

    /** The switches as they are now, to ask synchronously for every entry of a request. */
    async switches(): Promise<Switches> {
      return (await cache.get()).switches;
    },

    /** Whether entries of `uid` are personalized now; `documentId` narrows it to one base entry. */
    async isEnabled(uid: string, documentId?: string): Promise<boolean> {
      return (await cache.get()).switches.isEnabled(uid, documentId);
    },

    async update(input: unknown): Promise<PersonalizationSettings> {
      if (typeof input !== 'object' || input === null || Array.isArray(input)) {
        throw new ValidationError(`body: expected an object of settings (${KEYS.join(', ')})`);
      }
      const body = input as Record<string, unknown>;
      const unknown = Object.keys(body).filter((key) => !KEYS.includes(key));
      if (unknown.length) throw new ValidationError(`${unknown[0]}: unknown setting`);
      if ('enabled' in body && typeof body.enabled !== 'boolean') {
        throw new ValidationError('enabled: expected true or false');
      }
      if ('disabledContentTypes' in body) {
        const optedIn = getService(strapi, 'content-types').optedInUids();
        if (!isListOf(body.disabledContentTypes, (uid) => typeof uid === 'string' && optedIn.includes(uid))) {
          throw new ValidationError(`disabledContentTypes: expected a list of opted-in content types (${optedIn.join(', ')})`);
        }
      }
      if ('pausedEntries' in body) {
        const list = body.pausedEntries;
        if (!isListOf(list, (id) => typeof id === 'string' && id.length > 0 && id.length <= 64) || list.length > MAX_PAUSED) {
          throw new ValidationError(`pausedEntries: expected a list of at most ${MAX_PAUSED} documentIds`);
        }
      }
      if ('stageForStep' in body) {
        const mapping = body.stageForStep;
        if (typeof mapping !== 'object' || mapping === null || Array.isArray(mapping)) {
          throw new ValidationError(`stageForStep: expected an object of journey step to stage (${JOURNEY_STEPS.join(', ')})`);
        }
        for (const [step, stage] of Object.entries(mapping)) {
          if (!isJourneyStep(step)) throw new ValidationError(`stageForStep.${step}: unknown journey step (${JOURNEY_STEPS.join(', ')})`);
          if (!isStage(stage)) throw new ValidationError(`stageForStep.${step}: expected one of ${STAGES.join(', ')}`);
        }
      }
      const current = await this.get();
      const next = { ...current, ...body } as PersonalizationSettings;
      next.stageForStep = { ...current.stageForStep, ...(body.stageForStep as object | undefined) };
      next.disabledContentTypes = [...new Set(next.disabledContentTypes)];
      next.pausedEntries = [...new Set(next.pausedEntries)];
      await store().set({ key: KEY, value: next });
      cache.invalidate();
      getService(strapi, 'change-events').settingsChanged(current, next);
      await getService(strapi, 'coherence').changed({ kind: 'settings' });
      return next;
    },
  };
};
