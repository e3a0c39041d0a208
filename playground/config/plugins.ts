import { pluginRoot } from './utils/app-root';
import { sitePaths, siteUrl } from './utils/site';

export default ({ env }) => ({
  // The plugin under development, loaded from the repo root (its package.json `exports`).
  personalize: {
    enabled: true,
    resolve: pluginRoot,
    config: {
      events: {
        retentionDays: env.int('PERSONALIZE_EVENTS_RETENTION_DAYS', 30),
        rateLimit: {
          points: env.int('PERSONALIZE_EVENTS_RATE_POINTS', 120),
          durationSeconds: env.int('PERSONALIZE_EVENTS_RATE_SECONDS', 60),
        },
      },
      // "Open on the site as...": the demo site and where each type's entries show.
      preview: { siteUrl: siteUrl(env), paths: sitePaths },
    },
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
      // Error answers carry no stack trace, whatever NODE_ENV says (Apollo adds one outside production).
      apolloServer: { includeStacktraceInErrorResponses: false },
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
