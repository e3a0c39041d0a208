import type { CoverageRow } from '../../../plugin/coverage';
import type { Translate } from '../hooks/useT';

/** A segment's reach with where it comes from: "35% (measured)", "12% (estimate)", or "unknown". */
export function formatReach(t: Translate, reach: number | null, source: CoverageRow['reachSource']): string {
  if (reach === null || Number.isNaN(reach)) return t('reach.unknown', 'unknown');
  const value = `${Math.round(reach * 10) / 10}%`;
  return source === 'impressions'
    ? t('reach.measured', '{value} (measured)', { value })
    : t('reach.estimate', '{value} (estimate)', { value });
}
