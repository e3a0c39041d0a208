/**
 * Whether the visitor consented, as the proxy saw the request: the kit's own rule (the profile
 * cookie exists only with consent). The proxy hands every render a profile cookie, consented or
 * not (this page's signals), so the render reads this header instead.
 */
export const CONSENT_HEADER = 'x-personalize-consent';
