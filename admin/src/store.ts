/**
 * Module-scoped caches read by the Content Manager's edit and list views: loaded once and
 * shared by every panel and cell, outside any page's component tree.
 */
import { getFetchClient } from '@strapi/strapi/admin';
import type { OptedInType, PreviewSiteResponse } from '../../shared/contracts/admin';
import { makeApi } from './api';
import { KeyedCache, useCacheEntry } from './utils/cache';

const moduleApi = () => makeApi(getFetchClient());

/** The opted-in types, read once per admin session (they only change with a restart). */
export const contentTypesCache = new KeyedCache<OptedInType[]>(() => moduleApi().contentTypes(), Number.POSITIVE_INFINITY);

export function useOptedInTypes(): { types?: OptedInType[]; error?: unknown } {
  const entry = useCacheEntry(contentTypesCache, 'all');
  return { types: entry?.value, error: entry?.error };
}

/** The opted-in type of a uid; undefined while loading or when the type is not opted in. */
export function useOptedInType(uid: string | undefined): OptedInType | undefined {
  const { types } = useOptedInTypes();
  return uid === undefined ? undefined : types?.find((type) => type.uid === uid);
}

/** documentId -> its base's documentId (null for a base entry), per content type, for a few seconds. */
export const rolesCache = new KeyedCache<Record<string, string | null>>((uid) => moduleApi().roles(uid), 10_000);

/** Where preview links open (the plugin's config): read once per admin session. */
export const previewSiteCache = new KeyedCache<PreviewSiteResponse['data']>(() => moduleApi().previewSite(), Number.POSITIVE_INFINITY);

/** The site previews open on; undefined while loading, `siteUrl` null when none is configured. */
export function usePreviewSite(): PreviewSiteResponse['data'] | undefined {
  return useCacheEntry(previewSiteCache, 'site')?.value;
}
