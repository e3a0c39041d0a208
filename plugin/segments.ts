export const SEGMENT_KINDS = ['funnel', 'interest', 'custom'] as const;
export type SegmentKind = (typeof SEGMENT_KINDS)[number];

export interface SegmentDefinition {
  name: string;
  slug: string;
  kind: SegmentKind;
  priority: number;
  description: string;
  rules: Record<string, unknown> | null;
}

/**
 * The four funnel audiences, seeded once at first boot; editors own them afterwards.
 * Their rules read three conventional traits a front-end can send:
 * `visits` (number of visits so far), `identified` (the visitor is a known contact),
 * `customer` (the visitor has bought). Priority breaks ties: the deeper in the funnel, the higher.
 */
export const FUNNEL_SEGMENTS: readonly SegmentDefinition[] = [
  {
    name: 'Anonymous',
    slug: 'anonymous',
    kind: 'funnel',
    priority: 10,
    description: 'First visit, not identified: we know nothing yet.',
    rules: {
      traits: { identified: { $ne: true }, customer: { $ne: true } },
      $or: [{ traits: { visits: { $null: true } } }, { traits: { visits: { $lte: 1 } } }],
    },
  },
  {
    name: 'Suspect',
    slug: 'suspect',
    kind: 'funnel',
    priority: 20,
    description: 'Came back at least once but has not identified: shows interest.',
    rules: { traits: { identified: { $ne: true }, customer: { $ne: true }, visits: { $gte: 2 } } },
  },
  {
    name: 'Prospect',
    slug: 'prospect',
    kind: 'funnel',
    priority: 30,
    description: 'Identified (signed up, asked for a quote) but not a customer yet.',
    rules: { traits: { identified: { $eq: true }, customer: { $ne: true } } },
  },
  {
    name: 'Customer',
    slug: 'customer',
    kind: 'funnel',
    priority: 40,
    description: 'Has bought: reward and keep.',
    rules: { traits: { customer: { $eq: true } } },
  },
];

