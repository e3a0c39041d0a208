import type * as React from 'react';
import { Field, Grid, NumberInput, SingleSelect, SingleSelectOption, TextInput, Toggle } from '@strapi/design-system';
import type { ExperimentOptimize } from '../../../../../shared/contracts/admin';
import { useT } from '../../../hooks/useT';

/** A new bandit's settings as the form holds them: the minimum share in percent. */
export interface OptimizeDraft {
  metric: ExperimentOptimize['metric'];
  goal: string;
  minSharePercent?: number;
}

export const DEFAULT_OPTIMIZE: OptimizeDraft = { metric: 'clicks', goal: '', minSharePercent: 1 };

/** What the server takes: the goal only with conversions, the minimum share as a share. */
export const optimizeInput = (draft: OptimizeDraft | null) =>
  draft === null
    ? null
    : { metric: draft.metric, goal: draft.metric === 'conversions' ? draft.goal.trim() : null, minShare: (draft.minSharePercent ?? 0) / 100 };

interface OptimizeOptionsProps {
  value: OptimizeDraft | null;
  onChange: (value: OptimizeDraft | null) => void;
  /** Problems by field, as the server names them (`optimize.goal`). */
  errors: Record<string, string>;
}

/**
 * A fixed split, or a bandit that moves the weights toward the arm that converts best on a goal
 * (clicks, or a conversion goal), never below a minimum share per arm.
 */
export function OptimizeOptions({ value, onChange, errors }: OptimizeOptionsProps) {
  const t = useT();
  const set = (change: Partial<OptimizeDraft>) => value && onChange({ ...value, ...change });
  return (
    <Grid.Root gap={4}>
      <Grid.Item col={12} direction="column" alignItems="stretch">
        <Field.Root
          name="experiment-optimize"
          hint={t('experimentForm.optimize.hint', 'A bandit moves traffic toward the arm that converts best, every 15 minutes; a fixed split keeps the weights, to measure.')}
        >
          <Field.Label>{t('experimentForm.optimize', 'Optimize automatically (bandit)')}</Field.Label>
          <Toggle
            checked={value !== null}
            onLabel={t('toggle.on', 'On')}
            offLabel={t('toggle.off', 'Off')}
            onChange={(e: React.ChangeEvent<HTMLInputElement>) => onChange(e.target.checked ? DEFAULT_OPTIMIZE : null)}
          />
          <Field.Hint />
        </Field.Root>
      </Grid.Item>
      {value !== null ? (
        <>
          <Grid.Item col={4} direction="column" alignItems="stretch">
            <Field.Root name="experiment-metric" error={errors['optimize.metric']}>
              <Field.Label>{t('experimentForm.metric', 'Goal')}</Field.Label>
              <SingleSelect value={value.metric} onChange={(metric: string | number) => set({ metric: metric as OptimizeDraft['metric'] })}>
                <SingleSelectOption value="clicks">{t('analytics.clicks', 'Clicks')}</SingleSelectOption>
                <SingleSelectOption value="conversions">{t('experimentForm.metric.conversions', 'Conversions of a goal')}</SingleSelectOption>
              </SingleSelect>
              <Field.Error />
            </Field.Root>
          </Grid.Item>
          <Grid.Item col={4} direction="column" alignItems="stretch">
            {value.metric === 'conversions' ? (
              <Field.Root name="experiment-goal" error={errors['optimize.goal']} hint={t('experimentForm.goal.hint', 'As your conversion events name it, e.g. quote')} required>
                <Field.Label>{t('experimentForm.goal', 'Conversion goal')}</Field.Label>
                <TextInput value={value.goal} maxLength={64} onChange={(e: React.ChangeEvent<HTMLInputElement>) => set({ goal: e.target.value })} />
                {errors['optimize.goal'] ? <Field.Error /> : <Field.Hint />}
              </Field.Root>
            ) : null}
          </Grid.Item>
          <Grid.Item col={4} direction="column" alignItems="stretch">
            <Field.Root name="experiment-min-share" error={errors['optimize.minShare']} hint={t('experimentForm.minShare.hint', 'No arm gets less, so every arm keeps learning')}>
              <Field.Label>{t('experimentForm.minShare', 'Minimum share per arm (%)')}</Field.Label>
              <NumberInput value={value.minSharePercent} onValueChange={(minSharePercent?: number) => set({ minSharePercent })} step={1} />
              {errors['optimize.minShare'] ? <Field.Error /> : <Field.Hint />}
            </Field.Root>
          </Grid.Item>
        </>
      ) : null}
    </Grid.Root>
  );
}
