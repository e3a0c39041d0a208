import type { Core } from '@strapi/strapi';
import { DEMO_SEGMENTS, DEMO_TAGS, FUNNEL_SEGMENT_SLUGS } from './data';
import { DEMO_REACH } from './data/taxonomy';
import { documentsOf } from './documents';

export const SEGMENT_UID = 'plugin::personalize.segment';
export const TAG_UID = 'plugin::personalize.tag';

/** documentId by slug, for the segments and tags that entries point at. */
export type SlugMap = Map<string, string>;

async function findOrCreate(
  strapi: Core.Strapi,
  uid: string,
  data: { slug: string } & Record<string, unknown>
): Promise<string> {
  const documents = documentsOf(strapi, uid);
  const existing = await documents.findFirst({ filters: { slug: data.slug } });
  return (existing ?? (await documents.create({ data }))).documentId;
}

/** Looks up the plugin's funnel segments and creates the demo segments that are missing. */
export async function ensureSegments(strapi: Core.Strapi): Promise<SlugMap> {
  const segments: SlugMap = new Map();
  for (const slug of FUNNEL_SEGMENT_SLUGS) {
    const found = await documentsOf(strapi, SEGMENT_UID).findFirst({ filters: { slug } });
    if (!found) {
      throw new Error(
        `Funnel segment "${slug}" not found: the personalize plugin's bootstrap should create it.`
      );
    }
    // The demo's estimate; on a real site the editors set it.
    await documentsOf(strapi, SEGMENT_UID).update({ documentId: found.documentId, data: { estimatedReach: DEMO_REACH[slug] } });
    segments.set(slug, found.documentId);
  }
  for (const segment of DEMO_SEGMENTS) {
    segments.set(segment.slug, await findOrCreate(strapi, SEGMENT_UID, { ...segment, estimatedReach: DEMO_REACH[segment.slug] }));
  }
  return segments;
}

export async function ensureTags(strapi: Core.Strapi): Promise<SlugMap> {
  const tags: SlugMap = new Map();
  for (const tag of DEMO_TAGS) {
    tags.set(tag.slug, await findOrCreate(strapi, TAG_UID, { ...tag }));
  }
  return tags;
}

/** documentIds for slugs, failing loudly on a typo in the demo data. */
export const idsOf = (map: SlugMap, slugs: string[], what: string): string[] =>
  slugs.map((slug) => {
    const id = map.get(slug);
    if (!id) throw new Error(`Unknown ${what} "${slug}" in the demo data`);
    return id;
  });
