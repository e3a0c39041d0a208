import { pluginRoot } from './utils/app-root';

export default ({ env }) => ({
  // The plugin under development, loaded from the repo root (its package.json `exports`).
  personalize: {
    enabled: true,
    resolve: pluginRoot,
  },
  // Bounded GraphQL: plugin-graphql has no depth limit and no max page size by default.
  // (No `playgroundAlways`: deprecated in 5.x, it only logs two warnings; landingPage rules.)
  graphql: {
    config: {
      endpoint: '/graphql',
      depthLimit: 10,
      defaultLimit: 25,
      maxLimit: 100,
      landingPage: false,
    },
  },
  // Without a secret, users-permissions generates one and appends it to a .env file in the app.
  // Demo app: the fallback is a public, dev-only value.
  'users-permissions': {
    config: {
      jwtSecret: env('JWT_SECRET', 'playground-users-permissions-jwt-secret'),
    },
  },
});
