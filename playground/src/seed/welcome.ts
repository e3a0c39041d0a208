import type { Core } from '@strapi/strapi';
import { adminCredentials } from './admin-user';

const EXAMPLE_QUERY =
  '{ articles { documentId title targetStage variantOf { documentId } targetSegments { slug } contentTags { slug } } }';

/** Where to go next, printed once the playground is ready (not under NODE_ENV=test). */
export function printWelcome(strapi: Core.Strapi): void {
  const host = strapi.config.get<string>('server.host');
  const port = strapi.config.get<number>('server.port');
  const base = `http://${host}:${port}`;
  const graphqlPath = strapi.config.get<string>('plugin::graphql.endpoint', '/graphql');
  const { email, password, fromEnv } = adminCredentials();
  const login = fromEnv
    ? `${email} (password from PLAYGROUND_ADMIN_PASSWORD)`
    : `${email} / ${password} (dev-only defaults; set PLAYGROUND_ADMIN_EMAIL and _PASSWORD)`;

  strapi.log.info(
    [
      'Personalize playground is ready.',
      `  Admin:   ${base}/admin  ${login}`,
      `  GraphQL: ${base}${graphqlPath}`,
      '  Try:',
      `    curl -s ${base}${graphqlPath} -H 'Content-Type: application/json' \\`,
      `      -d '${JSON.stringify({ query: EXAMPLE_QUERY })}'`,
    ].join('\n')
  );
}
