import * as React from 'react';
import { useAuth } from '@strapi/strapi/admin';
import { PERMISSIONS } from '../../../shared/contracts/admin';

export type PluginPermissions = Record<keyof typeof PERMISSIONS, boolean>;

/**
 * Which of the plugin's RBAC actions the signed-in user holds (they have no subject). Read from
 * the user's permissions rather than useRBAC, whose answer names actions by their last word only
 * (coverage.read and settings.read would collide).
 */
export function usePermissions(): PluginPermissions & { isLoading: boolean } {
  const permissions = useAuth('personalize', (state) => state.permissions);
  const isLoading = useAuth('personalize', (state) => state.isLoading);
  return React.useMemo(() => {
    const held = new Set((permissions ?? []).map((permission) => permission.action));
    const allowed = Object.fromEntries(
      Object.entries(PERMISSIONS).map(([key, action]) => [key, held.has(action)])
    ) as PluginPermissions;
    return { ...allowed, isLoading };
  }, [permissions, isLoading]);
}
