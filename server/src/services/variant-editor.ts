import type { Core, UID } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { isStage, STAGES, type Stage } from '../../../plugin/stages';
import type { VariantSummary, VariantsResponse } from '../../../shared/contracts/admin';
import { FIELDS, SEGMENT_UID } from '../fields';
import { findAllByPages } from '../pages';
import { getService } from '../utils/get-service';

const { ValidationError, NotFoundError } = errors;
type Row = { id: number; documentId: string; locale?: string | null; publishedAt?: unknown; updatedAt?: unknown; [key: string]: any };
const MAX_SEGMENTS = 50;

const slugsOf = (rows: Array<{ slug: string }> | undefined) => (rows ?? []).map((r) => r.slug);
const time = (value: unknown) => (value ? new Date(value as string).getTime() : 0);

/**
 * What the edit view's side panel needs: an entry's variants or its base, and a new variant made
 * from a copy of its base. Every write goes through the document service, so the plugin's
 * integrity rules apply as they do for any other caller.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const contentTypes = () => getService(strapi, 'content-types');
  const query = (uid: string) => strapi.db.query(uid as UID.Schema);

  const versionsOf = async (uid: string, where: Record<string, unknown>, title: string) =>
    (await query(uid).findMany({
      where,
      select: ['id', 'documentId', 'locale', 'publishedAt', 'updatedAt', FIELDS.stage, ...(title === 'documentId' ? [] : [title])],
      populate: {
        [FIELDS.variantOf]: { select: ['documentId'] },
        [FIELDS.segments]: { select: ['slug'] },
        [FIELDS.tags]: { select: ['slug'] },
      },
    })) as Row[];

  /** One summary per document: the draft's targeting, and whether a published version exists. */
  const summarize = (rows: Row[], title: string): VariantSummary[] => {
    const byDocument = new Map<string, Row[]>();
    for (const row of rows) byDocument.set(row.documentId, [...(byDocument.get(row.documentId) ?? []), row]);
    return [...byDocument.values()].map((versions) => {
      const draft = versions.find((v) => v.publishedAt == null);
      const live = versions.find((v) => v.publishedAt != null);
      const shown = draft ?? live!;
      const status = !live ? 'draft' : draft && time(draft.updatedAt) > time(live.updatedAt) ? 'modified' : 'published';
      return {
        documentId: shown.documentId,
        title: String(shown[title] ?? shown.documentId),
        segments: slugsOf(shown[FIELDS.segments]),
        stage: (shown[FIELDS.stage] as Stage | null) ?? null,
        locale: shown.locale ?? null,
        status,
      };
    });
  };

  return {
    async describe(contentType: unknown, documentId: unknown, localeInput: unknown): Promise<VariantsResponse['data']> {
      const uid = contentTypes().assertOptedIn(contentType);
      if (typeof documentId !== 'string' || !documentId || documentId.length > 64) {
        throw new ValidationError('documentId: expected the documentId of an entry');
      }
      const locale = await contentTypes().localeOf(uid, localeInput);
      const title = await contentTypes().mainField(uid);
      const inLocale = locale ? { locale } : {};
      const own = await versionsOf(uid, { documentId, ...inLocale }, title);
      if (!own.length) throw new NotFoundError(`documentId: no ${uid} entry ${documentId}${locale ? ` in locale "${locale}"` : ''}`);
      const shown = own.find((row) => row.publishedAt == null) ?? own[0];
      const targeting = {
        segments: slugsOf(shown[FIELDS.segments]),
        stage: (shown[FIELDS.stage] as Stage | null) ?? null,
        tags: slugsOf(shown[FIELDS.tags]),
      };
      const { pausedEntries } = await getService(strapi, 'settings').get();
      const baseDocumentId = shown[FIELDS.variantOf]?.documentId as string | undefined;
      if (baseDocumentId) {
        const [base] = summarize(await versionsOf(uid, { documentId: baseDocumentId, ...inLocale }, title), title);
        return {
          role: 'variant',
          base: { documentId: baseDocumentId, title: base?.title ?? baseDocumentId },
          targeting,
          variants: [],
          paused: pausedEntries.includes(baseDocumentId),
        };
      }
      const variants = await versionsOf(uid, { [FIELDS.variantOf]: { documentId }, ...inLocale }, title);
      return { role: 'base', base: null, targeting, variants: summarize(variants, title), paused: pausedEntries.includes(documentId) };
    },

    /** A draft copy of the base (its fields, relations and tags), targeted; the editor finishes it. */
    async create(input: unknown) {
      const body = (typeof input === 'object' && input !== null ? input : {}) as Record<string, unknown>;
      const uid = contentTypes().assertOptedIn(body.contentType);
      const { baseDocumentId, segments, stage } = body;
      if (typeof baseDocumentId !== 'string' || !baseDocumentId || baseDocumentId.length > 64) {
        throw new ValidationError('baseDocumentId: expected the documentId of the base entry');
      }
      if (!Array.isArray(segments) || segments.length > MAX_SEGMENTS || !segments.every((s) => typeof s === 'string')) {
        throw new ValidationError(`segments: expected a list of at most ${MAX_SEGMENTS} segment slugs`);
      }
      if (stage !== null && stage !== undefined && !isStage(stage)) {
        throw new ValidationError(`stage: expected one of ${STAGES.join(', ')}, or null for any stage`);
      }
      const slugs = [...new Set(segments as string[])];
      const known = slugs.length
        ? await query(SEGMENT_UID).findMany({ where: { slug: { $in: slugs } }, select: ['documentId', 'slug'] })
        : [];
      const unknown = slugs.filter((slug) => !known.some((k: { slug: string }) => k.slug === slug));
      if (unknown.length) throw new ValidationError(`segments: no segment "${unknown[0]}"`);

      const locale = await contentTypes().localeOf(uid, body.locale);
      const data = {
        [FIELDS.variantOf]: baseDocumentId,
        [FIELDS.segments]: known.map((k: { documentId: string }) => k.documentId),
        [FIELDS.stage]: stage ?? null,
      };
      // The same checks as any write: the base exists in this locale and is not a variant itself.
      await getService(strapi, 'variants').checkBaseChange(uid, { data, ...(locale ? { locale } : {}) });
      const documents = strapi.documents(uid as UID.ContentType) as any;
      const cloned = await documents.clone({ documentId: baseDocumentId, ...(locale ? { locale } : {}), data });
      if (!cloned?.documentId) throw new NotFoundError(`baseDocumentId: no ${uid} entry ${baseDocumentId} to copy`);
      await getService(strapi, 'content-index').refresh(uid, cloned.documentId);
      await getService(strapi, 'coherence').changed({ kind: 'entry', uid, documentId: cloned.documentId });
      return { documentId: cloned.documentId as string, locale };
    },

    /** documentId → its base's documentId (null for a base entry), for the list view's column. */
    async roles(contentType: unknown): Promise<Record<string, string | null>> {
      const uid = contentTypes().assertOptedIn(contentType);
      const rows = await findAllByPages(strapi, uid, {
        select: ['id', 'documentId'],
        populate: { [FIELDS.variantOf]: { select: ['documentId'] } },
      });
      const roles: Record<string, string | null> = {};
      for (const row of rows) roles[row.documentId] = row[FIELDS.variantOf]?.documentId ?? roles[row.documentId] ?? null;
      return roles;
    },
  };
};
