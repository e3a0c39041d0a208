import type { Core, UID } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { cacheKey } from '../../../plugin/cache-key';
import { readContext } from '../../../plugin/context';
import { decide, servingTheBase, type Decision } from '../../../plugin/decide';
import type { SegmentCatalog } from '../../../plugin/segment-catalog';
import { resolveVisitor, type Visitor } from '../../../plugin/visitor';
import { PREVIEW_CACHE_KEY_PREFIX, type Personalized, type PreviewGrant, type PublicationStatus } from '../../../shared/contracts/content-api';
import { readAsPlugin } from '../core-reads';
import { validationError } from '../utils/errors';
import { getService } from '../utils/get-service';
import { WARMING_UP } from './content-index';

// A PolicyError is a 403 whose message reaches the caller (Strapi hides a plain ForbiddenError's).
const { PolicyError } = errors;
const API_TOKEN_STRATEGY = 'content-api-token';

export type Status = PublicationStatus;
export type Row = { documentId: string; locale?: string | null; updatedAt?: unknown; [key: string]: unknown };

/** Who is asking: resolved once per request, shared by every decision of it. */
export interface Audience {
  visitor: Visitor;
  catalog: SegmentCatalog;
  /** The visitor's interests as given, for related content. */
  interests: string[];
}

/** A base entry to personalize, and its row when the door has read it already (a list). */
export interface BaseRef {
  uid: string;
  documentId: string;
  locale: string | null;
  row?: Row;
}

/** What a request asks, before anything is read. */
export interface DeliveryRequest {
  status: Status;
  /** Drafts carry unfinished targeting: API tokens (previews) and the admin's preview only. */
  draftsAllowed: boolean;
  /** The visitor context, as sent (validated here). */
  context: unknown;
  /** What is read, for a preview link's reach: the type, and the base entry when the read is of one. */
  reads?: { contentType: string; documentId?: string | null; single?: boolean };
}

export interface Delivery {
  status: Status;
  audience: Audience;
  /** The preview link the request carries: its audience, drafts and forced entry apply. */
  preview: PreviewGrant | null;
}

/** How one door (GraphQL, REST, related content, the admin preview) reads entries. */
export interface Door {
  /** The base entries to personalize, read the way the door reads them. */
  bases(delivery: Delivery): Promise<BaseRef[]>;
  /** Entries of one type by documentId, in one statement, as the door answers them. */
  fetch(uid: string, documentIds: string[], locale: string | null, status: Status): Promise<Row[]>;
}

const versionOf = (row: Row) => {
  const at = row.updatedAt;
  const date = at instanceof Date ? at : at != null ? new Date(at as string) : null;
  return date && !Number.isNaN(date.getTime()) ? date.toISOString() : '';
};

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * The one delivery pipeline every door goes through: check draft access, read the audience,
 * list the bases, decide from memory (no SQL), fetch what is served in one statement per type,
 * finish with the cache key. Fail-open: a served variant that cannot be read gives the base.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const service = {
    /** Validates the context (a 400 naming the field) and resolves the visitor's segments and stage. */
    async audience(input: unknown): Promise<Audience> {
      const { context, problems } = readContext(input);
      if (problems.length) throw validationError(problems);
      const catalog = await getService(strapi, 'segment-catalog').get();
      const { stageForStep } = await getService(strapi, 'settings').get();
      return { visitor: resolveVisitor(context, catalog, stageForStep), catalog, interests: context.interests };
    },

    /**
     * Drafts carry unfinished targeting: only API tokens (previews) may ask for them, even where
     * Strapi's core queries would let a public role do so.
     */
    assertMayRead(status: Status, draftsAllowed: boolean) {
      if (status === 'draft' && !draftsAllowed) {
        throw new PolicyError('status: drafts are served only to API tokens (previews)');
      }
    },

    /**
     * Steps 1 and 2: may the caller read this version, and who is the visitor. A preview link
     * (checked here, for every door) replaces the context with its audience, and serves drafts
     * of the entry or type it previews, never of anything else.
     */
    async open({ status, draftsAllowed, context, reads }: DeliveryRequest): Promise<Delivery> {
      const preview = await getService(strapi, 'preview-links').fromRequest();
      if (!preview) {
        service.assertMayRead(status, draftsAllowed);
        return { status, audience: await service.audience(context), preview: null };
      }
      const previewed =
        reads?.contentType === preview.contentType && (preview.documentId === null || reads.single === true || reads.documentId === preview.documentId);
      if (preview.drafts && previewed) return { status: 'draft', audience: await service.audience(preview.audience), preview };
      if (status === 'draft' && !draftsAllowed) {
        const what = preview.documentId ? `${preview.contentType} ${preview.documentId}` : preview.contentType;
        throw new PolicyError(`preview: this preview link shows drafts of ${what} only`);
      }
      return { status, audience: await service.audience(preview.audience), preview };
    },

    /** Step 3: the decision for each base, from memory. */
    async decideAll(bases: BaseRef[], { audience, status, preview }: Delivery): Promise<Decision[]> {
      // Only with a visitor id can an experiment apply: otherwise their lookup is skipped.
      const experiments = audience.visitor.visitorId ? await getService(strapi, 'experiments').active() : null;
      const switches = await getService(strapi, 'settings').switches();
      const index = getService(strapi, 'content-index');
      // While the index warms up at boot: fail open to the base, saying why, with no arm credited.
      const warm = index.isWarm();
      return bases.map(({ uid, documentId, locale }) => {
        const decision = decide({
          baseDocumentId: documentId,
          variants: warm ? index.variantsOf(uid, documentId, locale, status) : [],
          visitor: audience.visitor,
          catalog: audience.catalog,
          enabled: switches.isEnabled(uid, documentId),
          experiment: warm ? (experiments?.forEntry(uid, documentId, locale) ?? null) : null,
          forced: warm && preview?.contentType === uid && preview.documentId === documentId ? preview.servedDocumentId : null,
        });
        return warm || decision.reason !== 'DEFAULT' ? decision : servingTheBase(documentId, WARMING_UP, decision);
      });
    },

    /**
     * Steps 4 and 5: reads what is served that the door has not read yet, one statement per type,
     * and pairs each base with it. A served variant the database no longer has (another instance
     * just changed it) or that cannot be read gives the base. A base that does not exist gives null.
     */
    async finish(bases: BaseRef[], decisions: Decision[], door: Door, status: Status): Promise<Array<Personalized | null>> {
      const rows = new Map<string, Row>();
      const key = (uid: string, documentId: string) => `${uid}|${documentId}`;
      for (const { uid, row } of bases) if (row) rows.set(key(uid, row.documentId), row);
      const failures = new Map<string, unknown>();
      /** Reads the rows not read yet; with `failOpen`, a type whose read fails is noted, not thrown. */
      const read = async (wanted: Array<{ uid: string; documentId: string; locale: string | null }>, failOpen: boolean) => {
        const byType = new Map<string, { ids: Set<string>; locale: string | null }>();
        for (const { uid, documentId, locale } of wanted) {
          if (rows.has(key(uid, documentId))) continue;
          const group = byType.get(uid) ?? byType.set(uid, { ids: new Set(), locale }).get(uid)!;
          group.ids.add(documentId);
        }
        for (const [uid, { ids, locale }] of byType) {
          try {
            for (const row of await door.fetch(uid, [...ids], locale, status)) rows.set(key(uid, row.documentId), row);
          } catch (error) {
            if (!failOpen) throw error;
            failures.set(uid, error);
            strapi.log.warn(`[personalize] served entries of ${uid} could not be read: ${messageOf(error)}`);
          }
        }
      };
      await read(bases.map(({ uid, locale }, i) => ({ uid, documentId: decisions[i].servedDocumentId, locale })), true);
      const fallen = decisions.map((decision, i) => {
        const { uid } = bases[i];
        if (rows.has(key(uid, decision.servedDocumentId))) return decision;
        // The base itself could not be read: as for a core read, the error stands.
        if (!decision.isVariant && failures.has(uid)) throw failures.get(uid);
        if (!decision.isVariant) return decision;
        const why = failures.has(uid) ? `the chosen variant could not be read: ${messageOf(failures.get(uid))}` : 'the chosen variant is no longer available';
        return servingTheBase(decision.baseDocumentId, why, decision);
      });
      // Rare: a variant was chosen but could not be read, and the door had not read its base.
      await read(
        bases.filter((base, i) => fallen[i] !== decisions[i] && !base.row).map(({ uid, documentId, locale }) => ({ uid, documentId, locale })),
        false
      );
      return bases.map(({ uid }, i) => {
        const decision = fallen[i];
        const entry = rows.get(key(uid, decision.servedDocumentId));
        if (!entry) return null;
        const locale = (entry.locale as string | null | undefined) ?? null;
        return { entry: entry as Personalized['entry'], decision: { ...decision, cacheKey: cacheKey(decision, versionOf(entry), locale) }, contentType: uid };
      });
    },

    /** The whole pipeline for one door: open, list the bases, decide, fetch what is served, finish. */
    async deliver(request: DeliveryRequest, door: Door): Promise<{ audience: Audience; items: Array<Personalized | null> }> {
      const delivery = await service.open(request);
      const run = async () => {
        const bases = await door.bases(delivery);
        return service.finish(bases, await service.decideAll(bases, delivery), door, delivery.status);
      };
      if (!delivery.preview) return { audience: delivery.audience, items: await run() };
      // The pipeline has allowed the preview's drafts: core-read rules do not refuse them again.
      const items = await (delivery.status === 'draft' ? readAsPlugin(run) : run());
      // Keyed apart from every public answer: no cache serves a preview to the public.
      const keyed = items.map((item) => item && { ...item, decision: { ...item.decision, cacheKey: PREVIEW_CACHE_KEY_PREFIX + item.decision.cacheKey } });
      return { audience: delivery.audience, items: keyed };
    },

    /** Rows of one type by documentId, in one statement, without relations: GraphQL resolves them itself. */
    fetchRows(uid: string, documentIds: string[], locale: string | null, status: Status): Promise<Row[]> {
      const drafts = getService(strapi, 'content-types').hasDraftAndPublish(uid);
      return strapi.db.query(uid as UID.Schema).findMany({
        where: {
          documentId: { $in: documentIds },
          ...(locale ? { locale } : {}),
          ...(drafts ? { publishedAt: status === 'published' ? { $notNull: true } : null } : {}),
        },
      });
    },
  };
  return service;
};

/** Whether the caller is one of Strapi's API tokens (Settings > API Tokens), the way previews read drafts. */
export const isApiToken = (auth: unknown) => (auth as { strategy?: { name?: string } } | undefined)?.strategy?.name === API_TOKEN_STRATEGY;
