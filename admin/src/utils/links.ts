import type { OptedInType } from '../../../shared/contracts/admin';

/**
 * The Content Manager's edit view of an entry, in its locale when the type is localized.
 * Single types have one edit view, which cannot open a variant: null.
 */
export function editViewPath(
  type: Pick<OptedInType, 'uid' | 'kind' | 'localized'> | undefined,
  uid: string,
  documentId: string,
  locale?: string | null
): string | null {
  if (type !== undefined && type.kind === 'singleType') return null;
  const path = `/content-manager/collection-types/${uid}/${documentId}`;
  const localized = type === undefined || type.localized;
  return localized && locale ? `${path}?plugins[i18n][locale]=${encodeURIComponent(locale)}` : path;
}

/** A documentId shortened for a badge or a tooltip. */
export const shortId = (documentId: string) => (documentId.length > 8 ? `${documentId.slice(0, 8)}…` : documentId);

/** A query string of the defined values. */
export function query(params: Record<string, string | null | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== undefined && value !== null) search.set(key, value);
  return search.toString();
}
