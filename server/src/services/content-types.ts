import type { Core, UID } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { FIELDS, isOptedIn } from '../fields';
import { ttlCache } from '../utils/ttl-cache';

const { ValidationError } = errors;

type Schema = {
  uid: string;
  kind: 'collectionType' | 'singleType';
  info: { singularName: string; pluralName: string; displayName: string };
  options?: { draftAndPublish?: boolean };
  pluginOptions?: Record<string, any>;
  attributes: Record<string, { type?: string }>;
};

/** How long a default locale changed on another instance may take to apply here. */
const DEFAULT_LOCALE_TTL_MS = 5_000;

/**
 * Base entries only: variants are reached through their base. A filter on the entry's own column
 * (no join, so a page stops at its 25th row); a row written before the column existed, and not
 * yet backfilled, holds NULL, which `<> true` would drop: NULL reads as a base.
 */
export const BASES_ONLY = Object.freeze({
  $or: [{ [FIELDS.isVariant]: false }, { [FIELDS.isVariant]: { $null: true } }],
});

/**
 * Whether filters already decide about variants: the caller's own `variantOf` (asking about
 * variants on purpose), or the plugin's base-only filter on its way down (the flag is private: no
 * caller of the content API can name it). Such filters are not narrowed again.
 */
const ABOUT_VARIANTS = new RegExp(`"(?:${FIELDS.variantOf}|${FIELDS.isVariant})"`);
export const mentionsVariantOf = (filters: unknown): boolean => ABOUT_VARIANTS.test(JSON.stringify(filters ?? {}));

/** `filters` narrowed to base entries. */
export const basesOnly = (filters: unknown) => (filters ? { $and: [filters, BASES_ONLY] } : BASES_ONLY);

/**
 * Every question about a content type, asked in one place: whether it takes part in
 * personalization, is localized, has draft & publish, which field names an entry, which type a
 * REST path names. Schemas do not change while Strapi runs, so the answers are read once.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  let optedIn: string[] | null = null;
  // `strapi.contentTypes` builds a new object of every type on each read: ask for the one type.
  const schema = (uid: string) => strapi.contentType(uid as UID.ContentType) as unknown as Schema | undefined;
  const defaultLocale = ttlCache<string>(() => strapi.plugin('i18n').service('locales').getDefaultLocale(), DEFAULT_LOCALE_TTL_MS);

  const service = {
    optedInUids(): string[] {
      optedIn ??= Object.values(strapi.contentTypes)
        .filter((ct) => isOptedIn(ct as unknown as Schema))
        .map((ct) => ct.uid);
      return optedIn;
    },

    isOptedIn(uid: string): boolean {
      return service.optedInUids().includes(uid);
    },

    /** The uid when `value` names an opted-in type; a 400 naming `field` otherwise. */
    assertOptedIn(value: unknown, field = 'contentType'): string {
      if (typeof value !== 'string' || !service.isOptedIn(value)) {
        throw new ValidationError(`${field}: expected one of the opted-in content types (${service.optedInUids().join(', ')})`);
      }
      return value;
    },

    schema(uid: string): Schema {
      const found = schema(uid);
      if (!found) throw new Error(`[personalize] no content type ${uid}`);
      return found;
    },

    isLocalized(uid: string): boolean {
      return schema(uid)?.pluginOptions?.i18n?.localized === true;
    },

    hasDraftAndPublish(uid: string): boolean {
      return schema(uid)?.options?.draftAndPublish === true;
    },

    isSingleType(uid: string): boolean {
      return schema(uid)?.kind === 'singleType';
    },

    /** The opted-in type a REST path names: its plural name, or its singular name for a single type. */
    byRouteName(name: string): string | null {
      return (
        service.optedInUids().find((uid) => {
          const { kind, info } = service.schema(uid);
          return (kind === 'singleType' ? info.singularName : info.pluralName) === name;
        }) ?? null
      );
    },

    /** The locale a read of `uid` is in: null for a type that is not localized, else the one asked or the default. */
    async localeOf(uid: string, requested: unknown): Promise<string | null> {
      if (!service.isLocalized(uid)) return null;
      if (requested === undefined || requested === null || requested === '') return defaultLocale.get();
      if (typeof requested !== 'string' || requested.length > 32) throw new ValidationError('locale: expected a locale code');
      return requested;
    },

    /** The Content Manager's main field, else the first string attribute, else the documentId. */
    async mainField(uid: string): Promise<string> {
      const { attributes } = service.schema(uid);
      try {
        const configuration = await strapi.plugin('content-manager').service('content-types').findConfiguration({ uid });
        const field = configuration?.settings?.mainField;
        if (typeof field === 'string' && field !== 'id' && attributes[field]) return field;
      } catch {
        // No Content Manager configuration yet: fall through to the schema.
      }
      const [first] = Object.entries(attributes).find(([, a]) => a.type === 'string') ?? [];
      return first ?? 'documentId';
    },
  };
  return service;
};
