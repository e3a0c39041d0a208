/** Shapes of the demo data; kept free of Strapi types so tests can import them cheaply. */

export const STAGES = ['orient', 'inform', 'help', 'reassure', 'reward'] as const;
export type Stage = (typeof STAGES)[number];

/** Field values of one entry, as given to the document service (relations excepted). */
export type Fields = Record<string, unknown>;

export interface DemoVariant {
  /** Segment slugs the variant is aimed at; empty = any segment. */
  segments: string[];
  /** Funnel stage the variant is aimed at; null = any stage. */
  stage: Stage | null;
  tags: string[];
  /** Fields that differ from the base entry (the rest is copied from it). */
  data: Fields;
  /** French fields, over the base's French version (which must exist). */
  fr?: Fields;
  /** Left as a draft, never published: shows that drafts are not served. */
  draft?: true;
}

export interface DemoEntry {
  data: Fields;
  tags: string[];
  /** French version of the entry (localized types only). */
  fr?: Fields;
  variants?: DemoVariant[];
}

export interface DemoType {
  uid: `api::${string}.${string}`;
  /** The field that tells entries apart in tests (slug, headline, quote, question). */
  labelField: string;
  personalized: boolean;
  localized: boolean;
  entries: DemoEntry[];
}

export interface DemoSegment {
  name: string;
  slug: string;
  description: string;
  kind: 'funnel' | 'interest' | 'custom';
  priority: number;
  rules: Record<string, unknown>;
}

export interface DemoTag {
  name: string;
  slug: string;
}
