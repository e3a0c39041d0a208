import type { DemoType } from './types';

export const HERO_BANNERS: DemoType = {
  uid: 'api::hero-banner.hero-banner',
  labelField: 'headline',
  personalized: true,
  localized: false,
  entries: [
    {
      data: {
        headline: 'Insurance that keeps up with your life',
        subline: 'Car, home, health and travel cover, managed from one account.',
        ctaLabel: 'Get a quote',
        ctaUrl: '/quote',
        placement: 'home',
      },
      tags: ['home', 'car'],
      variants: [
        {
          segments: ['anonymous'],
          stage: 'orient',
          tags: ['pricing'],
          data: {
            headline: 'New here? Find the right cover in two minutes',
            subline: 'Answer four questions and we show you the policies that fit.',
            ctaLabel: 'Start the guide',
            ctaUrl: '/guide',
          },
        },
        {
          // The site's journey: two car articles read make car insurance an interest.
          segments: ['car-insurance'],
          stage: 'orient',
          tags: ['car'],
          data: {
            headline: 'Car insurance, explained before you choose',
            subline: 'Third party, theft, comprehensive: what each level pays for, in plain words.',
            ctaLabel: 'Compare car covers',
            ctaUrl: '/offers',
          },
        },
        {
          // ...then comparing offers (stage inform) brings the quote forward.
          segments: ['car-insurance'],
          stage: 'inform',
          tags: ['car', 'pricing'],
          data: {
            headline: 'Your car quote in two minutes, from 19.90 a month',
            subline: 'Comprehensive cover with a courtesy car, priced for how you drive.',
            ctaLabel: 'Quote my car',
            ctaUrl: '/quote',
          },
        },
        {
          segments: ['suspect'],
          stage: 'inform',
          tags: ['car', 'home'],
          data: {
            headline: 'Car, home, health, travel: what each policy covers',
            subline: 'Plain-language summaries, no small print.',
            ctaLabel: 'See the covers',
            ctaUrl: '/covers',
          },
        },
        {
          segments: ['prospect'],
          stage: 'reassure',
          tags: ['support'],
          data: {
            headline: 'Rated 4.7/5 by 12,000 customers',
            subline: 'Claims settled in 8 days on average, and a real person on the phone.',
            ctaLabel: 'Read their reviews',
            ctaUrl: '/reviews',
          },
        },
        {
          segments: ['customer'],
          stage: 'reward',
          tags: ['loyalty', 'savings'],
          data: {
            headline: 'Thank you: two months free on your next policy',
            subline: 'Add a second policy before the end of the month and we pay the first two.',
            ctaLabel: 'Claim my offer',
            ctaUrl: '/account/offers',
          },
        },
      ],
    },
    {
      data: {
        headline: 'Car insurance that drives fair',
        subline: 'Pay for the cover you need, from third party to comprehensive.',
        ctaLabel: 'Quote my car',
        ctaUrl: '/car/quote',
        placement: 'car',
      },
      tags: ['car', 'pricing'],
      variants: [
        {
          segments: ['young-drivers'],
          stage: 'orient',
          tags: ['young-drivers', 'car'],
          data: {
            headline: 'Your first car deserves a first-class policy',
            subline: 'Cover designed for new drivers, with a lower excess.',
          },
        },
        {
          segments: ['car-insurance'],
          stage: null,
          tags: ['car', 'pricing'],
          data: {
            headline: 'Still comparing? Your car quote is saved',
            subline: 'Pick up where you left off: your price is held for 30 days.',
            ctaLabel: 'Resume my quote',
          },
        },
      ],
    },
    {
      data: {
        headline: 'Your home, covered from roof to cellar',
        subline: 'Tenants and owners, with or without valuables.',
        ctaLabel: 'Quote my home',
        ctaUrl: '/home/quote',
        placement: 'home-insurance',
      },
      tags: ['home'],
      variants: [
        {
          segments: ['prospect'],
          stage: 'inform',
          tags: ['home', 'claims'],
          data: {
            headline: 'Water damage, theft, fire: what we pay for',
            subline: 'Every guarantee explained with a real claim.',
            ctaLabel: 'See the guarantees',
            ctaUrl: '/home/guarantees',
          },
        },
      ],
    },
    {
      data: {
        headline: 'Health cover that fits your family',
        subline: 'Glasses, dentist, hospital: choose your level for each.',
        ctaLabel: 'Build my plan',
        ctaUrl: '/health/quote',
        placement: 'health',
      },
      tags: ['health', 'family'],
      variants: [
        {
          // Aimed at a stage only: any visitor looking for help gets it.
          segments: [],
          stage: 'help',
          tags: ['health', 'pricing'],
          data: {
            headline: 'Not sure which plan? Compare them in one table',
            subline: 'Three levels side by side, with what you get back on common care.',
            ctaLabel: 'Compare the plans',
            ctaUrl: '/health/compare',
          },
        },
      ],
    },
  ],
};
