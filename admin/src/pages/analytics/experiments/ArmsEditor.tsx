import type * as React from 'react';
import { Box, Button, Field, Flex, Grid, IconButton, NumberInput, SingleSelect, SingleSelectOption, TextInput, Typography } from '@strapi/design-system';
import { Plus, Trash } from '@strapi/icons';
import type { VariantSummary } from '../../../../../shared/contracts/admin';
import { useT } from '../../../hooks/useT';

/** As plugin/experiment.ts limits them (not imported: it brings the hash function along). */
const MAX_ARMS = 10;
const ARM_NAME_MAX = 40;

/** The select's value for the base entry (an arm's documentId null). */
export const BASE = '__base__';

export interface ArmDraft {
  id: number;
  name: string;
  served: string;
  weight?: number;
}

interface ArmsEditorProps {
  arms: ArmDraft[];
  onChange: (arms: ArmDraft[]) => void;
  variants: VariantSummary[];
  /** Problems by field, as the server names them ("arms[1].weight"). */
  errors: Record<string, string>;
}

let nextId = 1;
export const newArm = (name: string, served: string): ArmDraft => ({ id: nextId++, name, served, weight: 1 });

/** The arms of a new experiment: a name, the entry served (the base or one of its variants), a weight. */
export function ArmsEditor({ arms, onChange, variants, errors }: ArmsEditorProps) {
  const t = useT();
  const set = (index: number, change: Partial<ArmDraft>) => onChange(arms.map((arm, i) => (i === index ? { ...arm, ...change } : arm)));
  const add = () => {
    const used = new Set(arms.map((arm) => arm.served));
    const served = variants.find((variant) => !used.has(variant.documentId))?.documentId ?? (used.has(BASE) ? '' : BASE);
    onChange([...arms, newArm(`arm-${arms.length + 1}`, served)]);
  };

  return (
    <Flex direction="column" alignItems="stretch" gap={2}>
      <Typography variant="sigma" textColor="neutral600" tag="h3">{t('experimentForm.arms', 'Arms')}</Typography>
      {arms.map((arm, i) => {
        const error = (field: string) => errors[`arms[${i}].${field}`];
        return (
          <Box key={arm.id} data-testid="arm-row">
            <Grid.Root gap={2}>
              <Grid.Item col={4} direction="column" alignItems="stretch">
                <Field.Root name={`arm-${i}-name`} error={error('name')} required>
                  <Field.Label>{t('experimentForm.armName', 'Arm name')}</Field.Label>
                  <TextInput value={arm.name} maxLength={ARM_NAME_MAX} onChange={(e: React.ChangeEvent<HTMLInputElement>) => set(i, { name: e.target.value })} />
                  <Field.Error />
                </Field.Root>
              </Grid.Item>
              <Grid.Item col={5} direction="column" alignItems="stretch">
                <Field.Root name={`arm-${i}-served`} error={error('documentId') ?? errors[`arms[${i}]`]} required>
                  <Field.Label>{t('experimentForm.served', 'Served entry')}</Field.Label>
                  <SingleSelect value={arm.served} onChange={(value: string | number) => set(i, { served: String(value) })}>
                    <SingleSelectOption value={BASE}>{t('experiment.baseEntry', 'Base entry')}</SingleSelectOption>
                    {variants.map((variant) => (
                      <SingleSelectOption key={variant.documentId} value={variant.documentId}>
                        {variant.status === 'draft' ? t('experimentForm.draftVariant', '{title} (draft)', { title: variant.title }) : variant.title}
                      </SingleSelectOption>
                    ))}
                  </SingleSelect>
                  <Field.Error />
                </Field.Root>
              </Grid.Item>
              <Grid.Item col={2} direction="column" alignItems="stretch">
                <Field.Root name={`arm-${i}-weight`} error={error('weight')} required>
                  <Field.Label>{t('experimentForm.weight', 'Weight')}</Field.Label>
                  <NumberInput value={arm.weight} onValueChange={(weight?: number) => set(i, { weight })} step={1} />
                  <Field.Error />
                </Field.Root>
              </Grid.Item>
              <Grid.Item col={1} direction="column" alignItems="flex-start" paddingTop={6}>
                <IconButton
                  label={t('experimentForm.removeArm', 'Remove arm {name}', { name: arm.name })}
                  variant="ghost"
                  disabled={arms.length <= 1}
                  onClick={() => onChange(arms.filter((_, j) => j !== i))}
                >
                  <Trash />
                </IconButton>
              </Grid.Item>
            </Grid.Root>
          </Box>
        );
      })}
      {errors.arms ? <Typography variant="pi" textColor="danger600">{errors.arms}</Typography> : null}
      <Box>
        <Button variant="tertiary" startIcon={<Plus />} disabled={arms.length >= MAX_ARMS} onClick={add}>
          {t('experimentForm.addArm', 'Add an arm')}
        </Button>
      </Box>
    </Flex>
  );
}
