import type { Core, UID } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import type { EntryTargeting, TargetingExport, TargetingImportResult } from '../../../shared/contracts/targeting';
import { isStage } from '../../../plugin/stages';
import { FIELDS, SEGMENT_UID, TAG_UID } from '../fields';
import { findAllByPages } from '../pages';
import { getService } from '../utils/get-service';

const { ValidationError } = errors;
const SEGMENT_FIELDS = ['name', 'slug', 'description', 'kind', 'priority', 'rules'] as const;

type Row = Record<string, any>;

/**
 * Export and import of all targeting. Works on database rows, draft and published apart, so that
 * a restore puts back exactly what each version had without publishing anything.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const query = (uid: string) => strapi.db.query(uid as UID.Schema);
  const optedIn = (): string[] => getService(strapi, 'content-types').optedInUids();
  const slugs = (rows: Row[] | undefined) => (rows ?? []).map((row) => row.slug as string);

  const exportEntries = async (uid: string): Promise<EntryTargeting[]> => {
    const rows: Row[] = await findAllByPages(strapi, uid, {
      select: ['id', 'documentId', 'locale', 'publishedAt', FIELDS.stage],
      populate: {
        [FIELDS.variantOf]: { select: ['documentId'] },
        [FIELDS.segments]: { select: ['slug'] },
        [FIELDS.tags]: { select: ['slug'] },
      },
    });
    return rows
      .map((row) => ({
        contentType: uid,
        documentId: row.documentId,
        locale: row.locale ?? null,
        published: row.publishedAt != null,
        variantOf: row[FIELDS.variantOf]?.documentId ?? null,
        segments: slugs(row[FIELDS.segments]),
        stage: row[FIELDS.stage] ?? null,
        tags: slugs(row[FIELDS.tags]),
      }))
      .filter((e) => e.variantOf || e.stage || e.segments.length || e.tags.length);
  };

  const upsertBySlug = async (uid: string, items: Row[], fields: readonly string[], count: { created: number; updated: number }) => {
    const ids = new Map<string, number>();
    for (const item of items) {
      const data = Object.fromEntries(fields.filter((f) => f in item).map((f) => [f, item[f]]));
      const existing = await strapi.documents(uid as UID.ContentType).findFirst({ filters: { slug: item.slug } });
      const saved = existing
        ? await strapi.documents(uid as UID.ContentType).update({ documentId: existing.documentId, data } as any)
        : await strapi.documents(uid as UID.ContentType).create({ data } as any);
      count[existing ? 'updated' : 'created'] += 1;
      ids.set(item.slug, saved!.id as number);
    }
    const all: Row[] = await query(uid).findMany({ select: ['id', 'slug'] });
    for (const row of all) if (!ids.has(row.slug)) ids.set(row.slug, row.id);
    return ids;
  };

  const assertShape = (body: any): TargetingExport => {
    if (typeof body !== 'object' || body === null) throw new ValidationError('body: expected a targeting export');
    if (body.version !== 1) throw new ValidationError('version: expected 1');
    for (const key of ['segments', 'tags', 'entries'] as const) {
      if (!Array.isArray(body[key])) throw new ValidationError(`${key}: expected a list`);
    }
    body.segments.forEach((s: any, i: number) => {
      if (typeof s?.slug !== 'string' || typeof s?.name !== 'string') throw new ValidationError(`segments[${i}]: needs a name and a slug`);
    });
    body.tags.forEach((t: any, i: number) => {
      if (typeof t?.slug !== 'string' || typeof t?.name !== 'string') throw new ValidationError(`tags[${i}]: needs a name and a slug`);
    });
    return body;
  };

  return {
    async export(): Promise<TargetingExport> {
      const segments: Row[] = await query(SEGMENT_UID).findMany({ select: [...SEGMENT_FIELDS], orderBy: [{ id: 'asc' }] });
      const tags: Row[] = await query(TAG_UID).findMany({ select: ['name', 'slug'], orderBy: [{ id: 'asc' }] });
      const entries = (await Promise.all(optedIn().map(exportEntries))).flat();
      return { version: 1, exportedAt: new Date().toISOString(), segments: segments as any, tags: tags as any, entries };
    },

    async import(body: unknown): Promise<TargetingImportResult> {
      const input = assertShape(body);
      input.segments.forEach((s, i) => {
        try {
          getService(strapi, 'segment').assertValidRules(s);
        } catch (error: any) {
          throw new ValidationError(`segments[${i}].${error.message}`);
        }
      });
      const result: TargetingImportResult = {
        segments: { created: 0, updated: 0 },
        tags: { created: 0, updated: 0 },
        entries: { updated: 0, skipped: [] },
      };
      const segmentIds = await upsertBySlug(SEGMENT_UID, input.segments, SEGMENT_FIELDS, result.segments);
      const tagIds = await upsertBySlug(TAG_UID, input.tags, ['name', 'slug'], result.tags);
      const types = new Set(optedIn());

      for (const [index, entry] of input.entries.entries()) {
        const skip = (reason: string) => result.entries.skipped.push({ index, reason });
        if (!types.has(entry?.contentType)) { skip(`contentType: ${entry?.contentType} does not opt in`); continue; }
        if (entry.stage !== null && !isStage(entry.stage)) { skip(`stage: unknown stage ${entry.stage}`); continue; }
        const where = (documentId: string) => ({
          documentId,
          ...(entry.locale ? { locale: entry.locale } : {}),
          publishedAt: entry.published ? { $notNull: true } : null,
        });
        const row = await query(entry.contentType).findOne({ where: where(entry.documentId), select: ['id'] });
        if (!row) { skip(`documentId: no ${entry.published ? 'published' : 'draft'} version of ${entry.documentId}`); continue; }
        const base = entry.variantOf ? await query(entry.contentType).findOne({ where: where(entry.variantOf), select: ['id'] }) : null;
        if (entry.variantOf && !base) { skip(`variantOf: base ${entry.variantOf} not found`); continue; }
        await query(entry.contentType).update({
          where: { id: row.id },
          data: {
            [FIELDS.variantOf]: base?.id ?? null,
            // Below the document service: the flag that lists filter on goes with the link.
            [FIELDS.isVariant]: base !== null,
            [FIELDS.segments]: entry.segments.map((slug) => segmentIds.get(slug)).filter(Boolean),
            [FIELDS.stage]: entry.stage,
            [FIELDS.tags]: entry.tags.map((slug) => tagIds.get(slug)).filter(Boolean),
          },
        });
        result.entries.updated += 1;
      }
      // The rows were written below the document service: re-read them.
      await getService(strapi, 'content-index').build();
      await getService(strapi, 'coherence').changed({ kind: 'index' });
      return result;
    },
  };
};
