import { Badge, Flex, Typography } from '@strapi/design-system';
import type { Stage } from '../../../plugin/stages';
import { useT } from '../hooks/useT';
import { stageLabels } from '../utils/labels';

/** A variant's targeting at a glance: its segments, then its stage. */
export function TargetingBadges({ segments, stage }: { segments: string[]; stage: Stage | null }) {
  const t = useT();
  return (
    <Flex gap={1} wrap="wrap">
      {segments.length === 0 ? (
        <Typography variant="pi" textColor="neutral600">
          {t('targeting.anySegment', 'Any segment')}
        </Typography>
      ) : (
        segments.map((slug) => <Badge key={slug}>{slug}</Badge>)
      )}
      <Badge backgroundColor="primary100" textColor="primary600">
        {stage === null ? t('stage.any', 'Any stage') : stageLabels(t)[stage]}
      </Badge>
    </Flex>
  );
}
