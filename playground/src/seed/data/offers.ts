import type { DemoType, DemoVariant } from './types';

/**
 * The travel offer's call to action with its price in it: the demo experiment's `price` arm
 * against the base's (seed/events.ts). Targeted as well, for when the experiment is over.
 */
export const TRAVEL_PRICE_CTA: DemoVariant = {
  segments: ['travel-insurance'],
  stage: 'orient',
  tags: ['travel', 'pricing'],
  data: { ctaLabel: 'See my price in one minute' },
};

export const OFFERS: DemoType = {
  uid: 'api::offer.offer',
  labelField: 'slug',
  personalized: true,
  localized: false,
  entries: [
    {
      data: {
        title: 'Car insurance, third party plus',
        slug: 'car-third-party-plus',
        description: 'Third-party liability, theft, fire and windscreen, with 24/7 assistance.',
        monthlyPrice: 19.9,
        ctaLabel: 'Get my car quote',
        ctaUrl: '/car/quote',
        product: 'car',
      },
      tags: ['car', 'pricing'],
      variants: [
        {
          segments: ['car-insurance'],
          stage: 'inform',
          tags: ['car'],
          data: {
            title: 'Comprehensive car cover, breakdown from mile zero',
            description: 'Own damage included, a courtesy car for 7 days, breakdown help at your door.',
            monthlyPrice: 34.5,
          },
        },
        {
          segments: ['young-drivers'],
          stage: 'help',
          tags: ['young-drivers', 'car', 'savings'],
          data: {
            title: 'Young driver pack',
            description: 'A lower excess, a free driving course and a premium that drops each claim-free year.',
            monthlyPrice: 42,
            ctaLabel: 'See the young driver pack',
          },
        },
        {
          segments: ['customer'],
          stage: 'reward',
          tags: ['loyalty', 'car'],
          data: {
            title: 'Your loyalty price on car insurance',
            description: 'As a customer, you get 15% off a car policy, for as long as you stay.',
            monthlyPrice: 16.9,
            ctaLabel: 'Add a car policy',
            ctaUrl: '/account/add/car',
          },
        },
      ],
    },
    {
      data: {
        title: 'Home insurance essentials',
        slug: 'home-essentials',
        description: 'Fire, water damage, theft and liability for tenants and owners.',
        monthlyPrice: 12.5,
        ctaLabel: 'Get my home quote',
        ctaUrl: '/home/quote',
        product: 'home',
      },
      tags: ['home'],
      variants: [
        {
          segments: ['home-insurance'],
          stage: 'reassure',
          tags: ['home', 'support'],
          data: {
            title: 'Home insurance with a 48-hour emergency repair promise',
            description: 'A plumber or a locksmith at your door within 48 hours, or we refund a month.',
          },
        },
      ],
    },
    {
      data: {
        title: 'Health plan plus',
        slug: 'health-plan-plus',
        description: 'Hospital, dentist and glasses covered, with direct billing at 9,000 partners.',
        monthlyPrice: 39,
        ctaLabel: 'Build my health plan',
        ctaUrl: '/health/quote',
        product: 'health',
      },
      tags: ['health', 'family'],
      variants: [
        {
          // Never published: a visitor must not get it, whatever their segments.
          segments: ['health-insurance'],
          stage: 'orient',
          tags: ['health'],
          draft: true,
          data: {
            title: 'Which health plan for you? (draft)',
            description: 'Work in progress: a guided choice between our three health plans.',
          },
        },
      ],
    },
    {
      data: {
        title: 'Annual travel cover',
        slug: 'annual-travel-cover',
        description: 'Medical costs abroad, cancellation and lost luggage, for every trip of the year.',
        monthlyPrice: 7.9,
        ctaLabel: 'Cover my trips',
        ctaUrl: '/travel/quote',
        product: 'travel',
      },
      tags: ['travel'],
      variants: [
        {
          segments: ['travel-insurance'],
          stage: 'inform',
          tags: ['travel'],
          data: {
            title: 'Annual travel cover: what is included',
            description: 'Up to 1 million in medical costs, repatriation, and 5,000 for a cancelled trip.',
          },
        },
        TRAVEL_PRICE_CTA,
      ],
    },
  ],
};

/** The offer the demo experiment runs on: the cheapest, first on the home page and among the offers. */
export const TRAVEL_OFFER = OFFERS.entries.find((entry) => entry.variants?.includes(TRAVEL_PRICE_CTA))!;
