import { Td, Th, Typography } from '@strapi/design-system';
import type { VariantKpi } from '../../../../plugin/kpi';
import { useFormat } from '../../hooks/useFormat';
import { useT } from '../../hooks/useT';

export const head = (label: string, key?: string) => (
  <Th key={key}>
    <Typography variant="sigma">{label}</Typography>
  </Th>
);

/** The count columns both KPI tables share: impressions, clicks, click rate, then each goal. */
export function CountHeads({ goals }: { goals: string[] }) {
  const t = useT();
  return (
    <>
      {head(t('analytics.impressions', 'Impressions'))}
      {head(t('analytics.clicks', 'Clicks'))}
      {head(t('analytics.clickRate', 'Click rate'))}
      {goals.map((goal) => head(t('analytics.goalConversions', '{goal}: conversions (rate)', { goal }), goal))}
    </>
  );
}

export function CountCells({ row, goals }: { row: VariantKpi; goals: string[] }) {
  const format = useFormat();
  return (
    <>
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
    </>
  );
}
