import type { JourneyStep, Stage } from '../../../plugin/stages';
import type { Translate } from '../hooks/useT';

/** The five stages, as content leads read them. */
export const stageLabels = (t: Translate): Record<Stage, string> => ({
  orient: t('stage.orient', 'Orient'),
  inform: t('stage.inform', 'Inform'),
  help: t('stage.help', 'Help'),
  reassure: t('stage.reassure', 'Reassure'),
  reward: t('stage.reward', 'Reward'),
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

export const SEGMENT_KINDS = ['funnel', 'interest', 'custom'] as const;

export const kindLabels = (t: Translate): Record<(typeof SEGMENT_KINDS)[number], string> => ({
  funnel: t('kind.funnel', 'Funnel'),
  interest: t('kind.interest', 'Interest'),
  custom: t('kind.custom', 'Custom'),
});
