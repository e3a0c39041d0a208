import * as React from 'react';
import { Box, Button, Flex, Link, Loader, Typography } from '@strapi/design-system';
import { ArrowLeft } from '@strapi/icons';
import { NavLink } from 'react-router-dom';
import { useApi, useRequest } from '../../api';
import { useT } from '../../hooks/useT';
import { useOptedInType } from '../../store';
import { errorMessage } from '../../utils/errors';
import { editViewPath } from '../../utils/links';
import type { Range } from './range';
import { DailyChart } from './DailyChart';
import { DateRangeInputs } from './DateRangeInputs';
import { ExperimentsSection } from './experiments/ExperimentsSection';
import { KpiTable } from './KpiTable';
import { SegmentKpiTable } from './SegmentKpiTable';

function Section({ title, description, children }: { title: string; description?: string; children: React.ReactNode }) {
  return (
    <Box background="neutral0" padding={6} hasRadius shadow="tableShadow" tag="section">
      <Flex direction="column" alignItems="stretch" gap={3}>
        <Typography tag="h2" variant="delta">{title}</Typography>
        {description ? <Typography textColor="neutral600">{description}</Typography> : null}
        {children}
      </Flex>
    </Box>
  );
}

interface AnalyticsEntryViewProps {
  contentType: string;
  documentId: string;
  range: Range;
  onRange: (range: Range) => void;
  onBack: () => void;
}

/** One base entry's KPIs over a range: per day, per variant or arm against the control, per segment; its experiments. */
export function AnalyticsEntryView({ contentType, documentId, range, onRange, onBack }: AnalyticsEntryViewProps) {
  const t = useT();
  const api = useApi();
  const type = useOptedInType(contentType);
  const { data, error, loading, reload } = useRequest(
    () => api.entryAnalytics(contentType, documentId, range.from, range.to),
    [api, contentType, documentId, range.from, range.to]
  );
  const editPath = editViewPath(type, contentType, documentId, null);

  return (
    <Flex direction="column" alignItems="stretch" gap={6}>
      <Flex justifyContent="space-between" alignItems="flex-start" gap={4} wrap="wrap">
        <Flex direction="column" alignItems="flex-start" gap={2}>
          <Button variant="tertiary" size="S" startIcon={<ArrowLeft />} onClick={onBack}>
            {t('analytics.back', 'All entries')}
          </Button>
          <Typography tag="h2" variant="beta" data-testid="analytics-entry-title">
            {data?.title ?? documentId}
          </Typography>
          <Flex gap={3} wrap="wrap">
            <Typography variant="pi" textColor="neutral600">{type?.displayName ?? contentType}</Typography>
            {editPath !== null ? (
              <Link tag={NavLink} to={editPath}>{t('analytics.openEntry', 'Open the entry')}</Link>
            ) : null}
          </Flex>
        </Flex>
        <DateRangeInputs from={range.from ?? data?.from} to={range.to ?? data?.to} onChange={onRange} />
      </Flex>
      {loading && data === undefined ? <Loader>{t('analytics.loading', 'Loading analytics…')}</Loader> : null}
      {error !== undefined ? <Typography textColor="danger600">{errorMessage(error)}</Typography> : null}
      {data !== undefined ? (
        <>
          <DailyChart daily={data.daily} from={data.from} to={data.to} />
          <Section
            title={data.experiment !== null ? t('analytics.byArm', 'Per arm') : t('analytics.byVariant', 'Per variant')}
            description={
              data.control === null
                ? t('analytics.noControl', 'No control to compare with in this range.')
                : t('analytics.controlIs', 'Each row is compared with {control}; rates are per impression.', {
                    control: data.experiment !== null && data.control.key === 'holdout' ? t('analytics.holdout', 'Hold-out (base)') : data.control.label,
                  })
            }
          >
            <KpiTable analytics={data} />
          </Section>
          <Section title={t('analytics.bySegment', 'Per segment')} description={t('analytics.bySegment.description', 'The segment the decision matched for each impression.')}>
            <SegmentKpiTable analytics={data} />
          </Section>
          <ExperimentsSection contentType={contentType} documentId={documentId} running={data.experiment} onChanged={reload} />
        </>
      ) : null}
    </Flex>
  );
}
