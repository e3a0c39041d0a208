import * as React from 'react';
import { Button, Field, Flex, Grid, Modal, TextInput, Typography } from '@strapi/design-system';
import type { ExperimentRecord, VariantSummary } from '../../../../../shared/contracts/admin';
import { useApi } from '../../../api';
import { useT } from '../../../hooks/useT';
import { fieldErrors } from '../../../utils/errors';
import { ArmsEditor, BASE, newArm, type ArmDraft } from './ArmsEditor';
import { ExperimentOptions, isHoldoutValid } from './ExperimentOptions';
import { OptimizeOptions, optimizeInput, type OptimizeDraft } from './OptimizeOptions';

const KEY_MAX = 64;

/** A key from a name: lowercase, dashes between words, a-z, 0-9, - and _ only. */
export const keyFromName = (name: string) =>
  name
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9_]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, KEY_MAX);

interface ExperimentModalProps {
  contentType: string;
  baseDocumentId: string;
  variants: VariantSummary[];
  /** Another experiment runs on the entry: the new one is saved stopped by default. */
  othersRunning: boolean;
  onClose: () => void;
  onCreated: (created: ExperimentRecord) => void;
}

/** A new experiment on a base entry: its arms and weights, a fixed split or a bandit, and the share held out. */
export function ExperimentModal({ contentType, baseDocumentId, variants, othersRunning, onClose, onCreated }: ExperimentModalProps) {
  const t = useT();
  const api = useApi();
  const [name, setName] = React.useState('');
  const [key, setKey] = React.useState<string>();
  const [arms, setArms] = React.useState<ArmDraft[]>(() => [
    newArm('control', BASE),
    ...(variants.length > 0 ? [newArm('treatment', variants[0].documentId)] : []),
  ]);
  const [holdout, setHoldout] = React.useState<number | undefined>(0);
  const [active, setActive] = React.useState(!othersRunning);
  const [optimize, setOptimize] = React.useState<OptimizeDraft | null>(null);
  const [saving, setSaving] = React.useState(false);
  const [errors, setErrors] = React.useState<Record<string, string>>({});
  const effectiveKey = key ?? keyFromName(name);
  const holdoutInvalid = !isHoldoutValid(holdout);
  const canSave = name.trim() !== '' && effectiveKey !== '' && !holdoutInvalid && arms.length > 0 && !saving;

  const save = async (event: React.FormEvent) => {
    event.preventDefault();
    event.stopPropagation();
    if (!canSave) return;
    setSaving(true);
    setErrors({});
    try {
      onCreated(
        await api.createExperiment({
          name: name.trim(),
          key: effectiveKey,
          contentType,
          baseDocumentId,
          arms: arms.map((arm) => ({ name: arm.name.trim(), documentId: arm.served === BASE ? null : arm.served, weight: arm.weight ?? 0 })),
          holdout: (holdout ?? 0) / 100,
          active,
          optimize: optimizeInput(optimize),
        })
      );
    } catch (error) {
      setErrors(fieldErrors(error));
      setSaving(false);
    }
  };

  const shown = new Set(['name', 'key', 'holdout', 'arms', 'optimize.metric', 'optimize.goal', 'optimize.minShare']);
  const general = Object.entries(errors)
    .filter(([field]) => !shown.has(field) && !field.startsWith('arms['))
    .map(([field, message]) => (field ? `${field}: ${message}` : message));

  return (
    <Modal.Root open onOpenChange={(open: boolean) => !open && onClose()}>
      <Modal.Content>
        <form onSubmit={save} noValidate>
          <Modal.Header>
            <Modal.Title>{t('experimentForm.title', 'New experiment')}</Modal.Title>
          </Modal.Header>
          <Modal.Body>
            <Flex direction="column" alignItems="stretch" gap={4}>
              <Grid.Root gap={4}>
                <Grid.Item col={6} direction="column" alignItems="stretch">
                  <Field.Root name="experiment-name" error={errors.name} required>
                    <Field.Label>{t('experimentForm.name', 'Name')}</Field.Label>
                    <TextInput value={name} maxLength={100} onChange={(e: React.ChangeEvent<HTMLInputElement>) => setName(e.target.value)} />
                    <Field.Error />
                  </Field.Root>
                </Grid.Item>
                <Grid.Item col={6} direction="column" alignItems="stretch">
                  <Field.Root name="experiment-key" error={errors.key} hint={t('experimentForm.key.hint', 'Lowercase letters, digits, - and _; made from the name until edited')} required>
                    <Field.Label>{t('experimentForm.key', 'Key')}</Field.Label>
                    <TextInput value={effectiveKey} maxLength={KEY_MAX} onChange={(e: React.ChangeEvent<HTMLInputElement>) => setKey(e.target.value)} />
                    {errors.key ? <Field.Error /> : <Field.Hint />}
                  </Field.Root>
                </Grid.Item>
              </Grid.Root>
              {variants.length === 0 ? (
                <Typography variant="pi" textColor="neutral600">
                  {t('experimentForm.noVariants', 'This entry has no variant yet: create one to test it against the base, or test the base against a hold-out.')}
                </Typography>
              ) : null}
              <ArmsEditor arms={arms} onChange={setArms} variants={variants} errors={errors} />
              <OptimizeOptions value={optimize} onChange={setOptimize} errors={errors} />
              <ExperimentOptions
                holdout={holdout}
                onHoldout={setHoldout}
                holdoutError={errors.holdout}
                active={active}
                onActive={setActive}
                othersRunning={othersRunning}
              />
              {general.map((message) => (
                <Typography key={message} textColor="danger600" data-testid="experiment-error">{message}</Typography>
              ))}
            </Flex>
          </Modal.Body>
          <Modal.Footer>
            <Modal.Close>
              <Button variant="tertiary">{t('action.cancel', 'Cancel')}</Button>
            </Modal.Close>
            <Button type="submit" loading={saving} disabled={!canSave}>{t('experimentForm.submit', 'Create experiment')}</Button>
          </Modal.Footer>
        </form>
      </Modal.Content>
    </Modal.Root>
  );
}
