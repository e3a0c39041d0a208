import { DEFAULT_STAGE_FOR_STEP, JOURNEY_STEPS, isStage } from '../../../plugin/stages';
import type { CoreReadOptions } from '../core-reads';

export interface PersonalizeConfig extends CoreReadOptions {
  stageForStep: Record<string, string>;
  events: {
    /** Days raw events are kept (for deduplication); daily counts are kept for good. */
    retentionDays: number;
    /**
     * Batches each client address may send per `durationSeconds`: in total over all instances on
     * PostgreSQL and MySQL/MariaDB (counted in the database), per instance on SQLite.
     */
    rateLimit: { points: number; durationSeconds: number };
    /** Largest request body accepted, in bytes. */
    maxBodyBytes: number;
  };
  preview: PreviewConfig;
}

/** Where "Open on the site" goes, and how long a preview link works. */
export interface PreviewConfig {
  /** The site's URL, e.g. `https://www.example.com`; null: previews have no site to open. */
  siteUrl: string | null;
  /** The path of an entry on the site, per content type: `{documentId}` (its base's) and `{locale}` are filled in. */
  paths: Record<string, string>;
  expiresInMinutes: number;
}

const MAX_PREVIEW_MINUTES = 24 * 60;

const positive = (value: unknown) => typeof value === 'number' && Number.isFinite(value) && value > 0;

/**
 * `stageForStep`: the stage a journey step stands for, when a front-end sends `journeyStep`
 * rather than `stage` (editors may change it later in the admin's settings).
 * `events`: retention of raw events and the abuse limits of the events endpoint.
 * `hideVariantsFromCoreLists`, `draftsOnlyForApiTokens`: what Strapi's own content API may read
 * of an opted-in type (see core-reads.ts); both on unless an app turns them off.
 * `preview`: the site that preview links open (see PreviewConfig); links last 30 minutes.
 */
export default {
  default: {
    stageForStep: { ...DEFAULT_STAGE_FOR_STEP },
    hideVariantsFromCoreLists: true,
    draftsOnlyForApiTokens: true,
    events: { retentionDays: 30, rateLimit: { points: 120, durationSeconds: 60 }, maxBodyBytes: 256 * 1024 },
    preview: { siteUrl: null, paths: {}, expiresInMinutes: 30 },
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
    validatePreview(config.preview);
    const events = config.events;
    if (!events) return;
    if (!positive(events.retentionDays)) throw new Error('[personalize] config.events.retentionDays: expected a number of days > 0');
    if (!positive(events.rateLimit?.points) || !positive(events.rateLimit?.durationSeconds)) {
      throw new Error('[personalize] config.events.rateLimit: expected { points > 0, durationSeconds > 0 }');
    }
    if (!positive(events.maxBodyBytes)) throw new Error('[personalize] config.events.maxBodyBytes: expected a number of bytes > 0');
  },
};

const validatePreview = (preview: Partial<PreviewConfig> | undefined) => {
  if (!preview) return;
  const { siteUrl, paths, expiresInMinutes } = preview;
  if (siteUrl != null && (typeof siteUrl !== 'string' || !/^https?:\/\/[^/?#]+/.test(siteUrl))) {
    throw new Error('[personalize] config.preview.siteUrl: expected the site\'s URL, e.g. "https://www.example.com", or null');
  }
  for (const [uid, path] of Object.entries(paths ?? {})) {
    if (typeof path !== 'string' || !path.startsWith('/')) throw new Error(`[personalize] config.preview.paths.${uid}: expected a path starting with /`);
  }
  if (expiresInMinutes !== undefined && (!positive(expiresInMinutes) || expiresInMinutes > MAX_PREVIEW_MINUTES)) {
    throw new Error(`[personalize] config.preview.expiresInMinutes: expected minutes from 1 to ${MAX_PREVIEW_MINUTES}`);
  }
};
