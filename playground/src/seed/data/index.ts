/**
 * The playground's demo content, and facts derived from it (counts, coverage, tag usage), so
 * that integration tests assert on these constants rather than on hard-coded numbers.
 */
import { ARTICLES } from './articles';
import { FAQS } from './faqs';
import { HERO_BANNERS } from './hero-banners';
import { HOMEPAGE } from './homepage';
import { OFFERS, TRAVEL_OFFER, TRAVEL_PRICE_CTA } from './offers';
import { DEMO_TAGS } from './taxonomy';
import { TESTIMONIALS } from './testimonials';
import type { DemoEntry, DemoType, DemoVariant, Fields, Stage } from './types';

export * from './types';
export * from './taxonomy';
export { ARTICLES, FAQS, HERO_BANNERS, HOMEPAGE, OFFERS, TESTIMONIALS, TRAVEL_OFFER, TRAVEL_PRICE_CTA };

/** Seeded in this order; bases before their variants, English before French. */
export const DEMO_TYPES: DemoType[] = [HOMEPAGE, HERO_BANNERS, OFFERS, ARTICLES, TESTIMONIALS, FAQS];
export const PERSONALIZED_UIDS = DEMO_TYPES.filter((t) => t.personalized).map((t) => t.uid);
export const NOT_PERSONALIZED_UIDS = DEMO_TYPES.filter((t) => !t.personalized).map((t) => t.uid);

export const FRENCH_LOCALE = { code: 'fr', name: 'French (fr)' };

/** Cells of the segment x stage matrix that the demo leaves empty on purpose. */
export const DEMO_EMPTY_CELLS: Array<{ segment: string; stage: Stage }> = [
  { segment: 'customer', stage: 'help' },
  { segment: 'suspect', stage: 'reassure' },
];

/** Tells variants of one base apart in slugs: `<segments or any-segment>-<stage or any-stage>`. */
export const variantSuffix = (v: DemoVariant): string =>
  `${v.segments.length ? v.segments.join('-') : 'any-segment'}-${v.stage ?? 'any-stage'}`;

/** The base entry's own fields in a locale ('en' is the default locale). */
export const entryFields = (entry: DemoEntry, locale: 'en' | 'fr' = 'en'): Fields =>
  locale === 'fr' ? { ...entry.data, ...entry.fr } : entry.data;

/**
 * A variant's fields: the base's fields in that locale, overridden by the variant's own. A slug
 * (when the type has one) is derived from the base's, so that it stays unique.
 */
export const variantFields = (
  type: DemoType,
  entry: DemoEntry,
  variant: DemoVariant,
  locale: 'en' | 'fr' = 'en'
): Fields => {
  const own = locale === 'fr' ? variant.fr : variant.data;
  const fields: Fields = { ...entryFields(entry, locale), ...own };
  if (type.labelField === 'slug') {
    fields.slug = `${entryFields(entry, locale).slug}-${variantSuffix(variant)}`;
  }
  return fields;
};

export interface DemoVariantRow {
  uid: DemoType['uid'];
  /** Value of the type's labelField on the base entry and on the variant (English). */
  baseLabel: string;
  label: string;
  segments: string[];
  stage: Stage | null;
  tags: string[];
  published: boolean;
  locales: string[];
}

/** One row per variant: the segment x stage matrix as seeded. */
export const DEMO_VARIANTS: DemoVariantRow[] = DEMO_TYPES.flatMap((type) =>
  type.entries.flatMap((entry) =>
    (entry.variants ?? []).map((variant) => ({
      uid: type.uid,
      baseLabel: String(entry.data[type.labelField]),
      label: String(variantFields(type, entry, variant)[type.labelField]),
      segments: variant.segments,
      stage: variant.stage,
      tags: variant.tags,
      published: !variant.draft,
      locales: variant.fr ? ['en', 'fr'] : ['en'],
    }))
  )
);

export interface DemoTypeCounts {
  /** Base entries (documents), all published, in the default locale. */
  entries: number;
  variants: number;
  publishedVariants: number;
  draftVariants: number;
  /** Documents (bases, variants) that also have a French version. */
  frenchEntries: number;
  frenchVariants: number;
}

export const DEMO_COUNTS: Record<string, DemoTypeCounts> = Object.fromEntries(
  DEMO_TYPES.map((type) => {
    const variants = type.entries.flatMap((e) => e.variants ?? []);
    const drafts = variants.filter((v) => v.draft).length;
    const counts: DemoTypeCounts = {
      entries: type.entries.length,
      variants: variants.length,
      publishedVariants: variants.length - drafts,
      draftVariants: drafts,
      frenchEntries: type.entries.filter((e) => e.fr).length,
      frenchVariants: variants.filter((v) => v.fr).length,
    };
    return [type.uid, counts];
  })
);

/** How many demo documents (bases and variants, drafts included) carry each tag. */
export const TAG_USAGE: Record<string, number> = DEMO_TYPES.flatMap((type) =>
  type.entries.flatMap((e) => [e.tags, ...(e.variants ?? []).map((v) => v.tags)])
).reduce<Record<string, number>>((usage, tags) => {
  for (const tag of tags) usage[tag] = (usage[tag] ?? 0) + 1;
  return usage;
}, Object.fromEntries(DEMO_TAGS.map((tag) => [tag.slug, 0])));
