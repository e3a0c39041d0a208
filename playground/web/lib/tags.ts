/**
 * The cache tags of a read, from its URL, with the contract's own builder (`readTags`): one entry
 * of a type by its base documentId, or a list (and related content) over types. The plugin's
 * webhook events name the same tags, so a publish revalidates exactly the reads it changed.
 */
import { CONTENT_API_PREFIX, readTags } from 'strapi-plugin-personalize/contracts';
import { CONTENT_TYPES } from './site';

export function tagsOfRead(url: string): string[] {
  const { pathname, searchParams } = new URL(url);
  const route = pathname.slice(pathname.indexOf(CONTENT_API_PREFIX) + CONTENT_API_PREFIX.length);
  const [, kind, type, documentId] = route.split('/').map(decodeURIComponent);
  let tags: string[] = [];
  if (kind === 'content' && CONTENT_TYPES[type]) tags = readTags(CONTENT_TYPES[type], documentId ?? null);
  else if (kind === 'related') {
    const types = searchParams.get('types')?.split(',') ?? Object.values(CONTENT_TYPES);
    tags = types.flatMap((uid) => readTags(uid));
  }
  return [...new Set(tags)];
}
