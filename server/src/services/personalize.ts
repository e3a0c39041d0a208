import type { Core, UID } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { readContext } from '../../../plugin/context';
import { cacheKey, decide, resolveVisitor, type Decision, type SegmentCatalog, type Visitor } from '../../../plugin/decide';
import { PLUGIN_ID } from '../fields';

const { ValidationError, ForbiddenError } = errors;
/** The auth strategy of Strapi's API tokens (Settings > API Tokens), the way previews read drafts. */
const API_TOKEN_STRATEGY = 'content-api-token';

export type Status = 'draft' | 'published';
type Row = { documentId: string; locale?: string | null; updatedAt?: unknown; [key: string]: unknown };
export interface PersonalizedDecision extends Decision {
  cacheKey: string;
}
export interface Personalized {
  entry: Row;
  decision: PersonalizedDecision;
}
export interface Audience {
  visitor: Visitor;
  catalog: SegmentCatalog;
  /** The visitor's interests as given, for related content. */
  interests: string[];
}

const versionOf = (row: Row) => {
  const at = row.updatedAt;
  const date = at instanceof Date ? at : at != null ? new Date(at as string) : null;
  return date && !Number.isNaN(date.getTime()) ? date.toISOString() : '';
};

/**
 * The adapter between Strapi and the engine: reads the visitor once per request, decides from the
 * in-memory variant index, and fetches the served variants in one query.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const service = (name: string) => strapi.plugin(PLUGIN_ID).service(name);

  return {
    /** Validates the context (a 400 naming the field) and resolves the visitor's segments and stage. */
    async audience(input: unknown): Promise<Audience> {
      const { context, problems } = readContext(input);
      if (problems.length) {
        throw new ValidationError(`${problems[0].field}: ${problems[0].message}`, {
          errors: problems.map((p) => ({ path: p.field.split('.'), message: p.message, name: 'ValidationError' })),
        });
      }
      const catalog: SegmentCatalog = await service('segment-catalog').get();
      const { stageForStep } = await service('settings').get();
      return { visitor: resolveVisitor(context, catalog, stageForStep), catalog, interests: context.interests };
    },

    /**
     * Drafts carry unfinished targeting: only API tokens (previews) may ask for them, even where
     * Strapi's core queries would let a public role do so.
     */
    assertMayRead(status: Status, auth: { strategy?: { name?: string } } | undefined) {
      if (status === 'draft' && auth?.strategy?.name !== API_TOKEN_STRATEGY) {
        throw new ForbiddenError('status: drafts are served only to API tokens (previews)');
      }
    },

    /** The decision for one base entry, from memory: no SQL. */
    async decideFor(uid: string, base: { documentId: string; locale?: unknown }, audience: Audience, status: Status) {
      const locale = base.locale as string | null;
      // Without a visitor id no experiment applies: skip the lookup.
      const experiment = audience.visitor.visitorId ? await service('experiments').forEntry(uid, base.documentId, locale) : null;
      return decide({
        baseDocumentId: base.documentId,
        variants: service('content-index').variantsOf(uid, base.documentId, locale, status),
        visitor: audience.visitor,
        catalog: audience.catalog,
        enabled: await service('settings').isEnabled(uid, base.documentId),
        experiment,
      });
    },

    /** Rows of one type by documentId, in one statement: GraphQL resolves the rest itself. */
    fetchRows(uid: string, documentIds: string[], locale: string | null, status: Status): Promise<Row[]> {
      const drafts = strapi.contentType(uid as UID.ContentType)?.options?.draftAndPublish === true;
      return strapi.db.query(uid as UID.Schema).findMany({
        where: {
          documentId: { $in: documentIds },
          ...(locale ? { locale } : {}),
          ...(drafts ? { publishedAt: status === 'published' ? { $notNull: true } : null } : {}),
        },
      });
    },

    /**
     * What a base entry serves once the variants are read: the variant, or the base when the
     * variant could not be read (fail-open), with the cache key of what is served.
     */
    finish(base: Row, decision: Decision, served: Map<string, Row>, failure: string | null): Personalized {
      let entry = decision.isVariant ? served.get(decision.servedDocumentId) : base;
      if (!entry) {
        // The index named a variant the database no longer has (another instance just changed it).
        entry = base;
        decision = {
          ...decision,
          servedDocumentId: base.documentId,
          isVariant: false,
          reason: 'DEFAULT',
          matchedSegment: null,
          matchedStage: null,
          // The base is served: no arm may be credited with it.
          arm: null,
          error: failure ?? 'the chosen variant is no longer available',
        };
      }
      const locale = (entry.locale as string | null | undefined) ?? null;
      return { entry, decision: { ...decision, cacheKey: cacheKey(decision, versionOf(entry), locale) } };
    },

    /**
     * Pairs each base entry with the entry it serves. `fetchVariants` loads the served variants,
     * all at once, the way the caller reads entries (GraphQL or REST, with its populate).
     */
    async serve(
      uid: string,
      bases: Row[],
      { audience, status }: { audience: Audience; status: Status },
      fetchVariants: (documentIds: string[], locale: string | null) => Promise<Row[]>
    ): Promise<Personalized[]> {
      const decisions: Decision[] = [];
      for (const base of bases) decisions.push(await this.decideFor(uid, base, audience, status));

      const wanted = [...new Set(decisions.filter((d) => d.isVariant).map((d) => d.servedDocumentId))];
      let served = new Map<string, Row>();
      let failure: string | null = null;
      if (wanted.length) {
        try {
          const rows = await fetchVariants(wanted, (bases[0]?.locale as string | null) ?? null);
          served = new Map(rows.map((row) => [row.documentId, row]));
        } catch (error) {
          // Fail open: the base entries are always a valid answer.
          failure = `variants could not be read: ${error instanceof Error ? error.message : String(error)}`;
          strapi.log.warn(`[personalize] ${failure}`);
        }
      }
      return bases.map((base, i) => this.finish(base, decisions[i], served, failure));
    },
  };
};
