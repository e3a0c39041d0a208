import * as React from 'react';
import { Button, Field, Flex, Grid, SingleSelect, SingleSelectOption, Typography } from '@strapi/design-system';
import { JOURNEY_STEPS, STAGES, isStage, type JourneyStep, type Stage } from '../../../../plugin/stages';
import { useT } from '../../hooks/useT';
import { journeyStepLabels, stageLabels } from '../../utils/labels';

/** The stage each journey step stands for, saved as a whole. */
export function StageMappingEditor({ mapping, disabled, onSave }: {
  mapping: Record<JourneyStep, Stage>;
  disabled: boolean;
  onSave: (mapping: Record<JourneyStep, Stage>) => Promise<void>;
}) {
  const t = useT();
  const [draft, setDraft] = React.useState(mapping);
  const [saving, setSaving] = React.useState(false);
  React.useEffect(() => setDraft(mapping), [mapping]);
  const steps = journeyStepLabels(t);
  const stages = stageLabels(t);
  const changed = JOURNEY_STEPS.some((step) => draft[step] !== mapping[step]);

  const save = async () => {
    setSaving(true);
    try {
      await onSave(draft);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Flex direction="column" alignItems="stretch" gap={4}>
      <Typography textColor="neutral600">
        {t('mapping.description', 'Front-ends that know the journey step rather than the content intent send the step: it stands for this stage.')}
      </Typography>
      <Grid.Root gap={4}>
        {JOURNEY_STEPS.map((step) => (
          <Grid.Item key={step} col={4} s={6} xs={12} direction="column" alignItems="stretch">
            <Field.Root name={`stage-for-${step}`}>
              <Field.Label>{steps[step]}</Field.Label>
              <SingleSelect
                value={draft[step]}
                disabled={disabled}
                onChange={(value: string | number) => isStage(value) && setDraft((current) => ({ ...current, [step]: value }))}
              >
                {STAGES.map((stage) => (
                  <SingleSelectOption key={stage} value={stage}>
                    {stages[stage]}
                  </SingleSelectOption>
                ))}
              </SingleSelect>
            </Field.Root>
          </Grid.Item>
        ))}
      </Grid.Root>
      <Flex>
        <Button onClick={save} loading={saving} disabled={disabled || !changed}>
          {t('mapping.save', 'Save the mapping')}
        </Button>
      </Flex>
    </Flex>
  );
}
