import { ACTIONS } from '../permissions';

const allowed = (...actions: string[]) => ({
  policies: [{ name: 'admin::hasPermissions', config: { actions } }],
});
const anyOf = (...actions: string[]) => ({
  policies: [{ name: 'plugin::personalize.has-any-permission', config: { actions } }],
});
/** Any admin user: the handler checks the Content Manager's own permission on the type. */
const signedIn = { policies: ['admin::isAuthenticatedAdmin'] };

export default {
  type: 'admin',
  routes: [
    { method: 'GET', path: '/settings', handler: 'settings.get', config: allowed(ACTIONS.readSettings) },
    { method: 'PUT', path: '/settings', handler: 'settings.update', config: allowed(ACTIONS.updateSettings) },
    { method: 'GET', path: '/targeting/export', handler: 'targeting.export', config: allowed(ACTIONS.readSettings) },
    { method: 'POST', path: '/targeting/import', handler: 'targeting.import', config: allowed(ACTIONS.updateSettings) },
    { method: 'GET', path: '/webhooks', handler: 'webhooks.list', config: allowed(ACTIONS.readSettings) },
    { method: 'PUT', path: '/webhooks/:id', handler: 'webhooks.update', config: allowed(ACTIONS.updateSettings) },

    { method: 'GET', path: '/content-types', handler: 'admin.contentTypes', config: signedIn },
    { method: 'GET', path: '/coverage', handler: 'admin.coverage', config: allowed(ACTIONS.readCoverage) },
    { method: 'GET', path: '/coverage/gaps', handler: 'admin.gaps', config: allowed(ACTIONS.readCoverage) },
    { method: 'GET', path: '/watch-list', handler: 'admin.watchList', config: allowed(ACTIONS.readCoverage) },
    { method: 'POST', path: '/preview', handler: 'admin.preview', config: allowed(ACTIONS.readCoverage) },
    // The plugin's preview permission or the Content Manager's read on the type: checked inside.
    { method: 'POST', path: '/preview/token', handler: 'preview-links.mint', config: signedIn },
    { method: 'GET', path: '/preview/site', handler: 'preview-links.site', config: signedIn },

    { method: 'GET', path: '/variants', handler: 'admin.variants', config: signedIn },
    { method: 'POST', path: '/variants', handler: 'admin.createVariant', config: signedIn },
    { method: 'GET', path: '/roles', handler: 'admin.roles', config: signedIn },

    { method: 'GET', path: '/segments', handler: 'admin.listSegments', config: allowed(ACTIONS.manageSegments) },
    { method: 'POST', path: '/segments', handler: 'admin.createSegment', config: allowed(ACTIONS.manageSegments) },
    { method: 'PUT', path: '/segments/:documentId', handler: 'admin.updateSegment', config: allowed(ACTIONS.manageSegments) },
    { method: 'DELETE', path: '/segments/:documentId', handler: 'admin.deleteSegment', config: allowed(ACTIONS.manageSegments) },
    { method: 'POST', path: '/segments/test-rule', handler: 'admin.testRule', config: allowed(ACTIONS.manageSegments) },

    { method: 'GET', path: '/analytics', handler: 'analytics.entry', config: allowed(ACTIONS.readAnalytics) },
    { method: 'GET', path: '/analytics/overview', handler: 'analytics.overview', config: allowed(ACTIONS.readAnalytics) },
    { method: 'GET', path: '/experiments', handler: 'analytics.listExperiments', config: anyOf(ACTIONS.readAnalytics, ACTIONS.manageExperiments) },
    { method: 'POST', path: '/experiments', handler: 'analytics.createExperiment', config: allowed(ACTIONS.manageExperiments) },
    { method: 'PUT', path: '/experiments/:documentId', handler: 'analytics.updateExperiment', config: allowed(ACTIONS.manageExperiments) },
    { method: 'DELETE', path: '/experiments/:documentId', handler: 'analytics.deleteExperiment', config: allowed(ACTIONS.manageExperiments) },
    ...['pin', 'unpin', 'pause', 'resume', 'stop', 'promote', 'allocate'].map((control) => ({
      method: 'POST',
      path: `/experiments/:documentId/${control}`,
      handler: `optimize.${control}`,
      config: allowed(ACTIONS.manageExperiments),
    })),
    { method: 'GET', path: '/experiments/:documentId/allocations', handler: 'optimize.allocations', config: anyOf(ACTIONS.readAnalytics, ACTIONS.manageExperiments) },
    { method: 'GET', path: '/alerts', handler: 'optimize.alerts', config: allowed(ACTIONS.readAnalytics) },
    { method: 'POST', path: '/alerts/check', handler: 'optimize.checkAlerts', config: allowed(ACTIONS.readAnalytics) },
  ],
};
