/**
 * The content API that front-ends call (under /api/personalize and GraphQL): the one public
 * contract of the plugin, imported by the server, the admin, the front-end kit and the tests.
 *
 * The engine (plugin/) owns every domain type and list; this file re-exports them and adds only
 * what belongs to the API itself: paths, query parameters and answers. It imports nothing from
 * Strapi, so any package (the kit, an app) can import it.
 */
import type { PersonalizedDecision } from '../../plugin/cache-key';
import { CONTEXT_FIELDS, type ContextInput } from '../../plugin/context';
import type { EventBatchInput, EventBatchResult } from '../../plugin/events';
import type { RelatedMatch } from '../../plugin/related';

export { STAGES, JOURNEY_STEPS, DEFAULT_STAGE_FOR_STEP, type Stage, type JourneyStep } from '../../plugin/stages';
export { REASONS, type Reason, type Decision } from '../../plugin/decide';
export type { PersonalizedDecision } from '../../plugin/cache-key';
export { CONTEXT_FIELDS, CONTEXT_LIMITS, type ContextField, type ContextInput } from '../../plugin/context';
export { contextFromQuery, contextToQuery } from '../../plugin/context-query';
export { EVENT_TYPES, EVENT_LIMITS, type EventType, type EventInput, type EventBatchInput, type EventBatchResult } from '../../plugin/events';

/** Where the plugin's content API lives, under Strapi's `/api` prefix. */
export const CONTENT_API_PREFIX = '/api/personalize';

/** Published entries unless a caller allowed to read drafts (an API token) asks for `draft`. */
export const PUBLICATION_STATUSES = ['draft', 'published'] as const;
export type PublicationStatus = (typeof PUBLICATION_STATUSES)[number];

/** The query parameters of each REST route, beside the visitor context's own (`CONTEXT_FIELDS`). */
export const REST_PARAMS = {
  context: CONTEXT_FIELDS,
  /** One entry, and a single type. */
  entry: ['locale', 'status', 'populate', 'fields'],
  /** A list: the core list's parameters. */
  list: ['locale', 'status', 'populate', 'fields', 'filters', 'sort', 'pagination'],
  related: ['documentId', 'tags', 'types', 'limit', 'locale', 'status'],
} as const;

/** Caps on a related-content request, so that one caller cannot make it expensive. */
export const RELATED_LIMITS = Object.freeze({ limit: 20, defaultLimit: 5, tags: 50, text: 128, types: 20 });

/** An entry as Strapi's content API returns it: its documentId and the selected fields. */
export type Entry = { documentId: string } & Record<string, unknown>;

/** What a personalized read answers for one base entry: the entry served and why. */
export interface Personalized<E extends Entry = Entry> {
  entry: E;
  decision: PersonalizedDecision;
  /** The entry's content-type uid: what an event about it names. */
  contentType: string;
}

/** The context parameters of a REST query, as `contextToQuery` writes them. */
export type ContextQuery = { [F in keyof ContextInput]?: string | string[] };

/**
 * GET /api/personalize/content/:pluralName/:documentId - one entry of a collection type,
 * personalized. Needs the type's `findOne` permission.
 */
export declare namespace GetPersonalizedEntry {
  export interface Params {
    pluralName: string;
    documentId: string;
  }
  export interface Request {
    query: ContextQuery & { locale?: string; status?: PublicationStatus; populate?: unknown; fields?: unknown };
  }
  export interface Response<E extends Entry = Entry> {
    data: Personalized<E>;
  }
}

/**
 * GET /api/personalize/content/:pluralName - base entries of a collection type, each
 * personalized, with the core list's filters, sort and pagination. Needs the type's `find`.
 */
export declare namespace FindPersonalizedEntries {
  export interface Params {
    pluralName: string;
  }
  export interface Request {
    query: GetPersonalizedEntry.Request['query'] & { filters?: unknown; sort?: unknown; pagination?: unknown };
  }
  export interface Response<E extends Entry = Entry> {
    data: Array<Personalized<E>>;
    meta: { pagination: Record<string, number> };
  }
}

/** GET /api/personalize/content/:singularName - a single type, personalized. Needs its `find`. */
export declare namespace GetPersonalizedSingle {
  export interface Params {
    singularName: string;
  }
  export type Request = GetPersonalizedEntry.Request;
  export type Response<E extends Entry = Entry> = GetPersonalizedEntry.Response<E>;
}

/** One recommendation: a base entry, ranked by shared tags, and what it serves this visitor. */
export interface RelatedItem<E extends Entry = Entry> extends Pick<RelatedMatch, 'score' | 'sharedTags'> {
  /** What is served for the recommended base entry (a variant, or the base). */
  entry: E;
  /** The recommended entry's content-type uid. */
  contentType: string;
  /** The recommended base entry's documentId. */
  documentId: string;
  decision: PersonalizedDecision;
}

/**
 * GET /api/personalize/related - what to show next, across the opted-in types. Needs the
 * route's own permission, then `find` on each type it recommends.
 */
export declare namespace FindRelated {
  export interface Request {
    query: ContextQuery & {
      /** An entry's documentId (a variant stands for its base), or `tags`, or both. */
      documentId?: string;
      /** Comma-separated tag slugs. */
      tags?: string;
      /** Comma-separated content-type uids. */
      types?: string;
      limit?: string;
      locale?: string;
      status?: PublicationStatus;
    };
  }
  export interface Response<E extends Entry = Entry> {
    data: Array<RelatedItem<E>>;
  }
}

/**
 * POST /api/personalize/events - impressions, clicks and conversions, batched. 200 when stored,
 * 202 without consent (nothing stored), 400 when no event is valid.
 */
export declare namespace PostEvents {
  export interface Request {
    body: EventBatchInput;
  }
  export interface Response {
    data: EventBatchResult;
  }
}

/**
 * POST /api/personalize/events/forget - "forget me": deletes the visitor's raw events, found by
 * the same keyed hash of the visitor id that events are stored with (daily counts hold no visitor
 * and stay). Needs its own permission, `events.forget`; rate-limited like events.
 */
export declare namespace ForgetVisitor {
  export interface Request {
    body: { visitorId: string };
  }
  export interface Response {
    data: { deleted: number };
  }
}

/**
 * Preview links, "for your eyes only". An admin mints a signed token that lasts 30 minutes by
 * default (POST /personalize/preview/token, or Strapi's own Preview button); the site sends it with
 * every read in this header (a REST link may carry it as the `preview` query parameter instead).
 * A read carrying it is served as the token says: its audience in place of the visitor's context,
 * the drafts of the previewed entry or type (and of nothing else), and the forced entry (reason
 * PREVIEW). Answers are `Cache-Control: private, no-store` and their `cacheKey` starts with
 * `preview:`, so no cache mixes them with the public's. An expired token is a 401 and a forged or
 * altered one a 403, both naming `preview`: a preview never quietly falls back to the public answer.
 */
export const PREVIEW_HEADER = 'X-Personalize-Preview';
export const PREVIEW_PARAM = 'preview';
/** What a preview's decisions' cache keys start with. */
export const PREVIEW_CACHE_KEY_PREFIX = 'preview:';
/** The site's route the admin opens: `<site>/api/preview?token=<token>&path=<the entry's path>`. */
export const PREVIEW_SITE_ROUTE = '/api/preview';

/** The visitor a preview shows the site to: a context without a visitor id or arms (no experiment applies). */
export type PreviewAudience = Pick<ContextInput, 'segments' | 'traits' | 'stage' | 'journeyStep' | 'interests'>;

/** What a preview token grants, signed inside it. */
export interface PreviewGrant {
  /** Replaces the context of every read made with the token. */
  audience: PreviewAudience;
  /** The type previewed. */
  contentType: string;
  /** The base entry previewed (its page); null: the whole type. */
  documentId: string | null;
  /** Served for that base entry whatever the audience (reason PREVIEW): the base or one of its variants; null: decided as usual. */
  servedDocumentId: string | null;
  /** Reads of the previewed entry (or type) serve drafts; every other read is published. */
  drafts: boolean;
  /** The locale the preview was opened in; null for a type that is not localized. */
  locale: string | null;
  /** ISO time after which the token is refused (401). */
  expiresAt: string;
}

/**
 * GET /api/personalize/preview with the token (header or `preview` parameter): what it grants, for
 * the site's preview bar and to check a link before keeping it; 401 expired, 403 forged. No role
 * permission: the token is the credential.
 */
export declare namespace GetPreview {
  export interface Response {
    data: PreviewGrant;
  }
}

/**
 * Cache tags: a site tags each read with `readTags` and revalidates the `tags` of the plugin's
 * webhook events, so a publish refreshes exactly what it changed.
 * - `segments`, `settings`: every personalized read (segments and switches decide every answer);
 * - `type(uid)`: every read of one type (it was switched on or off);
 * - `list(uid)`: lists of a type and related content over it (an entry of it changed: one may join,
 *   leave or change in any list);
 * - `entry(uid, baseDocumentId)`: reads of one base entry, whichever variant it serves.
 */
export const CACHE_TAGS = {
  segments: 'personalize:segments',
  settings: 'personalize:settings',
  type: (contentType: string) => `personalize:type:${contentType}`,
  list: (contentType: string) => `personalize:list:${contentType}`,
  entry: (contentType: string, baseDocumentId: string) => `personalize:entry:${contentType}:${baseDocumentId}`,
} as const;

/** The tags of a read: one base entry of a type (or its single type), or else a list or related content over the type. */
export const readTags = (contentType: string, baseDocumentId?: string | null): string[] => [
  CACHE_TAGS.segments,
  CACHE_TAGS.settings,
  CACHE_TAGS.type(contentType),
  baseDocumentId ? CACHE_TAGS.entry(contentType, baseDocumentId) : CACHE_TAGS.list(contentType),
];

/**
 * The plugin's webhook events (subscribe a webhook on the plugin's Settings tab), sent by Strapi's
 * webhook runner a moment after the change, a burst of writes coalesced into one event per cause
 * and content type. What changes served content only: publish, unpublish, delete (and writes
 * to types without draft & publish), never a draft being saved.
 */
export const WEBHOOK_EVENTS = {
  /** Entries of an opted-in type (bases or variants, their targeting) published, unpublished or deleted. */
  content: 'personalize.content.changed',
  /** An experiment created, changed, paused, stopped or deleted. */
  experiment: 'personalize.experiment.changed',
  /** A segment created, changed or deleted. */
  segments: 'personalize.segments.changed',
  /** A switch or the journey-step mapping changed. */
  settings: 'personalize.settings.changed',
} as const;
export type ChangeEvent = (typeof WEBHOOK_EVENTS)[keyof typeof WEBHOOK_EVENTS];

/** The body Strapi posts for a change event (headers: `X-Strapi-Event`, the webhook's own). */
export interface ChangeWebhookBody {
  event: ChangeEvent;
  createdAt: string;
  /** The content type affected; null when every type is (segments, the global switch). */
  contentType: string | null;
  /** The base entries affected; empty when the whole type (or every type) is. */
  documentIds: string[];
  /** The locales the writes named (`*`: every locale); empty when not localized or not known. */
  locales: string[];
  /** The cache tags to revalidate (see CACHE_TAGS). */
  tags: string[];
}

/** The GraphQL names the plugin adds to Strapi's schema. */
export const GRAPHQL_NAMES = {
  contextInput: 'PersonalizationContextInput',
  stage: 'PersonalizationStage',
  journeyStep: 'PersonalizationJourneyStep',
  reason: 'PersonalizationReason',
  decision: 'PersonalizationDecision',
  relatedItem: 'RelatedContentItem',
  relatedEntry: 'RelatedContentEntry',
  relatedQuery: 'relatedContent',
} as const;
