import type { Core } from '@strapi/strapi';

/** Raw events, kept for the retention period only: they make a retried batch count once. */
export const EVENTS_TABLE = 'personalize_events';
/** What the reports read: counts per day, entry, served entry, segment, arm, type and goal. */
export const DAILY_TABLE = 'personalize_daily';
/** The dimensions of a daily count, in the order of its unique index ('' stands for none). */
export const DAILY_KEY = ['day', 'content_type', 'base_document_id', 'served_document_id', 'segment', 'arm', 'type', 'goal'] as const;

/**
 * The events rate limit's counters on PostgreSQL and MySQL/MariaDB, shared by every instance
 * (events/rate-limit.ts). rate-limiter-flexible inserts by position: key, points, expire.
 */
export const RATE_LIMIT_TABLE = 'personalize_rate_limits';

/**
 * The plugin's tables on MySQL and MariaDB, which compare text case-insensitively and ignore
 * trailing spaces by default: client ids `a1B` and `A1b` would count as one event, goals `Quote`
 * and `quote` as one count. Binary collation compares as PostgreSQL and SQLite do. (The daily key,
 * 768 characters of utf8mb4, fits InnoDB's 3072-byte index limit of the DYNAMIC row format, the
 * default since MySQL 5.7 and MariaDB 10.2.)
 */
export const compareAsBytes = (strapi: Core.Strapi, table: { charset(c: string): void; collate(c: string): void }) => {
  if (strapi.db.dialect.client !== 'mysql') return;
  table.charset('utf8mb4');
  table.collate('utf8mb4_bin');
};

/**
 * Plain tables rather than content types: ingestion upserts counts by a composite key, which the
 * document service cannot express. Strapi's schema sync leaves tables it did not create alone.
 */
export const ensureEventTables = async (strapi: Core.Strapi) => {
  // knex's `schema` is a new builder on every read: one per statement.
  const schema = () => strapi.db.connection.schema;
  if (!(await schema().hasTable(EVENTS_TABLE))) {
    await schema().createTable(EVENTS_TABLE, (t) => {
      compareAsBytes(strapi, t);
      t.increments('id');
      t.string('client_id', 64).notNullable().unique('personalize_events_client_id_uq');
      t.string('type', 16).notNullable();
      t.string('goal', 64).notNullable().defaultTo('');
      t.string('content_type', 255).notNullable();
      t.string('base_document_id', 64).notNullable();
      t.string('served_document_id', 64).notNullable();
      t.string('segment', 255).notNullable().defaultTo('');
      t.string('stage', 16).notNullable().defaultTo('');
      t.string('arm', 40).notNullable().defaultTo('');
      t.string('visitor_hash', 64).notNullable().defaultTo('');
      t.string('day', 10).notNullable();
      t.bigInteger('received_at').notNullable().index('personalize_events_received_at_idx');
    });
  }
  if (!(await schema().hasTable(DAILY_TABLE))) {
    await schema().createTable(DAILY_TABLE, (t) => {
      compareAsBytes(strapi, t);
      t.string('day', 10).notNullable();
      t.string('content_type', 255).notNullable();
      t.string('base_document_id', 64).notNullable();
      t.string('served_document_id', 64).notNullable();
      t.string('segment', 255).notNullable();
      t.string('arm', 40).notNullable();
      t.string('type', 16).notNullable();
      t.string('goal', 64).notNullable();
      t.integer('count').notNullable();
      t.unique([...DAILY_KEY], { indexName: 'personalize_daily_key_uq' });
      t.index(['content_type', 'base_document_id', 'day'], 'personalize_daily_entry_idx');
    });
  }
  if (strapi.db.dialect.client !== 'sqlite' && !(await schema().hasTable(RATE_LIMIT_TABLE))) {
    await schema().createTable(RATE_LIMIT_TABLE, (t) => {
      compareAsBytes(strapi, t);
      t.string('key', 255).primary();
      t.integer('points').notNullable().defaultTo(0);
      t.bigInteger('expire');
    });
  }
};
