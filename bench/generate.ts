/**
 * Bulk data at scale, written with knex in one transaction (the document service would take
 * ages for 60,000 documents): tables, columns and link tables come from Strapi's own metadata.
 * Each document has a draft row and a published row, each linked to rows of its own version.
 */
import { FIELDS, SEGMENT_UID, TAG_UID } from '../server/src/fields';
import { OFFER } from './app';
import { documentIdFor, generatedSegments, random, shuffle, tagsFor, targetingFor, TOPIC_COUNT, topicSlug, zipf } from './data';

export interface Generated {
  bases: string[];
  /** base documentId -> its variants' targeting, as the engine reads it */
  variants: Map<string, Array<{ documentId: string; segments: string[]; stage: string | null; title: string }>>;
  counts: Record<string, number>;
  seconds: number;
}

const BATCH_ROWS = 500;
const FLUSH_BASES = 10_000;

export async function generate(strapi: any, { bases = 10_000, variantsPerBase = 5, seed = 42 } = {}): Promise<Generated> {
  const started = process.hrtime.bigint();
  const rnd = random(seed);
  const knex = strapi.db.connection;
  const meta = (uid: string) => strapi.db.metadata.get(uid);
  const column = (uid: string, attribute: string) => meta(uid).attributes[attribute].columnName as string;
  /** { attribute: value } to { column: value } */
  const columns = (uid: string, values: Record<string, unknown>) =>
    Object.fromEntries(Object.entries(values).map(([attribute, value]) => [column(uid, attribute), value]));
  // A Date, which every driver binds to a datetime column (SQLite's as milliseconds).
  const now = new Date();
  const counts: Record<string, number> = {};

  const insert = async (trx: any, table: string, rows: Record<string, unknown>[]) => {
    for (let i = 0; i < rows.length; i += BATCH_ROWS) await trx(table).insert(rows.slice(i, i + BATCH_ROWS));
    counts[table] = (counts[table] ?? 0) + rows.length;
  };
  const nextId = async (trx: any, uid: string) => ((await trx(meta(uid).tableName).max({ max: 'id' }))[0].max ?? 0) + 1;
  /** The columns every row of a type has; non draft & publish types store publishedAt = creation. */
  const common = (uid: string, documentId: string, publishedAt: Date | null) => ({
    [column(uid, 'documentId')]: documentId,
    [column(uid, 'createdAt')]: now,
    [column(uid, 'updatedAt')]: now,
    [column(uid, 'publishedAt')]: publishedAt,
    [column(uid, 'locale')]: null,
  });

  const variants: Generated['variants'] = new Map();
  const baseIds: string[] = [];
  await knex.transaction(async (trx: any) => {
    // 41 segments and 988 tags on top of the playground's 9 and 12.
    const segments = generatedSegments().map((segment) => ({
      ...common(SEGMENT_UID, documentIdFor(rnd), now),
      ...columns(SEGMENT_UID, { ...segment, rules: JSON.stringify(segment.rules) }),
    }));
    await insert(trx, meta(SEGMENT_UID).tableName, segments);
    const tags = Array.from({ length: TOPIC_COUNT }, (_, i) => ({
      ...common(TAG_UID, documentIdFor(rnd), now),
      ...columns(TAG_UID, { name: `Topic ${i}`, slug: topicSlug(i) }),
    }));
    await insert(trx, meta(TAG_UID).tableName, tags);

    const idsBySlug = async (uid: string) =>
      new Map<string, number>((await trx(meta(uid).tableName).select('id', 'slug').orderBy('id')).map((r: any) => [r.slug, r.id]));
    const segmentIds = await idsBySlug(SEGMENT_UID);
    const tagIds = await idsBySlug(TAG_UID);
    const segmentSlugs = [...segmentIds.keys()];
    // Popularity by rank: the playground's tags and the topics, shuffled once.
    const tagSlugs = shuffle(rnd, [...tagIds.keys()]);
    const drawTag = zipf(tagSlugs.length, rnd);

    const offers = meta(OFFER);
    const link = (attribute: string) => offers.attributes[attribute].joinTable;
    const [variantOf, targetSegments, contentTags] = [FIELDS.variantOf, FIELDS.segments, FIELDS.tags].map(link);
    const rows: Record<string, unknown>[] = [];
    const links = new Map<any, Record<string, unknown>[]>([[variantOf, []], [targetSegments, []], [contentTags, []]]);
    const addLinks = (table: any, id: number, targets: number[]) =>
      targets.forEach((target, i) =>
        links.get(table)!.push({
          [table.joinColumn.name]: id,
          [table.inverseJoinColumn.name]: target,
          ...(table.orderColumnName ? { [table.orderColumnName]: i + 1 } : {}),
        })
      );
    let id = await nextId(trx, OFFER);
    /** One document: a draft row then a published row, each with its own links; returns their ids. */
    const addDocument = (fields: Record<string, unknown>, targets: { base?: number[]; segments: string[]; tags: string[] }) => {
      const documentId = documentIdFor(rnd);
      const ids = [id++, id++];
      ids.forEach((rowId, version) => {
        rows.push({ id: rowId, ...common(OFFER, documentId, version ? now : null), ...fields });
        if (targets.base) addLinks(variantOf, rowId, [targets.base[version]]);
        addLinks(targetSegments, rowId, targets.segments.map((s) => segmentIds.get(s)!));
        addLinks(contentTags, rowId, targets.tags.map((t) => tagIds.get(t)!));
      });
      return { documentId, ids };
    };

    /** Writes the rows so far: at a million documents, holding them all would take gigabytes. */
    const flush = async () => {
      await insert(trx, offers.tableName, rows.splice(0));
      for (const [table, tableRows] of links) await insert(trx, table.name, tableRows.splice(0));
    };

    const products = ['car', 'home', 'health', 'travel'];
    for (let b = 0; b < bases; b++) {
      const product = products[b % products.length];
      const offer = (title: string, stage: string | null, isVariant: boolean) =>
        columns(OFFER, {
          title,
          slug: `bench-${product}-${b}-${id}`,
          description: `Cover for your ${product}, with assistance, a clear excess and no surprise at renewal.`,
          monthlyPrice: Math.round(500 + rnd() * 6000) / 100,
          ctaLabel: 'Get a quote',
          ctaUrl: `/${product}/quote`,
          product,
          [FIELDS.stage]: stage,
          [FIELDS.isVariant]: isVariant,
        });
      const base = addDocument(offer(`Bench ${product} offer ${b}`, null, false), { segments: [], tags: tagsFor(rnd, drawTag, tagSlugs) });
      baseIds.push(base.documentId);
      const family: Array<{ documentId: string; segments: string[]; stage: string | null; title: string }> = [];
      for (let v = 0; v < variantsPerBase; v++) {
        const { segments, stage } = targetingFor(rnd, segmentSlugs);
        const title = `Bench ${product} offer ${b}, variant ${v}`;
        const tags = tagsFor(rnd, drawTag, tagSlugs);
        const variant = addDocument(offer(title, stage, true), { base: base.ids, segments, tags });
        family.push({ documentId: variant.documentId, segments, stage, title });
      }
      variants.set(base.documentId, family);
      if ((b + 1) % FLUSH_BASES === 0 || b === bases - 1) await flush();
    }
    // PostgreSQL does not move a sequence past ids given explicitly: Strapi's next insert would collide.
    if (strapi.db.dialect.client === 'postgres') {
      await trx.raw(`SELECT setval(pg_get_serial_sequence(?, 'id'), (SELECT max(id) FROM ??))`, [offers.tableName, offers.tableName]);
    }
  });

  return { bases: baseIds, variants, counts, seconds: Number(process.hrtime.bigint() - started) / 1e9 };
}
