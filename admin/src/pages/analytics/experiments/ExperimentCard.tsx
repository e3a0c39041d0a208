import { Badge, Box, Flex, Typography } from '@strapi/design-system';
import type { EntryAnalytics, ExperimentRecord } from '../../../../../shared/contracts/admin';
import { useFormat } from '../../../hooks/useFormat';
import { usePermissions } from '../../../hooks/usePermissions';
import { useT } from '../../../hooks/useT';
import { allocationModeLabels } from '../../../utils/labels';
import { shortId } from '../../../utils/links';
import { AllocationHistory } from './AllocationHistory';
import { ExperimentActions } from './ExperimentActions';
import { SampleRatioStatus } from './SampleRatioStatus';

interface ExperimentCardProps {
  experiment: ExperimentRecord;
  /** The running experiment as the report read it, with its sample-ratio check. */
  running: EntryAnalytics['experiment'];
  titleOf: (documentId: string) => string | undefined;
  onChanged: () => void;
}

/**
 * One experiment: a fixed split or a bandit (what it optimizes, its mode), its arms and their
 * shares (a running bandit's from its latest allocation, with each arm's probability to be best),
 * its traffic check or the bandit's allocations over time, why it ended, and its switches.
 */
export function ExperimentCard({ experiment, running, titleOf, onChanged }: ExperimentCardProps) {
  const t = useT();
  const format = useFormat();
  const { manageExperiments } = usePermissions();
  const weights = experiment.arms.reduce((sum, arm) => sum + arm.weight, 0);
  const isRunning = running !== null && running.documentId === experiment.documentId;
  const { optimize, ended } = experiment;
  const latest = isRunning ? running.allocations[running.allocations.length - 1] : undefined;
  const shareOf = (arm: ExperimentRecord['arms'][number]) => {
    const allocated = latest?.arms.find((a) => a.name === arm.name);
    return (allocated ? allocated.weight : weights > 0 ? arm.weight / weights : 0) * (1 - experiment.holdout);
  };

  return (
    <Box padding={4} hasRadius borderColor="neutral200" background="neutral0" data-testid="experiment">
      <Flex direction="column" alignItems="stretch" gap={3}>
        <Flex justifyContent="space-between" gap={2} wrap="wrap">
          <Flex gap={2} wrap="wrap">
            <Typography tag="h3" variant="delta">{experiment.name}</Typography>
            <Badge backgroundColor={experiment.active ? 'success100' : 'neutral150'} textColor={experiment.active ? 'success700' : 'neutral700'}>
              {experiment.active ? t('experiment.running', 'Running') : t('experiment.stopped', 'Stopped')}
            </Badge>
            <Badge data-testid="experiment-kind">
              {optimize === null
                ? t('experiment.fixedSplit', 'Fixed split')
                : optimize.metric === 'clicks'
                  ? t('experiment.banditClicks', 'Bandit on clicks')
                  : t('experiment.banditGoal', 'Bandit on goal {goal}', { goal: optimize.goal ?? '' })}
            </Badge>
            {optimize !== null && experiment.active ? (
              <Badge backgroundColor={optimize.paused || optimize.pinned ? 'warning100' : 'primary100'} textColor={optimize.paused || optimize.pinned ? 'warning700' : 'primary700'}>
                {optimize.paused
                  ? allocationModeLabels(t).paused
                  : optimize.pinned
                    ? t('experiment.pinnedTo', 'Pinned to {arm} ({share})', { arm: optimize.pinned.arm, share: format.percent(optimize.pinned.share) })
                    : allocationModeLabels(t).optimizing}
              </Badge>
            ) : null}
          </Flex>
          <Typography variant="pi" textColor="neutral600">
            {t('experiment.keyVersion', 'Key {key} · version {version}', { key: experiment.key, version: experiment.version })}
            {experiment.locale ? ` · ${experiment.locale}` : ''}
          </Typography>
        </Flex>
        <Flex tag="ul" direction="column" alignItems="stretch" gap={1} aria-label={t('experiment.arms', 'Arms')}>
          {experiment.arms.map((arm) => (
            <Typography tag="li" key={arm.name} data-testid="experiment-arm">
              {latest
                ? t('experiment.armAllocated', '{name}: {served}, {share} of visitors now (probability to be best {best})', {
                    name: arm.name,
                    served: arm.documentId === null ? t('experiment.baseEntry', 'Base entry') : (titleOf(arm.documentId) ?? shortId(arm.documentId)),
                    share: format.percent(shareOf(arm)),
                    best: format.percent(latest.arms.find((a) => a.name === arm.name)?.probabilityBest ?? 0),
                  })
                : t('experiment.arm', '{name}: {served}, weight {weight} ({share} of visitors)', {
                    name: arm.name,
                    served: arm.documentId === null ? t('experiment.baseEntry', 'Base entry') : (titleOf(arm.documentId) ?? shortId(arm.documentId)),
                    weight: arm.weight,
                    share: format.percent(shareOf(arm)),
                  })}
            </Typography>
          ))}
          <Typography tag="li" textColor="neutral600">
            {t('experiment.holdout', 'Hold-out: {share} of visitors always get the base entry', { share: format.percent(experiment.holdout) })}
          </Typography>
        </Flex>
        {ended !== null && !experiment.active ? (
          <Typography textColor="neutral700" data-testid="experiment-ended">
            {ended.action === 'promoted'
              ? t('experiment.endedPromoted', 'Ended {at}: arm {arm} promoted by {by}. Why: {reason}.', { at: new Date(ended.at).toLocaleString(), arm: ended.arm ?? '', by: ended.by ?? '-', reason: ended.reason })
              : t('experiment.endedStopped', 'Ended {at}: stopped by {by}. Why: {reason}.', { at: new Date(ended.at).toLocaleString(), by: ended.by ?? '-', reason: ended.reason })}
            {ended.unpublished.length > 0
              ? ` ${t('experiment.endedUnpublished', 'Unpublished: {variants} (publish one again to serve it again).', { variants: ended.unpublished.map((id) => titleOf(id) ?? shortId(id)).join(', ') })}`
              : ''}
          </Typography>
        ) : null}
        {isRunning && optimize === null ? <SampleRatioStatus sampleRatio={running.sampleRatio} /> : null}
        {isRunning && optimize !== null ? <AllocationHistory allocations={running.allocations} /> : null}
        {manageExperiments ? <ExperimentActions experiment={experiment} onChanged={onChanged} /> : null}
      </Flex>
    </Box>
  );
}
