import { Field, SingleSelect, SingleSelectOption } from '@strapi/design-system';
import { STAGES, isStage, type Stage } from '../../../plugin/stages';
import { useT } from '../hooks/useT';
import { stageLabels } from '../utils/labels';

const ANY = 'any';

interface StageSelectProps {
  label: string;
  value: Stage | null;
  onChange: (stage: Stage | null) => void;
  /** What null means here: "Any stage" (a variant's targeting) or "None" (a visitor's). */
  emptyLabel?: string;
  hint?: string;
  disabled?: boolean;
  name?: string;
}

/** A stage, or none: the five stages in journey order. */
export function StageSelect({ label, value, onChange, emptyLabel, hint, disabled, name = 'stage' }: StageSelectProps) {
  const t = useT();
  const labels = stageLabels(t);
  return (
    <Field.Root name={name} hint={hint}>
      <Field.Label>{label}</Field.Label>
      <SingleSelect
        value={value ?? ANY}
        disabled={disabled}
        onChange={(next: string | number) => onChange(isStage(next) ? next : null)}
      >
        <SingleSelectOption value={ANY}>{emptyLabel ?? t('stage.any', 'Any stage')}</SingleSelectOption>
        {STAGES.map((stage) => (
          <SingleSelectOption key={stage} value={stage}>
            {labels[stage]}
          </SingleSelectOption>
        ))}
      </SingleSelect>
      <Field.Hint />
    </Field.Root>
  );
}
