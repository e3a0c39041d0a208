import type { Core } from '@strapi/strapi';
import { RateLimiterMemory, RateLimiterMySQL, RateLimiterPostgres, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { RATE_LIMIT_TABLE } from './tables';

export interface RateLimit {
  points: number;
  durationSeconds: number;
}

/** Refused: retry after this many ms. */
export type Verdict = { allowed: true } | { allowed: false; msBeforeNext: number };

/** At most one warning a minute while the shared store fails. */
const WARN_EVERY_MS = 60_000;

/**
 * The limiter for the app's database: on PostgreSQL and MySQL/MariaDB, counters in a table of the
 * app's own database, through the knex Strapi already has (no other connection, no other
 * server), so that every instance counts against one limit; on SQLite, in memory (SQLite is one
 * instance by nature).
 */
const sharedLimiter = async (strapi: Core.Strapi, { points, durationSeconds }: RateLimit): Promise<RateLimiterAbstract | null> => {
  const options = {
    points,
    duration: durationSeconds,
    keyPrefix: 'events',
    storeClient: strapi.db.connection,
    storeType: 'knex',
    tableName: RATE_LIMIT_TABLE,
    // The plugin creates it at bootstrap (events/tables.ts), with the plugin's other tables.
    tableCreated: true,
  };
  switch (strapi.db.dialect.client) {
    case 'postgres':
      return new RateLimiterPostgres({ ...options, schemaName: strapi.db.getSchemaName() || undefined });
    case 'mysql': {
      // The limiter names the table with its database: the one Strapi's connection is using.
      const [rows] = await strapi.db.connection.raw('SELECT DATABASE() AS name');
      return new RateLimiterMySQL({ ...options, dbName: rows[0].name });
    }
    default:
      return null;
  }
};

/**
 * Counts one request for `key` against the events rate limit. When the shared store fails (the
 * table is gone, the database refuses the statement), ingestion goes on: this instance counts
 * alone, in memory, and logs a warning at most once a minute, rather than refusing events
 * because of the limiter.
 */
export const eventsRateLimit = (strapi: Core.Strapi, limit: RateLimit) => {
  const memory = new RateLimiterMemory({ points: limit.points, duration: limit.durationSeconds, keyPrefix: 'events' });
  const shared = sharedLimiter(strapi, limit).catch((error: Error) => {
    strapi.log.warn(`[personalize] events rate limit: shared store unavailable, counting per instance: ${error.message}`);
    return null;
  });
  let warnedAt = 0;

  const consume = async (limiter: RateLimiterAbstract, key: string): Promise<Verdict> => {
    try {
      await limiter.consume(key);
      return { allowed: true };
    } catch (rejection) {
      if (rejection instanceof RateLimiterRes) return { allowed: false, msBeforeNext: rejection.msBeforeNext };
      throw rejection;
    }
  };

  return async (key: string): Promise<Verdict> => {
    const store = await shared;
    if (!store) return consume(memory, key);
    try {
      return await consume(store, key);
    } catch (error: any) {
      if (Date.now() - warnedAt > WARN_EVERY_MS) {
        warnedAt = Date.now();
        strapi.log.warn(`[personalize] events rate limit: shared store failed, counting per instance meanwhile: ${error?.message ?? error}`);
      }
      return consume(memory, key);
    }
  };
};
