import * as React from 'react';
import { useSearchParams } from 'react-router-dom';
import { isDay } from '../../utils/days';
import { AnalyticsEntryView } from './AnalyticsEntryView';
import { AnalyticsOverviewView } from './AnalyticsOverviewView';
import type { Range } from './range';

/**
 * KPIs: the overview of every measured entry, or one entry's view. What is shown lives in the
 * query string (tab=analytics&contentType&documentId&from&to), so the edit view can link to an
 * entry's analytics and the browser's back button returns to the overview.
 */
export function AnalyticsTab() {
  const [params, setParams] = useSearchParams();
  const contentType = params.get('contentType');
  const documentId = params.get('documentId');
  const range: Range = {
    from: isDay(params.get('from')) ? (params.get('from') as string) : undefined,
    to: isDay(params.get('to')) ? (params.get('to') as string) : undefined,
  };

  const show = React.useCallback(
    (entry: { contentType: string; documentId: string } | null, next: Range, replace = false) => {
      const query: Record<string, string> = { tab: 'analytics' };
      if (entry !== null) Object.assign(query, { contentType: entry.contentType, documentId: entry.documentId });
      if (next.from) query.from = next.from;
      if (next.to) query.to = next.to;
      setParams(query, { replace });
    },
    [setParams]
  );

  if (contentType && documentId) {
    const entry = { contentType, documentId };
    return (
      <AnalyticsEntryView
        contentType={contentType}
        documentId={documentId}
        range={range}
        onRange={(next) => show(entry, next, true)}
        onBack={() => show(null, range)}
      />
    );
  }
  return (
    <AnalyticsOverviewView
      range={range}
      onRange={(next) => show(null, next, true)}
      onOpen={(entry) => show(entry, range)}
    />
  );
}
