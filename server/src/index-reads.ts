import type { Core, UID } from '@strapi/strapi';
import { FIELDS, SEGMENT_UID, TAG_UID } from './fields';
import { findAllByPages } from './pages';

/**
 * The content index's small reads (its whole reads are bulk-read.ts): families of base entries,
 * what a look needs to tell what changed in a table since the last one, and the slugs entries carry.
 * Strapi's query engine runs them inside the current transaction when there is one.
 */

export type Row = { id: number; documentId: string; locale?: string | null; publishedAt?: unknown; [key: string]: any };

/** The family a row belongs to: its base's, or its own for a base entry. */
export const baseOfRow = (row: Row): string => row[FIELDS.variantOf]?.documentId ?? row.documentId;

const familyRows = (strapi: Core.Strapi, uid: string, bases: string[]): Promise<Row[]> =>
  findAllByPages(strapi, uid, {
    where: { $or: [{ documentId: { $in: bases } }, { [FIELDS.variantOf]: { documentId: { $in: bases } } }] },
    select: ['id', 'documentId', 'locale', 'publishedAt', FIELDS.stage],
    populate: {
      [FIELDS.variantOf]: { select: ['documentId'] },
      [FIELDS.segments]: { select: ['slug'] },
      [FIELDS.tags]: { select: ['slug'] },
    },
  }) as Promise<Row[]>;

/**
 * Every row of the families of `seeds` (each base with its variants, every locale and version),
 * and of the families those rows belong to: a variant moved to another base takes it along.
 */
export const readFamilies = async (strapi: Core.Strapi, uid: string, seeds: Iterable<string>) => {
  const bases = new Set(seeds);
  if (!bases.size) return { bases, rows: [] };
  for (;;) {
    const rows = await familyRows(strapi, uid, [...bases]);
    const more = rows.map(baseOfRow).filter((base) => !bases.has(base));
    if (!more.length) return { bases, rows };
    for (const base of more) bases.add(base);
  }
};

/** A table as a look found it: a row added or changed since has a larger id or a later update. */
export interface Mark {
  count: number;
  id: number;
  /** The last update in ms (null: an empty table). */
  at: number | null;
}

export const sameMark = (a: Mark, b: Mark) => a.count === b.count && a.id === b.id && a.at === b.at;

const inMs = (value: unknown): number | null => {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value.getTime();
  const number = Number(value);
  return Number.isFinite(number) ? number : Date.parse(String(value));
};

/** Row count, last id and last update: one statement, on the raw connection. */
export const markOf = async (strapi: Core.Strapi, uid: string): Promise<Mark> => {
  const meta = strapi.db.metadata.get(uid);
  const updatedAt = (meta.attributes.updatedAt as { columnName?: string } | undefined)?.columnName ?? 'updated_at';
  const [row] = await strapi.db.connection(meta.tableName).count({ n: '*' }).max({ id: 'id', at: updatedAt });
  // PostgreSQL and MySQL drivers answer a Date, whose string drops the milliseconds: kept in ms.
  return { count: Number(row.n), id: Number(row.id ?? 0), at: inMs(row.at) };
};

/**
 * The rows added or changed since `mark`, at most `limit` + 1 of them (more: the caller reads the
 * whole table instead). The update is compared from the same millisecond on, so that a write
 * within the millisecond of the mark is not missed.
 */
export const changedSince = (strapi: Core.Strapi, uid: string, mark: Mark, limit: number): Promise<Row[]> =>
  strapi.db.query(uid as UID.Schema).findMany({
    where: mark.at === null ? { id: { $gt: mark.id } } : { $or: [{ id: { $gt: mark.id } }, { updatedAt: { $gte: new Date(mark.at) } }] },
    select: ['id', 'documentId'],
    populate: { [FIELDS.variantOf]: { select: ['documentId'] } },
    limit: limit + 1,
  }) as Promise<Row[]>;

/** Segment and tag slugs by id: a renamed or deleted one changes what entries carry. */
export type Labels = Record<'segments' | 'tags', Map<number, string>>;

export const readLabels = async (strapi: Core.Strapi): Promise<Labels> => {
  const slugs = async (uid: string) =>
    new Map<number, string>(
      (await strapi.db.query(uid as UID.Schema).findMany({ select: ['id', 'slug'] })).map((row: { id: number; slug: string }) => [row.id, row.slug])
    );
  return { segments: await slugs(SEGMENT_UID), tags: await slugs(TAG_UID) };
};

/** The slugs of `before` renamed or deleted in `now`. */
export const goneSlugs = (before: Map<number, string>, now: Map<number, string>) =>
  new Set([...before].filter(([id, slug]) => now.get(id) !== slug).map(([, slug]) => slug));
