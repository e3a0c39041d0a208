import * as React from 'react';
import { Badge, Field, Flex, SingleSelect, SingleSelectOption, Table, Tbody, Td, Thead, Tr, Typography } from '@strapi/design-system';
import type { EntryAnalytics } from '../../../../shared/contracts/admin';
import type { RateComparison } from '../../../../plugin/kpi';
import { useFormat } from '../../hooks/useFormat';
import { CountCells, CountHeads, head } from './CountCells';
import { SequentialCell } from './SequentialCell';
import { useT } from '../../hooks/useT';

type Row = EntryAnalytics['variants'][number];
const CLICKS = '__clicks__';
const HOLDOUT_ARM = 'holdout';

/**
 * Per served entry, or per arm while an experiment runs: counts, rates, and each row against the
 * control on the metric chosen (clicks or a goal), with the 95% interval of the difference, and
 * for a fixed split the sequential test's verdict, which may be read every day.
 */
export function KpiTable({ analytics }: { analytics: EntryAnalytics }) {
  const t = useT();
  const format = useFormat();
  const { goals, variants, control, experiment } = analytics;
  const [metric, setMetric] = React.useState(CLICKS);
  const chosen = metric === CLICKS || goals.includes(metric) ? metric : CLICKS;
  const label = (row: Row) =>
    experiment !== null && row.key === HOLDOUT_ARM ? t('analytics.holdout', 'Hold-out (base)') : row.label;
  const comparison = (row: Row): RateComparison | null | undefined =>
    chosen === CLICKS ? row.vsControl?.clicks : row.vsControl?.conversions[chosen];
  const sequential = experiment !== null && experiment.optimize === null;

  const compared = (row: Row) => {
    if (control !== null && row.key === control.key) return [<Td key="uplift" colSpan={4}><Typography textColor="neutral600">{t('analytics.isControl', 'Compared with this row')}</Typography></Td>];
    const c = comparison(row);
    if (!c) return [<Td key="uplift" colSpan={4}><Typography textColor="neutral600">{t('analytics.noComparison', 'No comparison')}</Typography></Td>];
    return [
      <Td key="uplift"><Typography>{c.uplift === null ? '-' : format.signedPercent(c.uplift)}</Typography></Td>,
      <Td key="ci">
        <Typography>{t('analytics.ci.value', '{low} to {high} pts', { low: format.signedPoints(c.ci95[0]), high: format.signedPoints(c.ci95[1]) })}</Typography>
      </Td>,
      <Td key="beat"><Typography>{format.percent(c.probabilityToBeat)}</Typography></Td>,
      <Td key="significant">
        {c.significant ? (
          <Badge backgroundColor="success100" textColor="success700">{t('analytics.significant', 'Significant')}</Badge>
        ) : (
          <Typography variant="pi" textColor="neutral600">{t('analytics.notSignificant', 'Not significant')}</Typography>
        )}
      </Td>,
    ];
  };

  return (
    <Flex direction="column" alignItems="stretch" gap={3}>
      {goals.length > 0 && control !== null ? (
        <Field.Root name="analytics-metric" maxWidth="280px">
          <Field.Label>{t('analytics.metric', 'Compare on')}</Field.Label>
          <SingleSelect value={chosen} onChange={(value: string | number) => setMetric(String(value))}>
            <SingleSelectOption value={CLICKS}>{t('analytics.clicks', 'Clicks')}</SingleSelectOption>
            {goals.map((goal) => (
              <SingleSelectOption key={goal} value={goal}>{t('analytics.goal', 'Goal: {goal}', { goal })}</SingleSelectOption>
            ))}
          </SingleSelect>
        </Field.Root>
      ) : null}
      <Table colCount={(sequential ? 9 : 8) + goals.length} rowCount={variants.length + 1}>
        <Thead>
          <Tr>
            {head(experiment !== null ? t('analytics.arm', 'Arm') : t('analytics.variant', 'Served entry'))}
            <CountHeads goals={goals} />
            {head(t('analytics.uplift', 'Uplift'))}
            {head(t('analytics.ci', '95% CI of the difference'))}
            {head(t('analytics.probabilityToBeat', 'Chance to beat control'))}
            {head(t('analytics.significance', 'Significance'))}
            {sequential ? head(t('analytics.sequential', 'Sequential test')) : null}
          </Tr>
        </Thead>
        <Tbody>
          {variants.map((row) => (
            <Tr key={row.key} data-testid="kpi-row" data-key={row.key}>
              <Td>
                <Flex gap={2}>
                  <Typography fontWeight="bold">{label(row)}</Typography>
                  {control !== null && row.key === control.key ? <Badge>{t('analytics.control', 'Control')}</Badge> : null}
                </Flex>
              </Td>
              <CountCells row={row} goals={goals} />
              {compared(row)}
              {sequential ? (
                <Td>
                  <SequentialCell test={row.sequential === null ? null : chosen === CLICKS ? row.sequential.clicks : row.sequential.conversions[chosen]} />
                </Td>
              ) : null}
            </Tr>
          ))}
        </Tbody>
      </Table>
    </Flex>
  );
}
