import * as React from 'react';
import { Box, Button, EmptyStateLayout, Flex, Loader, Typography } from '@strapi/design-system';
import { Download } from '@strapi/icons';
import { useNotification } from '@strapi/strapi/admin';
import { useApi, useRequest } from '../../api';
import { TypeLocalePicker, useTypeAndLocale } from '../../components/TypeLocalePicker';
import { useT } from '../../hooks/useT';
import { errorMessage } from '../../utils/errors';
import { CoverageMatrix, type CellRef } from './CoverageMatrix';
import { GapsModal } from './GapsModal';
import { TopGaps } from './TopGaps';

/** Which segment × stage cells of a content type have published variants, and where the holes are. */
export function CoverageTab() {
  const t = useT();
  const api = useApi();
  const { toggleNotification } = useNotification();
  const picked = useTypeAndLocale();
  const { type, locale } = picked;
  const { data: report, error, loading } = useRequest(
    type === undefined || !picked.ready ? null : () => api.coverage(type.uid, locale),
    [api, type?.uid, locale, picked.ready]
  );
  const [openCell, setOpenCell] = React.useState<CellRef | null>(null);
  const [exporting, setExporting] = React.useState(false);

  const exportCsv = async () => {
    if (type === undefined) return;
    setExporting(true);
    try {
      const blob = await api.coverageCsv(type.uid, locale);
      const url = URL.createObjectURL(blob);
      const anchor = document.createElement('a');
      anchor.href = url;
      anchor.download = `coverage-${type.uid.replace(/[^a-z0-9.-]/gi, '_')}${locale ? `-${locale}` : ''}.csv`;
      anchor.click();
      setTimeout(() => URL.revokeObjectURL(url), 1_000);
    } catch (err) {
      toggleNotification({ type: 'danger', message: errorMessage(err) });
    } finally {
      setExporting(false);
    }
  };

  if (picked.types !== undefined && picked.types.length === 0) {
    return <EmptyStateLayout content={t('coverage.noTypes', 'No content type is opted in to personalization yet.')} />;
  }

  return (
    <Flex direction="column" alignItems="stretch" gap={6}>
      <Flex justifyContent="space-between" alignItems="flex-end" gap={4} wrap="wrap">
        <TypeLocalePicker state={picked} />
        <Button variant="secondary" startIcon={<Download />} onClick={exportCsv} loading={exporting} disabled={!report}>
          {t('coverage.export', 'Export CSV')}
        </Button>
      </Flex>
      {loading && report === undefined ? <Loader>{t('coverage.loading', 'Loading coverage…')}</Loader> : null}
      {error !== undefined ? <Typography textColor="danger600">{errorMessage(error)}</Typography> : null}
      {report !== undefined && type !== undefined ? (
        <>
          <Typography tag="p" textColor="neutral600">
            {t(
              'coverage.summary',
              '{bases, plural, one {# entry} other {# entries}}: each cell counts the entries with a published variant for that segment and stage.',
              { bases: report.bases }
            )}
          </Typography>
          <CoverageMatrix report={report} onOpen={setOpenCell} />
          <Box background="neutral0" padding={6} hasRadius shadow="tableShadow">
            <TopGaps
              gaps={report.gaps}
              reachSource={(slug) => report.rows.find((row) => row.segment === slug)?.reachSource ?? null}
              onOpen={setOpenCell}
            />
          </Box>
          <GapsModal type={type} locale={locale} cell={openCell} onClose={() => setOpenCell(null)} />
        </>
      ) : null}
    </Flex>
  );
}
