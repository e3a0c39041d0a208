/**
 * Names the proxy shares with the renders. The proxy hands every render a profile cookie,
 * consented or not (this page's signals), so whether the visitor consented is its own header,
 * read from the request as it came (the kit's rule: the profile cookie exists only with consent).
 */
export const CONSENT_HEADER = 'x-personalize-consent';
/** The page's path and query, for the preview bar's way back. */
export const PATH_HEADER = 'x-personalize-path';
/** Holds a preview link's token in the editor's browser (see lib/preview.ts). */
export const PREVIEW_COOKIE = 'pz_preview';
