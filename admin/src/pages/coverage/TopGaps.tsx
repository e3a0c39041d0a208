import { Box, Flex, TextButton, Typography } from '@strapi/design-system';
import type { CoverageGap, CoverageRow } from '../../../../plugin/coverage';
import { useT } from '../../hooks/useT';
import { stageLabels } from '../../utils/labels';
import { formatReach } from '../../utils/reach';
import type { CellRef } from './CoverageMatrix';

const SHOWN = 10;

/** The holes that matter most first: ranked by the segment's reach, then by how many entries lack them. */
export function TopGaps({ gaps, reachSource, onOpen }: {
  gaps: CoverageGap[];
  reachSource: (segment: string) => CoverageRow['reachSource'];
  onOpen: (cell: CellRef) => void;
}) {
  const t = useT();
  const labels = stageLabels(t);
  return (
    <Box>
      <Typography tag="h2" variant="delta">
        {t('topGaps.title', 'Gaps that matter most')}
      </Typography>
      {gaps.length === 0 ? (
        <Typography tag="p" textColor="neutral600">
          {t('topGaps.none', 'No gap: every segment has a published variant at every stage.')}
        </Typography>
      ) : (
        <Flex tag="ol" direction="column" alignItems="stretch" gap={2} paddingTop={3}>
          {gaps.slice(0, SHOWN).map((gap) => (
            <Box tag="li" key={`${gap.segment}-${gap.stage}`} data-testid="top-gap">
              <Flex gap={3} wrap="wrap">
                <TextButton onClick={() => onOpen({ segment: gap.segment, name: gap.name, stage: gap.stage })}>
                  {`${gap.name} × ${labels[gap.stage]}`}
                </TextButton>
                <Typography variant="pi" textColor="neutral600">
                  {t('topGaps.detail', '{missing, plural, one {# entry lacks it} other {# entries lack it}}{drafts, plural, =0 {} other {, # in draft}} · reach {reach}', {
                    missing: gap.missing,
                    drafts: gap.drafts,
                    reach: formatReach(t, gap.reach, reachSource(gap.segment)),
                  })}
                </Typography>
              </Flex>
            </Box>
          ))}
        </Flex>
      )}
    </Box>
  );
}
