import type { Core } from '@strapi/strapi';

/** Dev-only defaults of a demo app; override with PLAYGROUND_ADMIN_EMAIL / _PASSWORD. */
export const DEFAULT_ADMIN_EMAIL = 'admin@example.com';
export const DEFAULT_ADMIN_PASSWORD = 'Playground1!';

export const adminCredentials = () => ({
  email: (process.env.PLAYGROUND_ADMIN_EMAIL || DEFAULT_ADMIN_EMAIL).toLowerCase(),
  password: process.env.PLAYGROUND_ADMIN_PASSWORD || DEFAULT_ADMIN_PASSWORD,
  fromEnv: Boolean(process.env.PLAYGROUND_ADMIN_EMAIL || process.env.PLAYGROUND_ADMIN_PASSWORD),
});

/**
 * Creates a super admin when the project has no admin user at all, so that the admin panel opens
 * without the registration screen. Returns true when it created one.
 */
export async function ensureAdminUser(strapi: Core.Strapi): Promise<boolean> {
  const users = strapi.service('admin::user');
  if (await users.exists()) return false;

  // The admin plugin's bootstrap (run before the app's) creates the default roles.
  const superAdmin = await strapi.service('admin::role').getSuperAdmin();
  if (!superAdmin) throw new Error('The Super Admin role is missing; cannot create the admin user.');

  const { email, password } = adminCredentials();
  await users.create({
    firstname: 'Playground',
    lastname: 'Admin',
    email,
    password, // hashed by the service
    isActive: true,
    registrationToken: null,
    roles: [superAdmin.id],
  });
  return true;
}
