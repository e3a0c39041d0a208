import type { Core } from '@strapi/strapi';
import { entryFields, variantFields } from './data';
import type { DemoEntry, DemoType, DemoVariant, Fields } from './data';
import { documentsOf } from './documents';
import { idsOf, type SlugMap } from './taxonomy';

export interface Taxonomy {
  segments: SlugMap;
  tags: SlugMap;
}

/** documentId by label (the type's labelField, English), bases and variants alike. */
export type SeededIds = Record<string, string>;

const status = (draft?: boolean) => (draft ? {} : { status: 'published' as const });

/**
 * Creates the entries of one demo type. Order matters, because the plugin checks that a variant
 * has a published base in the same locale: base (en), base (fr), then each variant (en, fr).
 */
export async function seedType(strapi: Core.Strapi, type: DemoType, taxonomy: Taxonomy): Promise<SeededIds> {
  const documents = documentsOf(strapi, type.uid);
  const ids: SeededIds = {};
  const tagged = (fields: Fields, tags: string[]): Fields =>
    type.personalized ? { ...fields, contentTags: idsOf(taxonomy.tags, tags, 'tag') } : fields;

  for (const entry of type.entries) {
    const base = await documents.create({ data: tagged(entryFields(entry), entry.tags), ...status() });
    ids[String(entry.data[type.labelField])] = base.documentId;
    if (entry.fr) {
      await documents.update({
        documentId: base.documentId,
        locale: 'fr',
        data: tagged(entryFields(entry, 'fr'), entry.tags),
        ...status(),
      });
    }
    for (const variant of entry.variants ?? []) {
      const label = String(variantFields(type, entry, variant)[type.labelField]);
      ids[label] = await seedVariant(strapi, type, entry, variant, base.documentId, taxonomy);
    }
  }
  return ids;
}

async function seedVariant(
  strapi: Core.Strapi,
  type: DemoType,
  entry: DemoEntry,
  variant: DemoVariant,
  baseDocumentId: string,
  taxonomy: Taxonomy
): Promise<string> {
  const documents = documentsOf(strapi, type.uid);
  // Relations are given by documentId; in French they link to the base's French version.
  const targeting: Fields = {
    variantOf: baseDocumentId,
    targetSegments: idsOf(taxonomy.segments, variant.segments, 'segment'),
    targetStage: variant.stage,
    contentTags: idsOf(taxonomy.tags, variant.tags, 'tag'),
  };
  const created = await documents.create({
    data: { ...variantFields(type, entry, variant), ...targeting },
    ...status(variant.draft),
  });
  if (variant.fr) {
    await documents.update({
      documentId: created.documentId,
      locale: 'fr',
      data: { ...variantFields(type, entry, variant, 'fr'), ...targeting },
      ...status(variant.draft),
    });
  }
  return created.documentId;
}
