import { Badge, Box, Flex, Typography } from '@strapi/design-system';
import type { EntryAnalytics, ExperimentRecord } from '../../../../../shared/contracts/admin';
import { useFormat } from '../../../hooks/useFormat';
import { usePermissions } from '../../../hooks/usePermissions';
import { useT } from '../../../hooks/useT';
import { shortId } from '../../../utils/links';
import { ExperimentActions } from './ExperimentActions';
import { SampleRatioStatus } from './SampleRatioStatus';

interface ExperimentCardProps {
  experiment: ExperimentRecord;
  /** The running experiment as the report read it, with its sample-ratio check. */
  running: EntryAnalytics['experiment'];
  titleOf: (documentId: string) => string | undefined;
  onChanged: () => void;
}

/** One experiment: its arms and their shares, its traffic check while it runs, and its switches. */
export function ExperimentCard({ experiment, running, titleOf, onChanged }: ExperimentCardProps) {
  const t = useT();
  const format = useFormat();
  const { manageExperiments } = usePermissions();
  const weights = experiment.arms.reduce((sum, arm) => sum + arm.weight, 0);
  const isRunning = running !== null && running.documentId === experiment.documentId;

  return (
    <Box padding={4} hasRadius borderColor="neutral200" background="neutral0" data-testid="experiment">
      <Flex direction="column" alignItems="stretch" gap={3}>
        <Flex justifyContent="space-between" gap={2} wrap="wrap">
          <Flex gap={2} wrap="wrap">
            <Typography tag="h3" variant="delta">{experiment.name}</Typography>
            <Badge backgroundColor={experiment.active ? 'success100' : 'neutral150'} textColor={experiment.active ? 'success700' : 'neutral700'}>
              {experiment.active ? t('experiment.running', 'Running') : t('experiment.stopped', 'Stopped')}
            </Badge>
          </Flex>
          <Typography variant="pi" textColor="neutral600">
            {t('experiment.keyVersion', 'Key {key} · version {version}', { key: experiment.key, version: experiment.version })}
            {experiment.locale ? ` · ${experiment.locale}` : ''}
          </Typography>
        </Flex>
        <Flex tag="ul" direction="column" alignItems="stretch" gap={1} aria-label={t('experiment.arms', 'Arms')}>
          {experiment.arms.map((arm) => (
            <Typography tag="li" key={arm.name} data-testid="experiment-arm">
              {t('experiment.arm', '{name}: {served}, weight {weight} ({share} of visitors)', {
                name: arm.name,
                served: arm.documentId === null ? t('experiment.baseEntry', 'Base entry') : (titleOf(arm.documentId) ?? shortId(arm.documentId)),
                weight: arm.weight,
                share: format.percent(weights > 0 ? (arm.weight / weights) * (1 - experiment.holdout) : 0),
              })}
            </Typography>
          ))}
          <Typography tag="li" textColor="neutral600">
            {t('experiment.holdout', 'Hold-out: {share} of visitors always get the base entry', { share: format.percent(experiment.holdout) })}
          </Typography>
        </Flex>
        {isRunning ? <SampleRatioStatus sampleRatio={running.sampleRatio} /> : null}
        {manageExperiments ? <ExperimentActions experiment={experiment} onChanged={onChanged} /> : null}
      </Flex>
    </Box>
  );
}
