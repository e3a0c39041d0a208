import type { Core } from '@strapi/strapi';
import { FIELDS } from './fields';

/** Rows per statement: a range of ids, whatever the database caps the parameters of one statement at. */
const PAGE = 20_000;

interface JoinTable {
  name: string;
  joinColumn: { name: string };
  inverseJoinColumn: { name: string };
}

/** One row as the content index reads it, in the shape Strapi's query engine answers. */
export interface IndexRow {
  id: number;
  documentId: string;
  locale: string | null;
  publishedAt: unknown;
  [FIELDS.stage]: string | null;
  [FIELDS.variantOf]: { documentId: string } | null;
  [FIELDS.segments]: Array<{ slug: string }>;
  [FIELDS.tags]: Array<{ slug: string }>;
}

/**
 * Every row of an opted-in type with its targeting, for the content index's full reads. Strapi's
 * query engine populates three relations per page and hydrates every row: at a million
 * documents, most of a minute. This reads the same tables straight with knex, through Strapi's
 * own metadata (table, column and link-table names): the type's rows and each link table by
 * ranges of ids, the segments' and tags' slugs once.
 */
export async function readIndexRows(strapi: Core.Strapi, uid: string): Promise<IndexRow[]> {
  const knex = strapi.db.connection;
  const meta = strapi.db.metadata.get(uid as any);
  const attributes = meta.attributes as Record<string, any>;
  const column = (attribute: string) => attributes[attribute]?.columnName as string | undefined;
  const link = (attribute: string): JoinTable => {
    const joinTable = attributes[attribute]?.joinTable;
    if (!joinTable) throw new Error(`${uid}.${attribute}: no link table`);
    return joinTable;
  };
  /** Target id -> `{ slug }`, one object per target shared by every row that links to it (millions of links). */
  const slugs = async (attribute: string) => {
    const target = strapi.db.metadata.get(attributes[attribute].target);
    const rows = await knex(target.tableName).select({ id: 'id', slug: (target.attributes as any).slug.columnName });
    return new Map<number, { slug: string }>(rows.map((r: { id: number; slug: string }) => [r.id, { slug: r.slug }]));
  };
  const [segmentSlugs, tagSlugs] = [await slugs(FIELDS.segments), await slugs(FIELDS.tags)];
  const [locale, publishedAt, stage] = [column('locale'), column('publishedAt'), column(FIELDS.stage)];

  const rows: IndexRow[] = [];
  const byId = new Map<number, IndexRow>();
  /** Adds each link of the page's rows [from, to] to `add` (unordered: segments and tags are sets to the index). */
  const eachLink = async (table: JoinTable, from: number, to: number, add: (row: IndexRow, target: number) => void) => {
    const owner = table.joinColumn.name;
    const links = await knex(table.name).select({ owner, target: table.inverseJoinColumn.name }).whereBetween(owner, [from, to]);
    for (const { owner: id, target } of links) {
      const row = byId.get(id);
      if (row) add(row, target);
    }
  };
  const variantLinks: Array<[IndexRow, number]> = [];

  for (let after = 0; ; ) {
    const page = await knex(meta.tableName)
      .select({
        id: 'id',
        documentId: column('documentId')!,
        ...(locale ? { locale } : {}),
        ...(publishedAt ? { publishedAt } : {}),
        ...(stage ? { stage } : {}),
      })
      .where('id', '>', after)
      .orderBy('id')
      .limit(PAGE);
    if (!page.length) break;
    for (const r of page) {
      const row: IndexRow = {
        id: r.id,
        documentId: r.documentId,
        locale: r.locale ?? null,
        publishedAt: r.publishedAt ?? null,
        [FIELDS.stage]: r.stage ?? null,
        [FIELDS.variantOf]: null,
        [FIELDS.segments]: [],
        [FIELDS.tags]: [],
      };
      rows.push(row);
      byId.set(row.id, row);
    }
    const [from, to] = [page[0].id, page[page.length - 1].id];
    await eachLink(link(FIELDS.variantOf), from, to, (row, target) => variantLinks.push([row, target]));
    await eachLink(link(FIELDS.segments), from, to, (row, target) => {
      const segment = segmentSlugs.get(target);
      if (segment !== undefined) row[FIELDS.segments].push(segment);
    });
    await eachLink(link(FIELDS.tags), from, to, (row, target) => {
      const tag = tagSlugs.get(target);
      if (tag !== undefined) row[FIELDS.tags].push(tag);
    });
    if (page.length < PAGE) break;
    after = to;
  }
  // A variant links to a row of its base in the same table: known once every row is read. The
  // base's `{ documentId }` is shared by its variants too.
  const baseRefs = new Map<number, { documentId: string }>();
  for (const [row, target] of variantLinks) {
    let ref = baseRefs.get(target);
    if (!ref) {
      const base = byId.get(target);
      if (!base) continue;
      baseRefs.set(target, (ref = { documentId: base.documentId }));
    }
    row[FIELDS.variantOf] = ref;
  }
  return rows;
}
