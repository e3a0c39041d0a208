import type { Core } from '@strapi/strapi';
import { FIELDS } from './fields';
import { readBaseChange } from './services/variants';

/**
 * `hasVariantOf` is `variantOf` denormalized: true on every row (draft, published, each locale)
 * that has a base. "Base entries only" (every core and personalized list) is then a filter on the
 * row's own column instead of a join on the variant link table, which no database can stop at a
 * page of 25 rows (8 ms against 0.16 ms a page on PostgreSQL).
 *
 * Kept here on every document-service write that names `variantOf`; publish, discard-draft and
 * clone copy the row's columns, so the published, re-drafted or cloned row keeps it with its link.
 */

type Data = Record<string, unknown>;

/**
 * Sets the flag of a create, update or clone from the `variantOf` it gives (a documentId, an id,
 * `{ connect }`, `{ set }`, `{ disconnect }`...). A caller's own value never counts. A write that
 * leaves `variantOf` alone leaves the flag alone (a clone keeps its source's, with its link),
 * except a create, which starts as a base.
 */
export const flagVariant = (action: string, data: Data | undefined) => {
  if (!data || typeof data !== 'object') return;
  delete data[FIELDS.isVariant];
  const change = readBaseChange(data[FIELDS.variantOf]);
  if (change.touched) data[FIELDS.isVariant] = change.documentId !== null || change.id !== undefined;
  else if (action === 'create') data[FIELDS.isVariant] = false;
};

/**
 * Makes the flag of every row of `uid` agree with its link table, in one UPDATE that touches only
 * the rows that disagree: rows written before the column existed (NULL), or by hand below the
 * document service. Names come from Strapi's metadata. Run at every boot: a no-op once in step.
 */
export async function backfillVariantFlag(strapi: Core.Strapi, uid: string): Promise<number> {
  const knex = strapi.db.connection;
  const meta = strapi.db.metadata.get(uid as any);
  const attributes = meta.attributes as Record<string, any>;
  const table = meta.tableName;
  const flag = attributes[FIELDS.isVariant].columnName as string;
  const link = attributes[FIELDS.variantOf].joinTable as { name: string; joinColumn: { name: string } };
  // EXISTS stands where a boolean goes on every database (SQLite and MySQL store booleans as 0/1).
  const linked = knex.raw('EXISTS (SELECT 1 FROM ?? WHERE ??.?? = ??.??)', [link.name, link.name, link.joinColumn.name, table, 'id']);
  return knex(table)
    .update({ [flag]: linked })
    .whereNull(flag)
    .orWhereRaw('?? <> ?', [flag, linked]);
}
