import type { Core } from '@strapi/strapi';
import { PERMISSIONS } from '../../shared/contracts/admin';
import { PLUGIN_ID } from './fields';

export const ACTIONS = PERMISSIONS;

/** Admin RBAC actions, so that roles can be given the plugin's pages one by one. */
export const registerActions = async (strapi: Core.Strapi) => {
  const action = (uid: string, displayName: string, subCategory: string) => ({
    section: 'plugins',
    pluginName: PLUGIN_ID,
    uid,
    displayName,
    subCategory,
  });
  await strapi.service('admin::permission').actionProvider.registerMany([
    action('coverage.read', 'Read coverage, preview and watch-list', 'coverage'),
    action('segments.manage', 'Manage segments', 'segments'),
    action('settings.read', 'Read settings', 'settings'),
    action('settings.update', 'Update settings', 'settings'),
    action('analytics.read', 'Read analytics', 'analytics'),
    action('experiments.manage', 'Manage experiments', 'experiments'),
  ]);
};
