import type { Core } from '@strapi/strapi';
import { PLUGIN_ID } from './fields';

export const ACTIONS = {
  readSettings: `plugin::${PLUGIN_ID}.settings.read`,
  updateSettings: `plugin::${PLUGIN_ID}.settings.update`,
} as const;

/** Admin RBAC actions, so that roles can be given the plugin's pages one by one. */
export const registerActions = async (strapi: Core.Strapi) => {
  await strapi.service('admin::permission').actionProvider.registerMany([
    { section: 'plugins', displayName: 'Read settings', uid: 'settings.read', pluginName: PLUGIN_ID, subCategory: 'settings' },
    { section: 'plugins', displayName: 'Update settings', uid: 'settings.update', pluginName: PLUGIN_ID, subCategory: 'settings' },
  ]);
};
