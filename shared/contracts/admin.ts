/**
 * The admin API of the plugin (under /personalize, admin session required): request and response
 * types shared by the server and the admin pages.
 */
import type { PersonalizedDecision } from '../../plugin/cache-key';
import type { ContextInput } from '../../plugin/context';
import type { CoverageReport, WatchList } from '../../plugin/coverage';
import type { SampleRatio, VariantKpi } from '../../plugin/kpi';
import type { Stage } from '../../plugin/stages';

export type { CoverageReport, WatchList };

/** The plugin's admin RBAC actions (Settings > Roles > Plugins > Personalize). */
export const PERMISSIONS = {
  /** The Personalization page: coverage, gaps, preview, watch-list. */
  readCoverage: 'plugin::personalize.coverage.read',
  /** Create, edit and delete segments and their rules. */
  manageSegments: 'plugin::personalize.segments.manage',
  /** Read the switches and the journey-step mapping. */
  readSettings: 'plugin::personalize.settings.read',
  /** Flip the switches, change the mapping, import targeting. */
  updateSettings: 'plugin::personalize.settings.update',
  /** KPIs per entry, variant and segment. */
  readAnalytics: 'plugin::personalize.analytics.read',
  /** Start, change and stop experiments. */
  manageExperiments: 'plugin::personalize.experiments.manage',
} as const;

/** An opted-in content type, as the admin pages list them. */
export interface OptedInType {
  uid: string;
  displayName: string;
  kind: 'collectionType' | 'singleType';
  /** The attribute that names an entry in lists (the Content Manager's main field). */
  mainField: string;
  localized: boolean;
  draftAndPublish: boolean;
}

/** GET /personalize/content-types */
export interface ContentTypesResponse {
  data: OptedInType[];
}

/** A base entry that lacks a variant in one cell. GET /personalize/coverage/gaps?contentType&segment&stage&locale */
export interface GapEntry {
  documentId: string;
  title: string;
  /** Whether a draft variant for that cell exists, waiting to be published. */
  hasDraft: boolean;
}
export interface GapEntriesResponse {
  data: GapEntry[];
}

/** GET /personalize/coverage?contentType&locale; `?format=csv` answers text/csv. */
export interface CoverageResponse {
  data: CoverageReport;
}

/** GET /personalize/watch-list */
export interface WatchListResponse {
  data: WatchList;
}

/** POST /personalize/preview */
export interface PreviewRequest {
  contentType: string;
  /** The visitor context, exactly as the content API takes it. */
  context: ContextInput;
  locale?: string;
  /** `draft` previews unpublished variants and targeting; default `published`. */
  status?: 'draft' | 'published';
}
export interface PreviewRow {
  documentId: string;
  title: string;
  /** The title of the served entry (the variant's when a variant wins). */
  servedTitle: string;
  decision: PersonalizedDecision;
}
export interface PreviewResponse {
  data: {
    visitorSegments: string[];
    stage: Stage | null;
    ignored: string[];
    rows: PreviewRow[];
  };
}

/** One variant of a base entry, as the edit-view panel lists it. */
export interface VariantSummary {
  documentId: string;
  title: string;
  segments: string[];
  stage: Stage | null;
  locale: string | null;
  /** `published` when a published version exists; `modified` when the draft differs from it. */
  status: 'draft' | 'published' | 'modified';
}

/** GET /personalize/variants?contentType&documentId&locale */
export interface VariantsResponse {
  data: {
    /** What the entry is: a base (with its variants) or a variant (with its base). */
    role: 'base' | 'variant';
    base: { documentId: string; title: string } | null;
    targeting: { segments: string[]; stage: Stage | null; tags: string[] };
    variants: VariantSummary[];
    /** Whether the entry is paused (serves its base) in the settings. */
    paused: boolean;
  };
}

/** POST /personalize/variants: a draft copy of the base, targeted. */
export interface CreateVariantRequest {
  contentType: string;
  baseDocumentId: string;
  locale?: string;
  segments: string[];
  stage: Stage | null;
}
export interface CreateVariantResponse {
  data: { documentId: string; locale: string | null };
}

/** A segment as the admin edits it (rules included: the admin API is not the content API). */
export interface SegmentInput {
  name: string;
  slug?: string;
  description?: string | null;
  kind: 'funnel' | 'interest' | 'custom';
  priority: number;
  /** Editors' estimate of the share of visitors in the segment (0-100), until measured. */
  estimatedReach?: number | null;
  rules: unknown;
}
export interface SegmentRecord extends SegmentInput {
  documentId: string;
  slug: string;
  /** How many variants target it, all opted-in types. */
  variantCount: number;
}
/** GET /personalize/segments, POST /personalize/segments, PUT|DELETE /personalize/segments/:documentId */
export interface SegmentsResponse {
  data: SegmentRecord[];
}

/** POST /personalize/segments/test-rule */
export interface TestRuleRequest {
  rules: unknown;
  traits?: Record<string, unknown>;
  interests?: string[];
}
export interface TestRuleResponse {
  data: { valid: boolean; problems: Array<{ path: string; message: string }>; matches: boolean | null };
}

/** An experiment on a base entry. GET|POST /personalize/experiments, PUT|DELETE /personalize/experiments/:documentId */
export interface ExperimentRecord {
  documentId: string;
  name: string;
  /** Hashed with the visitor id and the version: same key, version and id, same arm, everywhere. */
  key: string;
  contentType: string;
  baseDocumentId: string;
  /** null: every locale of the entry. */
  locale: string | null;
  /** Bump it to re-randomize assignments. */
  version: number;
  /** documentId null is the base entry. */
  arms: Array<{ name: string; documentId: string | null; weight: number }>;
  /** Share of visitors (0 to 0.5) who always get the base. */
  holdout: number;
  active: boolean;
}
export interface ExperimentsResponse {
  data: ExperimentRecord[];
}

/** GET /personalize/analytics?contentType&documentId&from&to (days, YYYY-MM-DD, UTC) */
export interface EntryAnalytics {
  contentType: string;
  documentId: string;
  title: string;
  from: string;
  to: string;
  goals: string[];
  /** What the rows are compared with: the base entry, or the hold-out when an experiment has one. */
  control: { key: string; label: string } | null;
  /** Per served entry (the base and each variant), or per arm when an experiment ran. */
  variants: Array<VariantKpi & { label: string }>;
  /** Per segment the decision matched ('' = none). */
  segments: Array<VariantKpi & { label: string }>;
  /** Impressions per day, for the chart. */
  daily: Array<{ day: string; impressions: number; clicks: number; conversions: number }>;
  experiment: (ExperimentRecord & { sampleRatio: SampleRatio | null }) | null;
}
export interface EntryAnalyticsResponse {
  data: EntryAnalytics;
}

/** GET /personalize/analytics/overview?from&to */
export interface AnalyticsOverview {
  from: string;
  to: string;
  totals: { impressions: number; clicks: number; conversions: number };
  entries: Array<{
    contentType: string;
    documentId: string;
    title: string;
    impressions: number;
    clicks: number;
    conversions: number;
    /** Share of impressions served a variant (not the base). */
    personalizedShare: number;
  }>;
}
export interface AnalyticsOverviewResponse {
  data: AnalyticsOverview;
}
