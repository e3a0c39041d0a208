import * as React from 'react';
import { Button, Dialog, Flex } from '@strapi/design-system';
import { ArrowClockwise, Play, Stop, Trash, WarningCircle } from '@strapi/icons';
import { ConfirmDialog, useNotification } from '@strapi/strapi/admin';
import type { ExperimentRecord } from '../../../../../shared/contracts/admin';
import { useApi } from '../../../api';
import { useT } from '../../../hooks/useT';
import { errorMessage } from '../../../utils/errors';

/**
 * An experiment's switches (Manage experiments): stop or start it, bump its version to assign
 * every visitor again, delete it. The last two are confirmed first.
 */
export function ExperimentActions({ experiment, onChanged }: { experiment: ExperimentRecord; onChanged: () => void }) {
  const t = useT();
  const api = useApi();
  const { toggleNotification } = useNotification();
  const [busy, setBusy] = React.useState(false);
  const [confirming, setConfirming] = React.useState<'rerandomize' | 'delete'>();

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
    }
  };
  const update = (body: { active?: boolean; version?: number }, done: string) =>
    act(() => api.updateExperiment(experiment.documentId, body), done);

  return (
    <>
      <Flex gap={2} wrap="wrap">
        {experiment.active ? (
          <Button variant="secondary" startIcon={<Stop />} disabled={busy} onClick={() => update({ active: false }, t('experiment.stoppedDone', 'Experiment stopped'))}>
            {t('experiment.stop', 'Stop')}
          </Button>
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
    </>
  );
}
