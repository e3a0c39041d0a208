// Under NODE_ENV=test only errors reach the console (HTTP access logs, info and warnings do not).
// Read by Strapi as `config.get('logger')` and passed to @strapi/logger's winston createLogger.
export default ({ env }) => ({
  level: env('LOG_LEVEL', 'error'),
});
