import * as React from 'react';
import { Box, EmptyStateLayout, Flex, Grid, Link, Loader, Table, Tbody, Td, Th, Thead, Tr, Typography } from '@strapi/design-system';
import { NavLink } from 'react-router-dom';
import type { AnalyticsOverview } from '../../../../shared/contracts/admin';
import { useApi, useRequest } from '../../api';
import { useFormat } from '../../hooks/useFormat';
import { useT } from '../../hooks/useT';
import { useOptedInTypes } from '../../store';
import { errorMessage } from '../../utils/errors';
import { query } from '../../utils/links';
import type { Range } from './range';
import { DateRangeInputs } from './DateRangeInputs';

type Entry = AnalyticsOverview['entries'][number];

/** One total of the range, as a card. */
function Total({ label, value }: { label: string; value: string }) {
  return (
    <Box background="neutral0" padding={4} hasRadius shadow="tableShadow">
      <Typography variant="sigma" textColor="neutral600" tag="p">{label}</Typography>
      <Typography variant="beta" tag="p">{value}</Typography>
    </Box>
  );
}

/** Every entry measured in the range, most seen first; a row opens the entry's analytics. */
export function AnalyticsOverviewView({ range, onRange, onOpen }: {
  range: Range;
  onRange: (range: Range) => void;
  onOpen: (entry: { contentType: string; documentId: string }) => void;
}) {
  const t = useT();
  const api = useApi();
  const format = useFormat();
  const { types } = useOptedInTypes();
  const { data, error, loading } = useRequest(() => api.analyticsOverview(range.from, range.to), [api, range.from, range.to]);
  const entries = React.useMemo(() => [...(data?.entries ?? [])].sort((a, b) => b.impressions - a.impressions), [data]);
  const typeName = (uid: string) => types?.find((type) => type.uid === uid)?.displayName ?? uid;
  const entrySearch = (entry: Entry) =>
    `?${query({ tab: 'analytics', contentType: entry.contentType, documentId: entry.documentId, from: range.from, to: range.to })}`;

  return (
    <Flex direction="column" alignItems="stretch" gap={6}>
      <DateRangeInputs from={range.from ?? data?.from} to={range.to ?? data?.to} onChange={onRange} />
      {loading && data === undefined ? <Loader>{t('analytics.loading', 'Loading analytics…')}</Loader> : null}
      {error !== undefined ? <Typography textColor="danger600">{errorMessage(error)}</Typography> : null}
      {data !== undefined ? (
        <>
          <Grid.Root gap={4}>
            {(['impressions', 'clicks', 'conversions'] as const).map((key) => (
              <Grid.Item key={key} col={4} s={12} direction="column" alignItems="stretch">
                <Total
                  label={
                    key === 'impressions'
                      ? t('analytics.impressions', 'Impressions')
                      : key === 'clicks'
                        ? t('analytics.clicks', 'Clicks')
                        : t('analytics.conversions', 'Conversions')
                  }
                  value={format.count(data.totals[key])}
                />
              </Grid.Item>
            ))}
          </Grid.Root>
          {entries.length === 0 ? (
            <EmptyStateLayout content={t('analytics.overview.empty', 'No impression was recorded in this range.')} />
          ) : (
            <Table colCount={7} rowCount={entries.length + 1}>
              <Thead>
                <Tr>
                  <Th><Typography variant="sigma">{t('analytics.entry', 'Entry')}</Typography></Th>
                  <Th><Typography variant="sigma">{t('analytics.type', 'Type')}</Typography></Th>
                  <Th><Typography variant="sigma">{t('analytics.impressions', 'Impressions')}</Typography></Th>
                  <Th><Typography variant="sigma">{t('analytics.clicks', 'Clicks')}</Typography></Th>
                  <Th><Typography variant="sigma">{t('analytics.ctr', 'CTR')}</Typography></Th>
                  <Th><Typography variant="sigma">{t('analytics.conversions', 'Conversions')}</Typography></Th>
                  <Th><Typography variant="sigma">{t('analytics.personalizedShare', 'Personalized')}</Typography></Th>
                </Tr>
              </Thead>
              <Tbody>
                {entries.map((entry) => (
                  <Tr
                    key={`${entry.contentType}|${entry.documentId}`}
                    data-testid="analytics-entry-row"
                    style={{ cursor: 'pointer' }}
                    onClick={(event: React.MouseEvent) => {
                      // The title's link navigates by itself.
                      if (!(event.target as HTMLElement).closest('a')) onOpen(entry);
                    }}
                  >
                    <Td>
                      <Link tag={NavLink} to={{ search: entrySearch(entry) }}>{entry.title}</Link>
                    </Td>
                    <Td><Typography textColor="neutral600">{typeName(entry.contentType)}</Typography></Td>
                    <Td><Typography>{format.count(entry.impressions)}</Typography></Td>
                    <Td><Typography>{format.count(entry.clicks)}</Typography></Td>
                    <Td><Typography>{entry.impressions > 0 ? format.percent(entry.clicks / entry.impressions) : '-'}</Typography></Td>
                    <Td><Typography>{format.count(entry.conversions)}</Typography></Td>
                    <Td><Typography>{format.percent(entry.personalizedShare)}</Typography></Td>
                  </Tr>
                ))}
              </Tbody>
            </Table>
          )}
        </>
      ) : null}
    </Flex>
  );
}
