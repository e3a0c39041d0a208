// Demo app: the APP_KEYS fallbacks below are public, dev-only values. Set APP_KEYS anywhere real.
const DEV_APP_KEYS = ['playgroundKeyOne', 'playgroundKeyTwo', 'playgroundKeyThree', 'playgroundKeyFour'];

export default ({ env }) => ({
  host: env('HOST', '127.0.0.1'),
  port: env.int('PORT', 1337),
  app: {
    keys: env.array('APP_KEYS', DEV_APP_KEYS),
  },
});
