import { Table, Tbody, Td, Thead, Tr, Typography } from '@strapi/design-system';
import type { EntryAnalytics } from '../../../../shared/contracts/admin';
import { CountCells, CountHeads, head } from './CountCells';
import { useT } from '../../hooks/useT';

/** The entry's counts per segment the decision matched ('' = none), most seen first. */
export function SegmentKpiTable({ analytics }: { analytics: EntryAnalytics }) {
  const t = useT();
  const { goals } = analytics;
  const rows = [...analytics.segments].sort((a, b) => b.counts.impressions - a.counts.impressions);
  if (rows.length === 0) {
    return <Typography textColor="neutral600">{t('analytics.segments.empty', 'No segment was measured in this range.')}</Typography>;
  }
  return (
    <Table colCount={4 + goals.length} rowCount={rows.length + 1}>
      <Thead>
        <Tr>
          {head(t('analytics.segment', 'Segment'))}
          <CountHeads goals={goals} />
        </Tr>
      </Thead>
      <Tbody>
        {rows.map((row) => (
          <Tr key={row.key} data-testid="segment-kpi-row">
            <Td>
              <Typography fontWeight={row.key === '' ? undefined : 'bold'} textColor={row.key === '' ? 'neutral600' : undefined}>
                {row.key === '' ? t('analytics.noSegment', 'No segment') : row.label}
              </Typography>
            </Td>
            <CountCells row={row} goals={goals} />
          </Tr>
        ))}
      </Tbody>
    </Table>
  );
}
