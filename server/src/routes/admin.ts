import { ACTIONS } from '../permissions';

const allowed = (action: string) => ({
  policies: [{ name: 'admin::hasPermissions', config: { actions: [action] } }],
});

export default {
  type: 'admin',
  routes: [
    { method: 'GET', path: '/settings', handler: 'settings.get', config: allowed(ACTIONS.readSettings) },
    { method: 'PUT', path: '/settings', handler: 'settings.update', config: allowed(ACTIONS.updateSettings) },
    { method: 'GET', path: '/targeting/export', handler: 'targeting.export', config: allowed(ACTIONS.readSettings) },
    { method: 'POST', path: '/targeting/import', handler: 'targeting.import', config: allowed(ACTIONS.updateSettings) },
  ],
};
