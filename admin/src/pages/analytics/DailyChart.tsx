import * as React from 'react';
import { Box } from '@strapi/design-system';
import type { EntryAnalytics } from '../../../../shared/contracts/admin';
import { useFormat } from '../../hooks/useFormat';
import { useT } from '../../hooks/useT';
import { fillDays } from '../../utils/days';

type Daily = EntryAnalytics['daily'][number];
type Series = 'impressions' | 'clicks';

const WIDTH = 720;
const PANEL = 64;
const LABEL = 18;
const GAP = 14;
const AXIS = 16;
const HEIGHT = 2 * (LABEL + PANEL + GAP) + AXIS;

/**
 * Impressions and clicks per day, as two bar panels on one time axis, each scaled to its own
 * peak (clicks would be flat on the impressions' scale). Days without events count 0.
 */
export function DailyChart({ daily, from, to }: { daily: Daily[]; from: string; to: string }) {
  const t = useT();
  const format = useFormat();
  const days = React.useMemo(
    () => fillDays(daily, from, to, (day) => ({ day, impressions: 0, clicks: 0, conversions: 0 })),
    [daily, from, to]
  );
  const total = (series: Series) => days.reduce((sum, day) => sum + day[series], 0);
  const panels: Array<{ series: Series; label: string; opacity: number }> = [
    { series: 'impressions', label: t('analytics.impressions', 'Impressions'), opacity: 0.9 },
    { series: 'clicks', label: t('analytics.clicks', 'Clicks'), opacity: 0.5 },
  ];
  const step = WIDTH / Math.max(1, days.length);
  const bar = Math.max(1, step * 0.7);

  const summary = t(
    'analytics.chart.label',
    'Daily impressions and clicks from {from} to {to}: {impressions} impressions and {clicks} clicks in all.',
    { from, to, impressions: format.count(total('impressions')), clicks: format.count(total('clicks')) }
  );

  return (
    <Box color="primary600" background="neutral0" padding={4} hasRadius borderColor="neutral150">
      <svg
        role="img"
        aria-label={summary}
        data-testid="analytics-chart"
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        width="100%"
        style={{ display: 'block', maxHeight: 260, overflow: 'visible' }}
      >
        {panels.map(({ series, label, opacity }, index) => {
          const top = index * (LABEL + PANEL + GAP);
          const peak = Math.max(0, ...days.map((day) => day[series]));
          const scale = peak > 0 ? PANEL / peak : 0;
          return (
            <g key={series}>
              <text x={0} y={top + 12} fontSize={12} fill="currentColor">
                {t('analytics.chart.panel', '{label} (peak {peak} a day)', { label, peak: format.count(peak) })}
              </text>
              <line x1={0} x2={WIDTH} y1={top + LABEL + PANEL} y2={top + LABEL + PANEL} stroke="currentColor" strokeOpacity={0.3} />
              {days.map((day, i) => {
                const height = day[series] * scale;
                return (
                  <rect
                    key={day.day}
                    x={i * step + (step - bar) / 2}
                    y={top + LABEL + PANEL - height}
                    width={bar}
                    height={height}
                    fill="currentColor"
                    fillOpacity={opacity}
                  >
                    <title>{t('analytics.chart.bar', '{label} on {day}: {value}', { label, day: day.day, value: format.count(day[series]) })}</title>
                  </rect>
                );
              })}
            </g>
          );
        })}
        <text x={0} y={HEIGHT - 2} fontSize={11} fill="currentColor" fillOpacity={0.7}>
          {days[0]?.day ?? from}
        </text>
        <text x={WIDTH} y={HEIGHT - 2} fontSize={11} fill="currentColor" fillOpacity={0.7} textAnchor="end">
          {days[days.length - 1]?.day ?? to}
        </text>
      </svg>
    </Box>
  );
}
