/**
 * The admin's words for the engine's lists. Each is a full Record over the contract's type, so a
 * stage, journey step, reason, segment kind, alert kind or verdict the engine adds is a compile
 * error here until it has a label (and a key in translations/en.json).
 */
import type { ChangeEvent, JourneyStep, Reason, Stage } from '../../../shared/contracts/content-api';
import type { AlertKind } from '../../../plugin/alerts';
import type { AllocationMode } from '../../../plugin/bandit';
import type { SegmentKind } from '../../../plugin/segments';
import type { SequentialVerdict } from '../../../plugin/sequential';
import type { ALERT_WEBHOOK_EVENT, AllocationCause } from '../../../shared/contracts/admin';
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
  PREVIEW: t('reason.PREVIEW', 'Preview link'),
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

/** What each alert is about, as the Alerts tab titles it. */
export const alertKindLabels = (t: Translate): Record<AlertKind, string> => ({
  'sample-ratio': t('alertKind.sample-ratio', 'Sample-ratio mismatch'),
  'bandit-winner': t('alertKind.bandit-winner', 'A bandit found a winner'),
  'rate-drop': t('alertKind.rate-drop', 'Rate dropped'),
  'quiet-segment': t('alertKind.quiet-segment', 'Segment without traffic'),
  'broken-rule': t('alertKind.broken-rule', 'Rule no longer parses'),
  'unpublished-arm': t('alertKind.unpublished-arm', 'Arm not published'),
});

/** Why a bandit allocated again, as its history says it. */
export const allocationCauseLabels = (t: Translate): Record<AllocationCause, string> => ({
  schedule: t('allocationCause.schedule', 'Schedule'),
  request: t('allocationCause.request', 'Asked now'),
  edit: t('allocationCause.edit', 'Experiment edited'),
  pin: t('allocationCause.pin', 'Pinned'),
  unpin: t('allocationCause.unpin', 'Unpinned'),
  pause: t('allocationCause.pause', 'Paused'),
  resume: t('allocationCause.resume', 'Resumed'),
});

export const allocationModeLabels = (t: Translate): Record<AllocationMode, string> => ({
  optimizing: t('allocationMode.optimizing', 'Optimizing'),
  pinned: t('allocationMode.pinned', 'Pinned'),
  paused: t('allocationMode.paused', 'Paused'),
});

/** The sequential test's verdict, as the Analytics tab reads it. */
export const verdictLabels = (t: Translate): Record<SequentialVerdict, string> => ({
  winner: t('verdict.winner', 'Enough evidence, stop: better'),
  loser: t('verdict.loser', 'Enough evidence, stop: worse'),
  'keep-going': t('verdict.keep-going', 'Keep going'),
});

/** The plugin's webhook events, as the Settings tab lists them. */
export const webhookEventLabels = (t: Translate): Record<ChangeEvent | typeof ALERT_WEBHOOK_EVENT, string> => ({
  'personalize.content.changed': t('webhookEvent.content', 'Entries published, unpublished or deleted'),
  'personalize.experiment.changed': t('webhookEvent.experiment', 'Experiments changed'),
  'personalize.segments.changed': t('webhookEvent.segments', 'Segments changed'),
  'personalize.settings.changed': t('webhookEvent.settings', 'Switches changed'),
  'personalize.alert.opened': t('webhookEvent.alert', 'Alert opened'),
});
