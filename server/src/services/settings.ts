import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { JOURNEY_STEPS, STAGES, isJourneyStep, isStage, type JourneyStep, type Stage } from '../../../plugin/stages';
import type { PersonalizationSettings } from '../../../shared/settings';
import { PLUGIN_ID } from '../fields';

const { ValidationError } = errors;
const KEY = 'settings';
const KEYS = ['enabled', 'disabledContentTypes', 'pausedEntries', 'stageForStep'];
const MAX_PAUSED = 10_000;
/** How long a switch flipped on another instance may take to reach this one. */
export const SETTINGS_TTL_MS = 5_000;

const isListOf = (value: unknown, ok: (item: unknown) => boolean): value is string[] =>
  Array.isArray(value) && value.every(ok);

/**
 * The plugin's own on/off switch. Turning personalization off here serves base entries and
 * keeps every targeting field and its data, unlike removing the opt-in flag from a schema.
 * Read on every personalized request, so it is cached; a write through this instance applies at once.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const store = () => strapi.store({ type: 'plugin', name: PLUGIN_ID });
  let cached: { value: PersonalizationSettings; paused: Set<string>; disabled: Set<string>; at: number } | null = null;

  const defaults = (): PersonalizationSettings => ({
    enabled: true,
    disabledContentTypes: [],
    pausedEntries: [],
    stageForStep: { ...(strapi.config.get(`plugin::${PLUGIN_ID}.stageForStep`) as Record<JourneyStep, Stage>) },
  });

  const read = async () => {
    if (cached && Date.now() - cached.at < SETTINGS_TTL_MS) return cached;
    const saved = (await store().get({ key: KEY })) as Partial<PersonalizationSettings> | null;
    const base = defaults();
    const value = { ...base, ...(saved ?? {}), stageForStep: { ...base.stageForStep, ...(saved?.stageForStep ?? {}) } };
    cached = { value, paused: new Set(value.pausedEntries), disabled: new Set(value.disabledContentTypes), at: Date.now() };
    return cached;
  };

  return {
    async get(): Promise<PersonalizationSettings> {
      return (await read()).value;
    },

    /** Whether entries of `uid` are personalized now; `documentId` narrows it to one base entry. */
    async isEnabled(uid: string, documentId?: string): Promise<boolean> {
      const { value, disabled, paused } = await read();
      return value.enabled && !disabled.has(uid) && !(documentId && paused.has(documentId));
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
        const optedIn: string[] = strapi.plugin(PLUGIN_ID).service('content-types').optedInUids();
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
      cached = null;
      return next;
    },
  };
};
