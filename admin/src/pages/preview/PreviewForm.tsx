import * as React from 'react';
import { Button, Field, Flex, Grid, SingleSelect, SingleSelectOption, TextInput, Toggle } from '@strapi/design-system';
import { ExternalLink, Eye } from '@strapi/icons';
import type { PreviewRequest } from '../../../../shared/contracts/admin';
import type { PublicationStatus } from '../../../../shared/contracts/content-api';
import { JOURNEY_STEPS, isJourneyStep, type JourneyStep, type Stage } from '../../../../plugin/stages';
import { SegmentPicker, splitList } from '../../components/SegmentPicker';
import { StageSelect } from '../../components/StageSelect';
import { TraitsInput } from '../../components/TraitsInput';
import { useSegmentOptions } from '../../hooks/useSegmentOptions';
import { useT } from '../../hooks/useT';
import { parseTraits } from '../../utils/json';
import { journeyStepLabels } from '../../utils/labels';

const NONE = 'none';

/**
 * The visitor to preview as: segments, stage or journey step, traits, interests, drafts or not.
 * With `onOpenOnSite`, the same visitor may be shown the site itself.
 */
export function PreviewForm({ onSubmit, onOpenOnSite, submitting, disabled }: {
  onSubmit: (context: PreviewRequest['context'], status: PublicationStatus) => void;
  onOpenOnSite?: (context: PreviewRequest['context'], status: PublicationStatus) => void;
  submitting: boolean;
  disabled: boolean;
}) {
  const t = useT();
  const segmentOptions = useSegmentOptions();
  const [segments, setSegments] = React.useState<string[]>([]);
  const [stage, setStage] = React.useState<Stage | null>(null);
  const [journeyStep, setJourneyStep] = React.useState<JourneyStep | null>(null);
  const [traitsText, setTraitsText] = React.useState('');
  const [interestsText, setInterestsText] = React.useState('');
  const [drafts, setDrafts] = React.useState(false);
  const traits = parseTraits(traitsText);
  const steps = journeyStepLabels(t);

  /** The visitor as the form describes it, to `then` (unless the traits do not parse). */
  const visitor = (then: (context: PreviewRequest['context'], status: PublicationStatus) => void) => {
    if (traits.error !== undefined) return;
    const interests = splitList(interestsText);
    then(
      {
        ...(segments.length > 0 ? { segments } : {}),
        ...(stage !== null ? { stage } : {}),
        ...(journeyStep !== null ? { journeyStep } : {}),
        ...(traits.traits !== undefined ? { traits: traits.traits } : {}),
        ...(interests.length > 0 ? { interests } : {}),
      },
      drafts ? 'draft' : 'published'
    );
  };
  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    visitor(onSubmit);
  };

  return (
    <form onSubmit={submit}>
      <Grid.Root gap={4}>
        <Grid.Item col={6} s={12} direction="column" alignItems="stretch">
          <SegmentPicker
            name="preview-segments"
            label={t('preview.segments', 'Segments')}
            hint={t('preview.segments.hint', 'Segments the front-end names; rules add more from traits and interests')}
            value={segments}
            onChange={setSegments}
            options={segmentOptions.unavailable ? undefined : (segmentOptions.options ?? [])}
            disabled={segmentOptions.loading}
          />
        </Grid.Item>
        <Grid.Item col={3} s={6} direction="column" alignItems="stretch">
          <StageSelect name="preview-stage" label={t('preview.stage', 'Stage')} emptyLabel={t('preview.none', 'None')} value={stage} onChange={setStage} />
        </Grid.Item>
        <Grid.Item col={3} s={6} direction="column" alignItems="stretch">
          <Field.Root name="preview-journey-step" hint={t('preview.journeyStep.hint', 'Used when no stage is given')}>
            <Field.Label>{t('preview.journeyStep', 'Journey step')}</Field.Label>
            <SingleSelect
              value={journeyStep ?? NONE}
              onChange={(value: string | number) => setJourneyStep(isJourneyStep(value) ? value : null)}
            >
              <SingleSelectOption value={NONE}>{t('preview.none', 'None')}</SingleSelectOption>
              {JOURNEY_STEPS.map((step) => (
                <SingleSelectOption key={step} value={step}>
                  {steps[step]}
                </SingleSelectOption>
              ))}
            </SingleSelect>
            <Field.Hint />
          </Field.Root>
        </Grid.Item>
        <Grid.Item col={6} s={12} direction="column" alignItems="stretch">
          <TraitsInput name="preview-traits" value={traitsText} onChange={setTraitsText} />
        </Grid.Item>
        <Grid.Item col={6} s={12} direction="column" alignItems="stretch">
          <Flex direction="column" alignItems="stretch" gap={4}>
            <Field.Root name="preview-interests" hint={t('preview.interests.hint', 'Comma separated, e.g. car-insurance, travel')}>
              <Field.Label>{t('preview.interests', 'Interests')}</Field.Label>
              <TextInput value={interestsText} onChange={(event: React.ChangeEvent<HTMLInputElement>) => setInterestsText(event.target.value)} />
              <Field.Hint />
            </Field.Root>
            <Field.Root name="preview-drafts" hint={t('preview.drafts.hint', 'Drafts preview unpublished variants and targeting')}>
              <Field.Label>{t('preview.drafts', 'Preview drafts')}</Field.Label>
              <Toggle
                checked={drafts}
                onLabel={t('preview.drafts.on', 'Drafts')}
                offLabel={t('preview.drafts.off', 'Published')}
                onChange={(event: React.ChangeEvent<HTMLInputElement>) => setDrafts(event.target.checked)}
              />
              <Field.Hint />
            </Field.Root>
          </Flex>
        </Grid.Item>
      </Grid.Root>
      <Flex paddingTop={4} gap={2}>
        <Button type="submit" startIcon={<Eye />} loading={submitting} disabled={disabled || traits.error !== undefined}>
          {t('preview.submit', 'Preview')}
        </Button>
        {onOpenOnSite ? (
          <Button type="button" variant="secondary" startIcon={<ExternalLink />} disabled={disabled || traits.error !== undefined} onClick={() => visitor(onOpenOnSite)}>
            {t('preview.openOnSite', 'Open on the site as this visitor')}
          </Button>
        ) : null}
      </Flex>
    </form>
  );
}
