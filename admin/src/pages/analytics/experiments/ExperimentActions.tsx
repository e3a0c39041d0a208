import * as React from 'react';
import { Button, Dialog, Flex } from '@strapi/design-system';
import { ArrowClockwise, Clock, Crown, Pin, Play, Stop, Trash, WarningCircle } from '@strapi/icons';
import { ConfirmDialog, useNotification } from '@strapi/strapi/admin';
import type { ExperimentRecord } from '../../../../../shared/contracts/admin';
import { useApi, type ExperimentControl } from '../../../api';
import { useT } from '../../../hooks/useT';
import { errorMessage } from '../../../utils/errors';
import { ControlDialog, type DialogControl } from './ControlDialog';

/**
 * An experiment's switches (Manage experiments): while it runs, a bandit's pin, unpin, pause,
 * resume and "allocate now", and for any experiment promote or stop, which ask first (and why);
 * once stopped, start it again; bump its version to assign every visitor again, delete it (both
 * confirmed first).
 */
export function ExperimentActions({ experiment, onChanged }: { experiment: ExperimentRecord; onChanged: () => void }) {
  const t = useT();
  const api = useApi();
  const { toggleNotification } = useNotification();
  const [busy, setBusy] = React.useState(false);
  const [confirming, setConfirming] = React.useState<'rerandomize' | 'delete'>();
  const [asking, setAsking] = React.useState<DialogControl>();

  const act = async (action: () => Promise<unknown>, done: string) => {
    setBusy(true);
    try {
      await action();
      toggleNotification({ type: 'success', message: done });
      onChanged();
    } catch (error) {
      toggleNotification({ type: 'danger', message: errorMessage(error) });
    } finally {
      setBusy(false);
      setConfirming(undefined);
      setAsking(undefined);
    }
  };
  const control = (name: ExperimentControl, done: string, body?: Record<string, unknown>) =>
    act(() => api.controlExperiment(experiment.documentId, name, body), done);
  const bandit = experiment.optimize;
  const update = (body: { active?: boolean; version?: number }, done: string) =>
    act(() => api.updateExperiment(experiment.documentId, body), done);

  return (
    <>
      <Flex gap={2} wrap="wrap">
        {experiment.active && bandit ? (
          <>
            {bandit.pinned ? (
              <Button variant="secondary" startIcon={<Pin />} disabled={busy} onClick={() => control('unpin', t('experiment.unpinnedDone', 'Arm unpinned'))}>
                {t('experiment.unpin', 'Unpin {arm}', { arm: bandit.pinned.arm })}
              </Button>
            ) : (
              <Button variant="secondary" startIcon={<Pin />} disabled={busy} onClick={() => setAsking('pin')}>
                {t('experiment.pin', 'Pin an arm')}
              </Button>
            )}
            {bandit.paused ? (
              <Button variant="secondary" startIcon={<Play />} disabled={busy} onClick={() => control('resume', t('experiment.resumedDone', 'Bandit resumed'))}>
                {t('experiment.resume', 'Resume')}
              </Button>
            ) : (
              <Button variant="secondary" startIcon={<Clock />} disabled={busy} onClick={() => control('pause', t('experiment.pausedDone', 'Bandit paused: the weights stay as they are'))}>
                {t('experiment.pause', 'Pause')}
              </Button>
            )}
            <Button variant="tertiary" startIcon={<ArrowClockwise />} disabled={busy} onClick={() => control('allocate', t('experiment.allocatedDone', 'Allocated from the latest counts'))}>
              {t('experiment.allocate', 'Allocate now')}
            </Button>
          </>
        ) : null}
        {experiment.active ? (
          <>
            <Button variant="secondary" startIcon={<Crown />} disabled={busy} onClick={() => setAsking('promote')}>
              {t('experiment.promote', 'Promote the winner')}
            </Button>
            <Button variant="secondary" startIcon={<Stop />} disabled={busy} onClick={() => setAsking('stop')}>
              {t('experiment.stop', 'Stop')}
            </Button>
          </>
        ) : (
          <Button variant="secondary" startIcon={<Play />} disabled={busy} onClick={() => update({ active: true }, t('experiment.startedDone', 'Experiment started'))}>
            {t('experiment.start', 'Start')}
          </Button>
        )}
        <Button variant="tertiary" startIcon={<ArrowClockwise />} disabled={busy} onClick={() => setConfirming('rerandomize')}>
          {t('experiment.rerandomize', 'Re-randomize (new version)')}
        </Button>
        <Button variant="danger-light" startIcon={<Trash />} disabled={busy} onClick={() => setConfirming('delete')}>
          {t('experiment.delete', 'Delete')}
        </Button>
      </Flex>
      <Dialog.Root open={confirming !== undefined} onOpenChange={(open: boolean) => !open && setConfirming(undefined)}>
        <ConfirmDialog
          variant={confirming === 'delete' ? 'danger-light' : 'default'}
          icon={<WarningCircle fill={confirming === 'delete' ? 'danger600' : 'warning600'} />}
          onConfirm={() =>
            confirming === 'delete'
              ? act(() => api.deleteExperiment(experiment.documentId), t('experiment.deletedDone', 'Experiment deleted'))
              : update({ version: experiment.version + 1 }, t('experiment.rerandomizedDone', 'Visitors re-randomized (version {version})', { version: experiment.version + 1 }))
          }
        >
          {confirming === 'delete'
            ? t('experiment.confirmDelete', 'Delete the experiment "{name}"? Its visitors get the entry as personalized; the events already recorded stay.', { name: experiment.name })
            : t('experiment.confirmRerandomize', 'Start version {version} of "{name}"? Every visitor is assigned an arm again; the counts already recorded stay in the report: pick dates from today to read the new version alone.', { name: experiment.name, version: experiment.version + 1 })}
        </ConfirmDialog>
      </Dialog.Root>
      {asking !== undefined ? (
        <ControlDialog
          control={asking}
          experiment={experiment}
          busy={busy}
          onClose={() => setAsking(undefined)}
          onConfirm={(body) =>
            control(asking, {
              pin: t('experiment.pinnedDone', 'Arm pinned'),
              promote: t('experiment.promotedDone', 'Winner promoted: the experiment has ended'),
              stop: t('experiment.stoppedDone', 'Experiment stopped'),
            }[asking], body)
          }
        />
      ) : null}
    </>
  );
}
