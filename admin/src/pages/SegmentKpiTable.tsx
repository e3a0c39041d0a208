import { Table, Tbody, Td, Th, Thead, Tr, Typography } from '@strapi/design-system';
import type { EntryAnalytics } from '../../../shared/admin';
import { useFormat } from '../hooks/useFormat';
import { useT } from '../hooks/useT';

const head = (label: string, key?: string) => (
  <Th key={key}><Typography variant="sigma">{label}</Typography></Th>
);

/** The entry's counts per segment the decision matched ('' = none), most seen first. */
export function SegmentKpiTable({ analytics }: { analytics: EntryAnalytics }) {
  const t = useT();
  const format = useFormat();
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
          {head(t('analytics.impressions', 'Impressions'))}
          {head(t('analytics.clicks', 'Clicks'))}
          {head(t('analytics.clickRate', 'Click rate'))}
          {goals.map((goal) => head(t('analytics.goalConversions', '{goal}: conversions (rate)', { goal }), goal))}
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
            <Td><Typography>{format.count(row.counts.impressions)}</Typography></Td>
            <Td><Typography>{format.count(row.counts.clicks)}</Typography></Td>
            <Td><Typography>{format.percent(row.clickRate)}</Typography></Td>
            {goals.map((goal) => (
              <Td key={goal}>
                <Typography>
                  {format.count(row.counts.conversions[goal] ?? 0)} ({format.percent(row.conversionRates[goal] ?? 0)})
                </Typography>
              </Td>
            ))}
          </Tr>
        ))}
      </Tbody>
    </Table>
  );
}
