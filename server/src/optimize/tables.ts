import type { Core } from '@strapi/strapi';
import { compareAsBytes } from '../events/tables';

/** Every allocation of every bandit, with its time and reasons: how traffic moved and why. */
export const ALLOCATIONS_TABLE = 'personalize_allocations';
/** Alerts, open and resolved: "since when" survives restarts. */
export const ALERTS_TABLE = 'personalize_alerts';

/**
 * Plain tables, as the event tables: a version is unique per experiment and sequence, and an open
 * alert per cause (`open_cause` is the cause while open, NULL once resolved), both as unique
 * indexes, so two instances running the same round store each once.
 */
export const ensureOptimizeTables = async (strapi: Core.Strapi) => {
  const schema = () => strapi.db.connection.schema;
  if (!(await schema().hasTable(ALLOCATIONS_TABLE))) {
    await schema().createTable(ALLOCATIONS_TABLE, (t) => {
      compareAsBytes(strapi, t);
      t.increments('id');
      t.string('experiment_document_id', 64).notNullable();
      t.integer('sequence').notNullable();
      t.bigInteger('at').notNullable();
      t.string('cause', 16).notNullable();
      t.string('by_user', 255).nullable();
      t.string('mode', 16).notNullable();
      t.string('winner', 40).nullable();
      // The arms' allocations as JSON (name, weights, counts, posterior mean, probability best).
      t.text('arms').notNullable();
      t.bigInteger('seed').notNullable();
      t.integer('draws').notNullable();
      t.unique(['experiment_document_id', 'sequence'], { indexName: 'personalize_allocations_seq_uq' });
    });
  }
  if (!(await schema().hasTable(ALERTS_TABLE))) {
    await schema().createTable(ALERTS_TABLE, (t) => {
      compareAsBytes(strapi, t);
      t.increments('id');
      t.string('kind', 32).notNullable();
      t.string('cause', 512).notNullable();
      t.string('open_cause', 512).nullable().unique({ indexName: 'personalize_alerts_open_uq' });
      // The message, where, figures and link as JSON.
      t.text('details').notNullable();
      t.bigInteger('opened_at').notNullable();
      t.bigInteger('last_seen_at').notNullable();
      t.bigInteger('resolved_at').nullable().index('personalize_alerts_resolved_idx');
    });
  }
};
