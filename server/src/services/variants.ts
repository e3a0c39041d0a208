import type { Core, UID } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { FIELDS } from '../fields';
import { getService } from '../utils/get-service';

const { ValidationError } = errors;

type Locale = string | undefined;

/** What a write does to `variantOf`: leaves it alone, clears it, or points it at a base. */
type BaseChange = { touched: false } | { touched: true; documentId: string | null; id?: number };

/**
 * Reads the many shapes Strapi accepts for a to-one relation (a documentId, an id, `{ documentId }`,
 * `{ connect }`, `{ set }`, `{ disconnect }`, the admin's `{ connect: [{ id, documentId }] }`).
 */
export const readBaseChange = (value: unknown): BaseChange => {
  if (value === undefined) return { touched: false };
  if (value === null || value === '') return { touched: true, documentId: null };
  if (typeof value === 'string') return { touched: true, documentId: value };
  if (typeof value === 'number') return { touched: true, documentId: null, id: value };
  if (Array.isArray(value)) return value.length ? readBaseChange(value[value.length - 1]) : { touched: true, documentId: null };
  if (typeof value === 'object') {
    const v = value as Record<string, any>;
    if (Array.isArray(v.set)) return readBaseChange(v.set);
    if (Array.isArray(v.connect) && v.connect.length) return readBaseChange(v.connect);
    if (Array.isArray(v.disconnect) && v.disconnect.length) return { touched: true, documentId: null };
    if (typeof v.documentId === 'string') return { touched: true, documentId: v.documentId };
    if (typeof v.id === 'number') return { touched: true, documentId: null, id: v.id };
    if (v.connect || v.disconnect) return { touched: false };
  }
  throw new ValidationError(`${FIELDS.variantOf}: expected the documentId of the base entry`);
};

/**
 * Keeps variants coherent: one level deep, same type and locale as their base, published only
 * after their base, never orphaned on the published side.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const query = (uid: string) => strapi.db.query(uid as UID.Schema);
  const contentTypes = () => getService(strapi, 'content-types');
  const hasDraftAndPublish = (uid: string) => contentTypes().hasDraftAndPublish(uid);

  /** The locale a write is in; `*` (every locale) reads as the default. */
  const resolveLocale = async (uid: string, locale: unknown): Promise<Locale> =>
    (await contentTypes().localeOf(uid, locale === '*' ? undefined : locale)) ?? undefined;

  const versionWhere = (uid: string, documentId: string, locale: Locale, published: boolean) => ({
    documentId,
    ...(locale ? { locale } : {}),
    ...(hasDraftAndPublish(uid) ? { publishedAt: published ? { $notNull: true } : null } : {}),
  });

  const findDraft = (uid: string, documentId: string, locale: Locale) =>
    query(uid).findOne({
      where: versionWhere(uid, documentId, locale, false),
      populate: { [FIELDS.variantOf]: { select: ['documentId'] } },
    });

  /** Distinct variant documents of a base (a variant has a draft and a published row). */
  const countVariants = async (uid: string, baseDocumentId: string, locale: Locale) => {
    const rows = await query(uid).findMany({
      where: { [FIELDS.variantOf]: { documentId: baseDocumentId }, ...(locale ? { locale } : {}) },
      select: ['documentId'],
    });
    return new Set(rows.map((row: { documentId: string }) => row.documentId)).size;
  };

  const isPublished = async (uid: string, documentId: string, locale: Locale) =>
    !hasDraftAndPublish(uid) || (await query(uid).count({ where: versionWhere(uid, documentId, locale, true) })) > 0;

  return {
    /** On create and update: the base named in `variantOf` must be a valid base for this entry. */
    async checkBaseChange(uid: string, params: Record<string, any>) {
      const change = readBaseChange(params.data?.[FIELDS.variantOf]);
      const locale = await resolveLocale(uid, params.locale);
      const documentId: string | undefined = params.documentId;
      let baseDocumentId: string | null = null;

      if (change.touched) {
        baseDocumentId = change.documentId;
        if (change.id !== undefined) {
          const row = await query(uid).findOne({ where: { id: change.id }, select: ['documentId'] });
          if (!row) throw new ValidationError(`${FIELDS.variantOf}: no entry with id ${change.id}`);
          baseDocumentId = row.documentId;
        }
      } else if (documentId) {
        baseDocumentId = (await findDraft(uid, documentId, locale))?.[FIELDS.variantOf]?.documentId ?? null;
      }
      if (baseDocumentId === null) return { baseDocumentId, locale };

      if (change.touched) {
        if (baseDocumentId === documentId) {
          throw new ValidationError(`${FIELDS.variantOf}: an entry cannot be a variant of itself`);
        }
        const base = await findDraft(uid, baseDocumentId, locale);
        if (!base) {
          throw new ValidationError(
            `${FIELDS.variantOf}: no ${uid} entry ${baseDocumentId}${locale ? ` in locale "${locale}"` : ''}; a variant belongs to the same type and locale as its base`
          );
        }
        const grandBase = base[FIELDS.variantOf]?.documentId;
        if (grandBase) {
          throw new ValidationError(
            `${FIELDS.variantOf}: ${baseDocumentId} is itself a variant of ${grandBase}; variants cannot have variants, point to ${grandBase} instead`
          );
        }
        if (documentId && (await countVariants(uid, documentId, locale)) > 0) {
          throw new ValidationError(
            `${FIELDS.variantOf}: this entry is the base of other variants, so it cannot become a variant itself`
          );
        }
      }
      return { baseDocumentId, locale };
    },

    /** A variant goes live only once its base is live, so that it never looks like a base entry. */
    async checkCanPublish(uid: string, baseDocumentId: string | null, locale: Locale) {
      if (baseDocumentId && !(await isPublished(uid, baseDocumentId, locale))) {
        throw new ValidationError(
          `${FIELDS.variantOf}: publish the base entry ${baseDocumentId}${locale ? ` (${locale})` : ''} before its variants`
        );
      }
    },

    async baseOfDraft(uid: string, documentId: string, locale: unknown) {
      const resolved = await resolveLocale(uid, locale);
      const draft = await findDraft(uid, documentId, resolved);
      return { baseDocumentId: (draft?.[FIELDS.variantOf]?.documentId as string | undefined) ?? null, locale: resolved };
    },

    /** Deleting a base would orphan its variants: the editor deletes or detaches them first. */
    async checkCanDelete(uid: string, documentId: string, locale: unknown) {
      const resolved = locale === '*' ? undefined : await resolveLocale(uid, locale);
      const count = await countVariants(uid, documentId, resolved);
      if (count > 0) {
        throw new ValidationError(
          `This entry is the base of ${count} variant(s)${resolved ? ` in locale "${resolved}"` : ''}: delete them or clear their "${FIELDS.variantOf}" first`
        );
      }
    },

    /** Published variants of a base, by documentId, to unpublish along with it. */
    async publishedVariants(uid: string, baseDocumentId: string, locale: unknown) {
      const resolved = locale === '*' ? undefined : await resolveLocale(uid, locale);
      const rows = await query(uid).findMany({
        where: {
          [FIELDS.variantOf]: { documentId: baseDocumentId },
          ...(resolved ? { locale: resolved } : {}),
          publishedAt: { $notNull: true },
        },
        select: ['documentId', 'locale'],
      });
      return rows as Array<{ documentId: string; locale?: string }>;
    },

    hasDraftAndPublish,
  };
};
