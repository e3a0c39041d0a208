import * as React from 'react';
import { Alert, Box, Typography } from '@strapi/design-system';
import type { SampleRatio } from '../../../../../plugin/kpi';
import { useFormat } from '../../../hooks/useFormat';
import { useT } from '../../../hooks/useT';

/** As plugin/kpi.ts sets them (not imported: it brings jStat along). */
const SAMPLE_RATIO_ALPHA = 0.001;
const SAMPLE_RATIO_MIN_DEVIATION = 0.01;

/**
 * Whether the experiment's traffic split as its weights say (a chi-squared test, and an arm 1% or
 * more off its share): a mismatch makes every other figure of the experiment suspect, so it is
 * shown in red. A gap the test finds but too small to matter is said as such, not as a match.
 * Closing the alert leaves a line of text in its place.
 */
export function SampleRatioStatus({ sampleRatio }: { sampleRatio: SampleRatio | null }) {
  const t = useT();
  const format = useFormat();
  const [closed, setClosed] = React.useState(false);
  const mismatch = sampleRatio?.mismatch === true;

  let message: string;
  let detail: string | undefined;
  if (sampleRatio === null) {
    message = t('analytics.srm.noData', 'Not enough traffic yet to check the split against the weights.');
  } else if (mismatch) {
    message = t('analytics.srm.mismatch', 'Sample ratio mismatch (p = {p}, an arm {deviation} off its share)', {
      p: format.pValue(sampleRatio.pValue),
      deviation: format.percent(sampleRatio.deviation),
    });
    detail = t(
      'analytics.srm.mismatch.detail',
      'The arms did not get the traffic their weights call for: check the front-end and the consent rules before trusting these results.'
    );
  } else if (sampleRatio.pValue < SAMPLE_RATIO_ALPHA) {
    message = t('analytics.srm.small', 'Traffic is off the weights by {deviation} at most (p = {p}): under the {minimum} that would bias the results', {
      deviation: format.percent(sampleRatio.deviation),
      p: format.pValue(sampleRatio.pValue),
      minimum: format.percent(SAMPLE_RATIO_MIN_DEVIATION),
    });
  } else {
    message = t('analytics.srm.ok', 'Traffic matches the weights (p = {p})', { p: format.pValue(sampleRatio.pValue) });
  }
  const observed = sampleRatio
    ? t('analytics.srm.counts', 'Observed {observed}; expected {expected}.', {
        observed: sampleRatio.observed.map(format.count).join(' / '),
        expected: sampleRatio.expected.map((n) => format.count(Math.round(n))).join(' / '),
      })
    : undefined;

  return (
    <Box data-testid="srm-status" data-mismatch={mismatch ? 'true' : 'false'}>
      {closed ? (
        <Typography textColor={mismatch ? 'danger600' : 'neutral600'}>{message}</Typography>
      ) : (
        <Alert
          variant={mismatch ? 'danger' : 'default'}
          title={message}
          closeLabel={t('action.close', 'Close')}
          onClose={() => setClosed(true)}
        >
          {[detail, observed].filter(Boolean).join(' ')}
        </Alert>
      )}
    </Box>
  );
}
