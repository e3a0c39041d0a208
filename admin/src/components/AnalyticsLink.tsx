import { Link } from '@strapi/design-system';
import { NavLink } from 'react-router-dom';
import { PLUGIN_ID } from '../pluginId';
import { usePermissions } from '../hooks/usePermissions';
import { useT } from '../hooks/useT';
import { query } from '../utils/links';

/** The Analytics tab's path for one base entry (the admin router adds /admin). */
export const analyticsPath = (contentType: string, documentId: string) =>
  `/plugins/${PLUGIN_ID}?${query({ tab: 'analytics', contentType, documentId })}`;

/** On a base entry's panel: its KPIs and experiments, for roles that may read analytics. */
export function AnalyticsLink({ contentType, documentId }: { contentType: string; documentId: string }) {
  const t = useT();
  const { readAnalytics } = usePermissions();
  if (!readAnalytics) return null;
  return (
    <Link tag={NavLink} to={analyticsPath(contentType, documentId)} data-testid="panel-analytics-link">
      {t('panel.analytics', 'Analytics')}
    </Link>
  );
}
