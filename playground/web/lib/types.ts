/** The playground's content types, as this site reads them (see playground/src/api). */
import type { Entry } from 'strapi-plugin-personalize/client';

type Tagged = Entry & { documentId: string; contentTags?: Array<{ slug: string }> | null };

export type Hero = Tagged & { headline: string; subline?: string; ctaLabel?: string; ctaUrl?: string; placement?: string };
export type Offer = Tagged & {
  title: string;
  slug: string;
  description?: string;
  monthlyPrice?: number;
  ctaLabel?: string;
  ctaUrl?: string;
  product?: string;
};
export type Article = Tagged & { title: string; slug: string; summary?: string; body?: string; readingMinutes?: number };
export type Testimonial = Tagged & { quote: string; author?: string; product?: string };
export type Homepage = Tagged & { title: string; intro?: string };

export const tagsOf = (entry: Tagged): string[] => (entry.contentTags ?? []).map((tag) => tag.slug);
