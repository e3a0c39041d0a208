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
  // No survey or Enterprise banners in a demo.
  flags: {
    nps: env.bool('FLAG_NPS', false),
    promoteEE: env.bool('FLAG_PROMOTE_EE', false),
  },
});
