/**
 * SQL statements per request, counted from the database driver (knex's `query` event) while
 * each GraphQL request runs once, after a warm-up and once the plugin's background work is done.
 * Transaction control (BEGIN, COMMIT, ROLLBACK, savepoints) is not counted.
 */
import type { InProcessApp } from './app';
import { checkAnswer, requests, type BenchRequest, type RequestName } from './queries';
import { atMost, equalTo, figure, REPORTED, type Figure } from './report';

const CONTROL = /^\s*(begin|commit|rollback|savepoint|release)\b/i;

export interface StatementCounts {
  counts: Record<RequestName, number>;
  /** The statements of each counted request, to see where a count comes from. */
  statements: Record<RequestName, string[]>;
}

export async function countStatements(app: InProcessApp, documentId: string): Promise<StatementCounts> {
  const client = app.strapi.db.connection.client;
  const index = app.strapi.plugin('personalize').service('content-index');
  let seen: string[] | null = null;
  const listener = (query: { sql: string }) => {
    if (seen && !CONTROL.test(query.sql)) seen.push(query.sql);
  };
  client.on('query', listener);
  const counts = {} as StatementCounts['counts'];
  const statements = {} as StatementCounts['statements'];
  try {
    for (const [name, request] of Object.entries(requests(documentId)) as Array<[RequestName, BenchRequest]>) {
      // Warm-up: caches with a time to live (segments, settings) are fresh for the counted run.
      checkAnswer(name, await app.send(request));
      await index.settled();
      seen = [];
      checkAnswer(name, await app.send(request));
      counts[name] = seen.length;
      statements[name] = seen.map((sql) => (sql.length > 300 ? `${sql.slice(0, 300)}…` : sql));
      seen = null;
    }
  } finally {
    client.removeListener('query', listener);
  }
  return { counts, statements };
}

export function sqlFigures(sql: StatementCounts | null, why?: string): Figure[] {
  const c = sql?.counts;
  const n = (name: RequestName) => (c ? c[name] : null);
  return [
    figure('sql', 'core offer(documentId)', n('coreOne'), 'statements', REPORTED, sql ? undefined : `not measured: ${why}`),
    figure('sql', 'personalizedOffer', n('personalizedOne'), 'statements', equalTo(c?.coreOne ?? NaN, 'core')),
    figure('sql', 'core offers, page of 25', n('coreList25'), 'statements', REPORTED),
    figure('sql', 'personalizedOffers, page of 25', n('personalizedList25'), 'statements', atMost((c?.coreList25 ?? NaN) + 1, 'core page + 1')),
    figure('sql', 'personalizedOffers, page of 5', n('personalizedList5'), 'statements', equalTo(c?.personalizedList25 ?? NaN, 'page of 25')),
    figure('sql', 'relatedContent, limit 5', n('related'), 'statements', REPORTED),
    figure('sql', 'REST core GET /api/offers/:id', n('restCoreOne'), 'statements', REPORTED),
    figure('sql', 'REST personalized GET .../content/offers/:id', n('restPersonalizedOne'), 'statements', equalTo(c?.restCoreOne ?? NaN, 'core')),
    figure('sql', 'REST core GET /api/offers, page of 25', n('restCoreList25'), 'statements', REPORTED),
    figure('sql', 'REST personalized GET .../content/offers, page of 25', n('restPersonalizedList25'), 'statements', atMost((c?.restCoreList25 ?? NaN) + 1, 'core page + 1')),
  ];
}
