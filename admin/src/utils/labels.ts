/**
 * The admin's words for the engine's lists. Each is a full Record over the contract's type, so a
 * stage, journey step, reason or segment kind the engine adds is a compile error here until it
 * has a label (and a key in translations/en.json).
 */
import type { JourneyStep, Reason, Stage } from '../../../shared/contracts/content-api';
import type { SegmentKind } from '../../../plugin/segments';
import type { Translate } from '../hooks/useT';

/** The five stages, as content leads read them. */
export const stageLabels = (t: Translate): Record<Stage, string> => ({
  orient: t('stage.orient', 'Orient'),
  inform: t('stage.inform', 'Inform'),
  help: t('stage.help', 'Help'),
  reassure: t('stage.reassure', 'Reassure'),
  reward: t('stage.reward', 'Reward'),
});

/** Why a variant (or the base) was served, as the preview shows it. */
export const reasonLabels = (t: Translate): Record<Reason, string> => ({
  SEGMENT_AND_STAGE: t('reason.SEGMENT_AND_STAGE', 'Segment and stage'),
  SEGMENT: t('reason.SEGMENT', 'Segment'),
  STAGE: t('reason.STAGE', 'Stage'),
  UNTARGETED: t('reason.UNTARGETED', 'Untargeted variant'),
  DEFAULT: t('reason.DEFAULT', 'Default'),
  DISABLED: t('reason.DISABLED', 'Personalization off'),
  EXPERIMENT: t('reason.EXPERIMENT', 'Experiment arm'),
  HOLDOUT: t('reason.HOLDOUT', 'Hold-out'),
});

export const journeyStepLabels = (t: Translate): Record<JourneyStep, string> => ({
  discovery: t('journeyStep.discovery', 'Discovery'),
  comparison: t('journeyStep.comparison', 'Comparison'),
  conversion: t('journeyStep.conversion', 'Conversion'),
  onboarding: t('journeyStep.onboarding', 'Onboarding'),
  enrollment: t('journeyStep.enrollment', 'Enrollment'),
});

export const statusLabels = (t: Translate): Record<'draft' | 'published' | 'modified', string> => ({
  draft: t('status.draft', 'Draft'),
  published: t('status.published', 'Published'),
  modified: t('status.modified', 'Modified'),
});

/** The Status variant the Content Manager gives each state. */
export const STATUS_VARIANT = { draft: 'secondary', published: 'success', modified: 'alternative' } as const;

export const kindLabels = (t: Translate): Record<SegmentKind, string> => ({
  funnel: t('kind.funnel', 'Funnel'),
  interest: t('kind.interest', 'Interest'),
  custom: t('kind.custom', 'Custom'),
});
