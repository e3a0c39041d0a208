import type * as React from 'react';
import { Field, Grid, NumberInput, Toggle } from '@strapi/design-system';
import { useT } from '../../../hooks/useT';

/** The most visitors an experiment may hold out, in percent (plugin/experiment.ts: 0.5). */
const HOLDOUT_MAX_PERCENT = 50;

export const isHoldoutValid = (percent: number | undefined) =>
  percent === undefined || (percent >= 0 && percent <= HOLDOUT_MAX_PERCENT);

interface ExperimentOptionsProps {
  /** In percent, 0 to 50. */
  holdout?: number;
  onHoldout: (percent?: number) => void;
  holdoutError?: string;
  active: boolean;
  onActive: (active: boolean) => void;
  othersRunning: boolean;
}

/** A new experiment's hold-out share, and whether it starts at once. */
export function ExperimentOptions({ holdout, onHoldout, holdoutError, active, onActive, othersRunning }: ExperimentOptionsProps) {
  const t = useT();
  const invalid = !isHoldoutValid(holdout);
  return (
    <Grid.Root gap={4}>
      <Grid.Item col={6} direction="column" alignItems="stretch">
        <Field.Root
          name="experiment-holdout"
          error={invalid ? t('experimentForm.holdout.invalid', 'From 0 to 50') : holdoutError}
          hint={t('experimentForm.holdout.hint', 'Visitors who always get the base entry, compared with the arms')}
        >
          <Field.Label>{t('experimentForm.holdout', 'Hold-out (%)')}</Field.Label>
          <NumberInput value={holdout} onValueChange={onHoldout} step={1} />
          {invalid || holdoutError ? <Field.Error /> : <Field.Hint />}
        </Field.Root>
      </Grid.Item>
      <Grid.Item col={6} direction="column" alignItems="stretch">
        <Field.Root
          name="experiment-active"
          hint={othersRunning ? t('experimentForm.active.othersRunning', 'Another experiment runs on this entry: stop it before starting this one.') : undefined}
        >
          <Field.Label>{t('experimentForm.active', 'Start it now')}</Field.Label>
          <Toggle
            checked={active}
            onLabel={t('toggle.on', 'On')}
            offLabel={t('toggle.off', 'Off')}
            onChange={(e: React.ChangeEvent<HTMLInputElement>) => onActive(e.target.checked)}
          />
          <Field.Hint />
        </Field.Root>
      </Grid.Item>
    </Grid.Root>
  );
}
