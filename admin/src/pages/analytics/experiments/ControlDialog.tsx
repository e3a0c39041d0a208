import * as React from 'react';
import { Button, Field, Flex, Modal, NumberInput, SingleSelect, SingleSelectOption, Textarea, Typography } from '@strapi/design-system';
import type { ExperimentRecord } from '../../../../../shared/contracts/admin';
import { useT } from '../../../hooks/useT';

export type DialogControl = 'pin' | 'promote' | 'stop';

interface ControlDialogProps {
  control: DialogControl;
  experiment: ExperimentRecord;
  busy: boolean;
  onClose: () => void;
  /** The body of the control's route: `{ arm, share }`, `{ arm, reason }` or `{ reason }`. */
  onConfirm: (body: Record<string, unknown>) => void;
}

/**
 * What a control asks before it acts: the arm to pin (and its share of the traffic), the arm to
 * promote, and why an experiment ends (kept in its record).
 */
export function ControlDialog({ control, experiment, busy, onClose, onConfirm }: ControlDialogProps) {
  const t = useT();
  const [arm, setArm] = React.useState(experiment.optimize?.pinned?.arm ?? experiment.arms[0]?.name ?? '');
  const [sharePercent, setSharePercent] = React.useState<number | undefined>(100);
  const [reason, setReason] = React.useState('');
  const title = {
    pin: t('experiment.pin.title', 'Pin an arm'),
    promote: t('experiment.promote.title', 'Promote the winner'),
    stop: t('experiment.stop.title', 'Stop the experiment'),
  }[control];
  const explanation = {
    pin: t('experiment.pin.explanation', 'The arm takes this share of the traffic not held out, whatever the counts say, until you unpin it; the others share the rest. Visitors keep their arm unless it gets no traffic at all.'),
    promote: t('experiment.promote.explanation', 'The experiment ends and the arm\'s entry serves whom its targeting says. The other arms\' variants are unpublished (their drafts stay: publish one again to serve it again); the base is never unpublished.'),
    stop: t('experiment.stop.explanation', 'The experiment ends: its visitors get the entry as personalized. Its counts stay in the report.'),
  }[control];
  const shareValid = control !== 'pin' || (sharePercent !== undefined && sharePercent > 0 && sharePercent <= 100);

  const confirm = (event: React.FormEvent) => {
    event.preventDefault();
    event.stopPropagation();
    if (!shareValid) return;
    if (control === 'pin') onConfirm({ arm, share: (sharePercent ?? 100) / 100 });
    else onConfirm({ ...(control === 'promote' ? { arm } : {}), ...(reason.trim() ? { reason: reason.trim() } : {}) });
  };

  return (
    <Modal.Root open onOpenChange={(open: boolean) => !open && onClose()}>
      <Modal.Content>
        <form onSubmit={confirm} noValidate>
          <Modal.Header>
            <Modal.Title>{title}</Modal.Title>
          </Modal.Header>
          <Modal.Body>
            <Flex direction="column" alignItems="stretch" gap={4}>
              <Typography textColor="neutral600">{explanation}</Typography>
              {control !== 'stop' ? (
                <Field.Root name="control-arm" required>
                  <Field.Label>{t('experiment.control.arm', 'Arm')}</Field.Label>
                  <SingleSelect value={arm} onChange={(value: string | number) => setArm(String(value))}>
                    {experiment.arms.map((candidate) => (
                      <SingleSelectOption key={candidate.name} value={candidate.name}>{candidate.name}</SingleSelectOption>
                    ))}
                  </SingleSelect>
                </Field.Root>
              ) : null}
              {control === 'pin' ? (
                <Field.Root name="control-share" error={shareValid ? undefined : t('experiment.pin.share.invalid', 'Above 0, up to 100')}>
                  <Field.Label>{t('experiment.pin.share', 'Share of the traffic (%)')}</Field.Label>
                  <NumberInput value={sharePercent} onValueChange={setSharePercent} step={5} />
                  <Field.Error />
                </Field.Root>
              ) : (
                <Field.Root name="control-reason" hint={t('experiment.control.reason.hint', 'Kept with the experiment, for whoever reads it later')}>
                  <Field.Label>{t('experiment.control.reason', 'Why')}</Field.Label>
                  <Textarea value={reason} maxLength={500} onChange={(e: React.ChangeEvent<HTMLTextAreaElement>) => setReason(e.target.value)} />
                  <Field.Hint />
                </Field.Root>
              )}
            </Flex>
          </Modal.Body>
          <Modal.Footer>
            <Modal.Close>
              <Button variant="tertiary">{t('action.cancel', 'Cancel')}</Button>
            </Modal.Close>
            <Button type="submit" loading={busy} disabled={!shareValid} variant={control === 'pin' ? 'default' : 'danger-light'}>
              {title}
            </Button>
          </Modal.Footer>
        </form>
      </Modal.Content>
    </Modal.Root>
  );
}
