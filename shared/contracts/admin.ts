/**
 * The admin API of the plugin (under /personalize, admin session required): request and response
 * types shared by the server and the admin pages.
 */
import type { AlertKind } from '../../plugin/alerts';
import type { Allocation, ArmAllocation, BanditControls } from '../../plugin/bandit';
import type { PersonalizedDecision } from '../../plugin/cache-key';
import type { ContextInput } from '../../plugin/context';
import type { CoverageReport, WatchList } from '../../plugin/coverage';
import type { SampleRatio, VariantKpi } from '../../plugin/kpi';
import type { SequentialTest } from '../../plugin/sequential';
import type { Stage } from '../../plugin/stages';
import { WEBHOOK_EVENTS, type PreviewAudience, type PreviewGrant } from './content-api';

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
  /** null: a fixed split (the weights above never move). Otherwise a bandit moves them toward the goal. */
  optimize: ExperimentOptimize | null;
  /** Why it ended, once stopped or promoted; null while it runs and before. */
  ended: ExperimentEnd | null;
  /** When it was created: its counts (for the bandit and the sequential test) start that day. */
  createdAt: string;
}
export interface ExperimentsResponse {
  data: ExperimentRecord[];
}

/** What a bandit optimizes, and the editors' controls over it (minimum share, pinned arm, pause). */
export interface ExperimentOptimize extends BanditControls {
  /** Clicks, or conversions of `goal`, per impression. */
  metric: 'clicks' | 'conversions';
  /** The conversion goal with `conversions`; null with `clicks`. */
  goal: string | null;
}

/** The record of why an experiment ended. */
export interface ExperimentEnd {
  action: 'stopped' | 'promoted';
  /** The arm promoted; null when stopped. */
  arm: string | null;
  at: string;
  /** The admin user who ended it. */
  by: string | null;
  /** The editor's words, or what the plugin saw (the winner's probability to be best). */
  reason: string;
  /** Variants of the other arms that the promotion unpublished: publish one again to serve it again. */
  unpublished: string[];
}

/** What made a bandit allocate again. */
export const ALLOCATION_CAUSES = ['schedule', 'request', 'edit', 'pin', 'unpin', 'pause', 'resume'] as const;
export type AllocationCause = (typeof ALLOCATION_CAUSES)[number];

/**
 * One version of a bandit's weights, with why: GET /personalize/experiments/:documentId/allocations
 * (newest first). The weights are shares of the traffic that is not held out.
 */
export interface AllocationVersion extends Pick<Allocation, 'mode' | 'seed' | 'draws'> {
  /** 1, 2, ... per experiment. */
  sequence: number;
  at: string;
  cause: AllocationCause;
  /** The admin user behind a control or a request; null for the schedule. */
  by: string | null;
  /** The arm found best (see BANDIT in plugin/bandit.ts); null until then. */
  winner: string | null;
  arms: ArmAllocation[];
}
export interface AllocationsResponse {
  data: AllocationVersion[];
}

/** POST /personalize/experiments/:documentId/pin */
export interface PinRequest {
  arm: string;
  /** Of the traffic not held out: above 0, up to 1 (the default: all of it). */
  share?: number;
}
/** POST /personalize/experiments/:documentId/stop; promote also takes the arm. */
export interface EndRequest {
  reason?: string;
}
export interface PromoteRequest extends EndRequest {
  arm: string;
}
/** The answer of every control route: the experiment as it is now, and its latest allocation (bandits). */
export interface ControlResponse {
  data: { experiment: ExperimentRecord; allocation: AllocationVersion | null };
}

/** A fixed split's arm against the control by the sequential test, on clicks and on each goal. */
export interface SequentialComparison {
  clicks: SequentialTest | null;
  conversions: Record<string, SequentialTest | null>;
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
  /**
   * Per served entry (the base and each variant), or per arm when an experiment ran. `sequential`:
   * a fixed split's arm against the control, read from the experiment's first day; null otherwise.
   */
  variants: Array<VariantKpi & { label: string; sequential: SequentialComparison | null }>;
  /** Per segment the decision matched ('' = none). */
  segments: Array<VariantKpi & { label: string }>;
  /** Impressions per day, for the chart. */
  daily: Array<{ day: string; impressions: number; clicks: number; conversions: number }>;
  /**
   * The running experiment. `sampleRatio` checks a fixed split (a bandit's weights move: null);
   * `allocations`: a bandit's versions in the range, oldest first (the latest 200 at most).
   */
  experiment: (ExperimentRecord & { sampleRatio: SampleRatio | null; allocations: AllocationVersion[] }) | null;
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

/** What an alert is about: the fields that apply to its kind are set. */
export interface AlertWhere {
  contentType: string | null;
  /** The base entry. */
  documentId: string | null;
  /** The entry served, for a rate drop (the base or a variant); the arm's variant for an unpublished arm. */
  servedDocumentId: string | null;
  experiment: { documentId: string; key: string; name: string } | null;
  arm: string | null;
  segment: string | null;
  locale: string | null;
}

/**
 * An alert: open while its cause holds (one open alert per cause), resolved when it no longer
 * does. GET /personalize/alerts?status=open|resolved|all (newest first).
 */
export interface AlertRecord {
  id: number;
  kind: AlertKind;
  /** The cause, e.g. `rate-drop:api::offer.offer:<served>:clicks`: one open alert each. */
  cause: string;
  /** What happened, in a sentence (the webhook's text too). */
  message: string;
  where: AlertWhere;
  /** Figures behind it (a p-value, rates, a probability), by name. */
  figures: Record<string, number | string>;
  /** Where to look, a path under the admin (e.g. `/plugins/personalize?tab=analytics&...`). */
  link: string;
  openedAt: string;
  /** The last round that saw the cause. */
  lastSeenAt: string;
  resolvedAt: string | null;
}
export interface AlertsResponse {
  data: AlertRecord[];
}
/** POST /personalize/alerts/check: a round now, as the schedule runs it. */
export interface AlertCheckResponse {
  data: { opened: number; resolved: number; open: number };
}

/** The webhook event (Settings > Webhooks) sent once when an alert opens: `{ event, createdAt, alert, url }`. */
export const ALERT_WEBHOOK_EVENT = 'personalize.alert.opened';

/** Every webhook event of the plugin, as the Settings tab lists them. */
export const PLUGIN_WEBHOOK_EVENTS: readonly string[] = [...Object.values(WEBHOOK_EVENTS), ALERT_WEBHOOK_EVENT];

/**
 * POST /personalize/preview/token: a preview link. Needs *Read coverage, preview and watch-list*,
 * or the Content Manager's read permission on the type.
 */
export interface PreviewTokenRequest {
  contentType: string;
  /** An entry of the type, base or variant: its base's page opens, and only its drafts show. Without it: the whole type. */
  documentId?: string | null;
  /** Serve that very entry (the variant, or the base) whatever the audience: reason PREVIEW. Needs documentId. */
  forceEntry?: boolean;
  /** The visitor to show the site to; default: a first visit (`{}`). */
  audience?: PreviewAudience;
  /** Show drafts of the entry (or type); default false. */
  drafts?: boolean;
  locale?: string | null;
}
export interface PreviewTokenResponse {
  data: {
    token: string;
    grant: PreviewGrant;
    /** The entry's path on the site (`config.preview.paths`), `/` without one. */
    path: string;
    /** `<siteUrl>/api/preview?token=...&path=...`; null when no site is configured. */
    url: string | null;
  };
}

/** GET /personalize/preview/site: where previews open, from the plugin's config. */
export interface PreviewSiteResponse {
  data: { siteUrl: string | null; paths: Record<string, string> };
}

/** One of Strapi's webhooks (Settings > Webhooks), with the plugin's events it receives. */
export interface WebhookSubscription {
  id: string;
  name: string;
  url: string;
  isEnabled: boolean;
  /** The plugin's events only; Strapi's own are kept as they are. */
  events: string[];
}
/** GET /personalize/webhooks (*Read settings*) */
export interface WebhooksResponse {
  data: { events: string[]; webhooks: WebhookSubscription[] };
}
/** PUT /personalize/webhooks/:id (*Update settings*): the plugin's events this webhook receives. */
export interface UpdateWebhookRequest {
  events: string[];
}
export interface UpdateWebhookResponse {
  data: WebhookSubscription;
}
