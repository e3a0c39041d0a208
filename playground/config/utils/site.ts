/**
 * The demo site (playground/web) that preview links open: `npm run playground` passes its URL
 * (SITE_PORT, default 3000), and each opted-in type's path on it.
 */
export const siteUrl = (env: (name: string, fallback: string) => string) =>
  env('PLAYGROUND_SITE_URL', `http://127.0.0.1:${env('SITE_PORT', '3000')}`);

/** Offers and guides have their own page (by the base entry's documentId); the rest is on the home page. */
export const sitePaths = {
  'api::offer.offer': '/offers/{documentId}',
  'api::article.article': '/articles/{documentId}',
  'api::hero-banner.hero-banner': '/',
  'api::homepage.homepage': '/',
  'api::testimonial.testimonial': '/',
};
