import { siteUrl } from './utils/site';

// Demo app: every fallback below is a public, dev-only value, so that the playground boots with no
// .env file. Set the environment variables for anything reachable from outside this machine.
export default ({ env }) => ({
  auth: {
    secret: env('ADMIN_JWT_SECRET', 'playground-admin-jwt-secret'),
  },
  apiToken: {
    salt: env('API_TOKEN_SALT', 'playground-api-token-salt'),
  },
  transfer: {
    token: {
      salt: env('TRANSFER_TOKEN_SALT', 'playground-transfer-token-salt'),
    },
  },
  secrets: {
    encryptionKey: env('ENCRYPTION_KEY', 'playground-encryption-key-32chars'),
  },
  // Strapi's own Preview button opens the demo site with a preview link of the plugin: the
  // document itself (draft or published, as the button asks), as a first visit sees the page.
  preview: {
    enabled: true,
    config: {
      allowedOrigins: [siteUrl(env)],
      handler: (uid: string, params: { documentId?: string; locale?: string | null; status?: string }) =>
        strapi.plugin('personalize').service('preview-links').previewButtonUrl(uid, params),
    },
  },
  // No survey or Enterprise banners in a demo.
  flags: {
    nps: env.bool('FLAG_NPS', false),
    promoteEE: env.bool('FLAG_PROMOTE_EE', false),
  },
});
