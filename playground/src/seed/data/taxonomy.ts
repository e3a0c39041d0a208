import type { DemoSegment, DemoTag } from './types';

/** Created by the plugin's own bootstrap; the seed only looks them up. */
export const FUNNEL_SEGMENT_SLUGS = ['anonymous', 'suspect', 'prospect', 'customer'] as const;

/**
 * Editors' estimates of each segment's share of visitors (%), until impressions are measured:
 * the coverage page ranks its gaps by them.
 */
export const DEMO_REACH: Record<string, number> = {
  anonymous: 55,
  suspect: 20,
  prospect: 12,
  customer: 13,
  'car-insurance': 18,
  'home-insurance': 14,
  'health-insurance': 9,
  'travel-insurance': 6,
  'young-drivers': 4,
};

/**
 * An interest in a product: content tagged with its topic (`car`, which articles, offers and
 * heroes carry) or an app's action named after it (`track('simulation', { tags: ['car-insurance'] })`).
 */
const interest = (product: string, label: string, priority: number): DemoSegment => ({
  name: `Interested in ${label}`,
  slug: `${product}-insurance`,
  description: `Visitors who read ${label} content (tag ${product}) or ran a ${label} simulation.`,
  kind: 'interest',
  priority,
  rules: { interests: { $in: [product, `${product}-insurance`] } },
});

export const INTEREST_SEGMENTS: DemoSegment[] = [
  interest('car', 'car insurance', 15),
  interest('home', 'home insurance', 10),
  interest('health', 'health insurance', 8),
  interest('travel', 'travel insurance', 5),
];

export const CUSTOM_SEGMENTS: DemoSegment[] = [
  {
    name: 'Young drivers',
    slug: 'young-drivers',
    description: 'Drivers under 26 who own a vehicle: first policy, higher premiums, more doubts.',
    kind: 'custom',
    priority: 20,
    rules: {
      traits: {
        age: { $lt: 26 },
        vehicleOwner: { $eq: true },
      },
    },
  },
];

/** Segments the seed creates (the funnel ones come from the plugin). */
export const DEMO_SEGMENTS: DemoSegment[] = [...INTEREST_SEGMENTS, ...CUSTOM_SEGMENTS];

const tag = (slug: string, name: string): DemoTag => ({ slug, name });

export const DEMO_TAGS: DemoTag[] = [
  tag('car', 'Car'),
  tag('home', 'Home'),
  tag('health', 'Health'),
  tag('travel', 'Travel'),
  tag('claims', 'Claims'),
  tag('savings', 'Savings'),
  tag('family', 'Family'),
  tag('young-drivers', 'Young drivers'),
  tag('ecology', 'Ecology'),
  tag('pricing', 'Pricing'),
  tag('support', 'Support'),
  tag('loyalty', 'Loyalty'),
];
