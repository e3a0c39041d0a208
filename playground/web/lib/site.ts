/**
 * What the site tells the kit, shared by the proxy, the server components and the browser: the
 * same profile settings everywhere, or they would compute different interests and stages.
 */
import type { PersonalizeOptions, ProfileOptions } from 'strapi-plugin-personalize/client';

/**
 * Interests on this site: a card glimpsed in a list says nothing (`view` 0), opening an article
 * counts 3 for each of its tags (the page reports a `read`), a click 1, a quote 5; a topic with 5
 * or more is an interest. So two car articles make a visitor "interested in car insurance", one
 * does not.
 */
export const PROFILE: ProfileOptions = {
  interests: { weights: { view: 0, click: 1 }, threshold: 5 },
};

/** The uid of each type the site reads, by its REST name: what its reads are tagged with. */
export const CONTENT_TYPES: Record<string, string> = {
  'hero-banners': 'api::hero-banner.hero-banner',
  offers: 'api::offer.offer',
  articles: 'api::article.article',
  testimonials: 'api::testimonial.testimonial',
  homepage: 'api::homepage.homepage',
};

/** Strapi, as this server reaches it (the browser gets the same URL from the layout, at run time). */
export const strapiUrl = () => (process.env.STRAPI_URL ?? 'http://127.0.0.1:1337').replace(/\/+$/, '');

export const kitOptions = (url: string): PersonalizeOptions => ({ url, profile: PROFILE });

export const PRODUCTS = ['car', 'home', 'health', 'travel'] as const;
export type Product = (typeof PRODUCTS)[number];
export const PRODUCT_LABEL: Record<Product, string> = { car: 'Car', home: 'Home', health: 'Health', travel: 'Travel' };

/** A path on this site to go to after a preview link: only a local one (never another site). */
export const sitePath = (path: string | null): string => (path && /^\/(?![/\\])/.test(path) ? path : '/');

/** The shared secret of the webhook that revalidates the site (see app/api/revalidate). */
export const webhookSecret = () => process.env.PERSONALIZE_WEBHOOK_SECRET ?? null;