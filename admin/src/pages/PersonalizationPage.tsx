import * as React from 'react';
import { Box, Divider, Tabs } from '@strapi/design-system';
import { Layouts, Page } from '@strapi/strapi/admin';
import { useSearchParams } from 'react-router-dom';
import { usePermissions, type PluginPermissions } from '../hooks/usePermissions';
import { useT, type Translate } from '../hooks/useT';
import { AlertsTab } from './alerts/AlertsTab';
import { AnalyticsTab } from './analytics/AnalyticsTab';
import { CoverageTab } from './coverage/CoverageTab';
import { PreviewTab } from './preview/PreviewTab';
import { SegmentsTab } from './segments/SegmentsTab';
import { SettingsTab } from './settings/SettingsTab';
import { WatchListTab } from './watch-list/WatchListTab';

interface TabDefinition {
  id: string;
  label: (t: Translate) => string;
  allowed: (permissions: PluginPermissions) => boolean;
  Component: React.ComponentType;
}

const TABS: TabDefinition[] = [
  { id: 'coverage', label: (t) => t('tabs.coverage', 'Coverage'), allowed: (p) => p.readCoverage, Component: CoverageTab },
  { id: 'preview', label: (t) => t('tabs.preview', 'Preview'), allowed: (p) => p.readCoverage, Component: PreviewTab },
  { id: 'watch-list', label: (t) => t('tabs.watchList', 'Watch-list'), allowed: (p) => p.readCoverage, Component: WatchListTab },
  { id: 'analytics', label: (t) => t('tabs.analytics', 'Analytics'), allowed: (p) => p.readAnalytics, Component: AnalyticsTab },
  { id: 'alerts', label: (t) => t('tabs.alerts', 'Alerts'), allowed: (p) => p.readAnalytics, Component: AlertsTab },
  { id: 'segments', label: (t) => t('tabs.segments', 'Segments'), allowed: (p) => p.manageSegments, Component: SegmentsTab },
  { id: 'settings', label: (t) => t('tabs.settings', 'Settings'), allowed: (p) => p.readSettings, Component: SettingsTab },
];

/** The Personalization page: one tab per task, those the user's role allows. */
export function PersonalizationPage() {
  const t = useT();
  const permissions = usePermissions();
  const [searchParams, setSearchParams] = useSearchParams();
  const tabs = TABS.filter((tab) => tab.allowed(permissions));
  const requested = searchParams.get('tab');
  const active = tabs.find((tab) => tab.id === requested)?.id ?? tabs[0]?.id;

  if (permissions.isLoading) return <Page.Loading />;
  if (active === undefined) return <Page.NoPermissions />;

  return (
    <Page.Main>
      <Page.Title>{t('page.title', 'Personalization')}</Page.Title>
      <Layouts.Header
        title={t('page.title', 'Personalization')}
        subtitle={t('page.subtitle', 'Coverage of segments and stages, previews, analytics, and the switches')}
      />
      <Layouts.Content>
        <Tabs.Root
          variant="simple"
          value={active}
          onValueChange={(value: string) => setSearchParams({ tab: value }, { replace: true })}
        >
          <Box paddingBottom={6}>
            <Tabs.List aria-label={t('page.tabs', 'Personalization sections')}>
              {tabs.map((tab) => (
                <Tabs.Trigger key={tab.id} value={tab.id}>
                  {tab.label(t)}
                </Tabs.Trigger>
              ))}
            </Tabs.List>
            <Divider />
          </Box>
          {tabs.map(({ id, Component }) => (
            <Tabs.Content key={id} value={id}>
              {id === active ? <Component /> : null}
            </Tabs.Content>
          ))}
        </Tabs.Root>
      </Layouts.Content>
    </Page.Main>
  );
}
