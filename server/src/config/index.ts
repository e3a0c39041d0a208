import { DEFAULT_STAGE_FOR_STEP, JOURNEY_STEPS, isStage } from '../../../plugin/stages';
import type { CoreReadOptions } from '../core-reads';

export interface PersonalizeConfig extends CoreReadOptions {
  stageForStep: Record<string, string>;
  events: {
    /** Days raw events are kept (for deduplication); daily counts are kept for good. */
    retentionDays: number;
    /** Batches each client address may send per `durationSeconds`, per instance. */
    rateLimit: { points: number; durationSeconds: number };
    /** Largest request body accepted, in bytes. */
    maxBodyBytes: number;
  };
}

const positive = (value: unknown) => typeof value === 'number' && Number.isFinite(value) && value > 0;

/**
 * `stageForStep`: the stage a journey step stands for, when a front-end sends `journeyStep`
 * rather than `stage` (editors may change it later in the admin's settings).
 * `events`: retention of raw events and the abuse limits of the events endpoint.
 * `hideVariantsFromCoreLists`, `draftsOnlyForApiTokens`: what Strapi's own content API may read
 * of an opted-in type (see core-reads.ts); both on unless an app turns them off.
 */
export default {
  default: {
    stageForStep: { ...DEFAULT_STAGE_FOR_STEP },
    hideVariantsFromCoreLists: true,
    draftsOnlyForApiTokens: true,
    events: { retentionDays: 30, rateLimit: { points: 120, durationSeconds: 60 }, maxBodyBytes: 256 * 1024 },
  },
  validator(config: Partial<PersonalizeConfig>) {
    for (const [step, stage] of Object.entries(config.stageForStep ?? {})) {
      if (!(JOURNEY_STEPS as readonly string[]).includes(step)) {
        throw new Error(`[personalize] config.stageForStep.${step}: unknown journey step (${JOURNEY_STEPS.join(', ')})`);
      }
      if (!isStage(stage)) {
        throw new Error(`[personalize] config.stageForStep.${step}: "${String(stage)}" is not a stage`);
      }
    }
    for (const name of ['hideVariantsFromCoreLists', 'draftsOnlyForApiTokens'] as const) {
      if (name in config && typeof config[name] !== 'boolean') throw new Error(`[personalize] config.${name}: expected true or false`);
    }
    const events = config.events;
    if (!events) return;
    if (!positive(events.retentionDays)) throw new Error('[personalize] config.events.retentionDays: expected a number of days > 0');
    if (!positive(events.rateLimit?.points) || !positive(events.rateLimit?.durationSeconds)) {
      throw new Error('[personalize] config.events.rateLimit: expected { points > 0, durationSeconds > 0 }');
    }
    if (!positive(events.maxBodyBytes)) throw new Error('[personalize] config.events.maxBodyBytes: expected a number of bytes > 0');
  },
};
