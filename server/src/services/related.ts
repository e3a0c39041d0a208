import type { Core, UID } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { MAX_RELATED_LIMIT } from '../../../plugin/related';
import { PLUGIN_ID } from '../fields';
import { relatedId, relatedType } from './content-index';
import type { Audience, PersonalizedDecision, Status } from './personalize';

const { ForbiddenError, NotFoundError, ValidationError } = errors;

/** Caps on a related-content request, so that one caller cannot make it expensive. */
export const RELATED_LIMITS = { limit: 20, tags: 50, text: 128, types: 20 } as const;

export interface RelatedRequest {
  documentId?: string | null;
  tags?: unknown;
  types?: unknown;
  limit?: unknown;
  locale?: string | null;
  status: Status;
  audience: Audience;
  auth: unknown;
}

export interface RelatedItem {
  entry: Record<string, unknown> & { documentId: string };
  contentType: string;
  documentId: string;
  score: number;
  sharedTags: string[];
  decision: PersonalizedDecision;
}

const isText = (value: unknown) => typeof value === 'string' && value.length > 0 && value.length <= RELATED_LIMITS.text;

/**
 * "What should this visitor see next?": base entries ranked by shared tags (rare tags weigh more),
 * boosted by the visitor's interests and stage, each personalized for the visitor.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const service = (name: string) => strapi.plugin(PLUGIN_ID).service(name);
  const isLocalized = (uid: string) =>
    (strapi.contentType(uid as UID.ContentType)?.pluginOptions?.i18n as { localized?: boolean } | undefined)?.localized === true;

  const readInput = (input: RelatedRequest, optedIn: string[]) => {
    if (input.documentId == null && input.tags == null) {
      throw new ValidationError("documentId: give an entry's documentId, or tags");
    }
    if (input.documentId != null && !isText(input.documentId)) throw new ValidationError('documentId: expected a documentId');
    const tags = input.tags ?? [];
    if (!Array.isArray(tags) || tags.length > RELATED_LIMITS.tags || !tags.every(isText)) {
      throw new ValidationError(`tags: expected at most ${RELATED_LIMITS.tags} tag slugs of ${RELATED_LIMITS.text} characters`);
    }
    const types = input.types ?? optedIn;
    if (!Array.isArray(types) || types.length > RELATED_LIMITS.types) {
      throw new ValidationError(`types: expected at most ${RELATED_LIMITS.types} content types`);
    }
    types.forEach((uid, i) => {
      if (!optedIn.includes(uid)) throw new ValidationError(`types[${i}]: ${String(uid).slice(0, 100)} is not a personalized content type`);
    });
    const limit = input.limit ?? 5;
    if (!Number.isInteger(limit) || (limit as number) < 1 || (limit as number) > Math.min(RELATED_LIMITS.limit, MAX_RELATED_LIMIT)) {
      throw new ValidationError(`limit: expected a whole number from 1 to ${RELATED_LIMITS.limit}`);
    }
    return { tags: tags as string[], types: types as string[], limit: limit as number };
  };

  /** The types whose core `find` the caller may use: nothing is recommended from the others. */
  const readable = async (uids: string[], auth: unknown) => {
    const allowed: string[] = [];
    for (const uid of uids) {
      try {
        await strapi.auth.verify(auth as any, { scope: [`${uid}.find`] });
        allowed.push(uid);
      } catch {
        // Not readable by this caller: left out.
      }
    }
    return allowed;
  };

  return {
    async recommend(input: RelatedRequest): Promise<RelatedItem[]> {
      const optedIn: string[] = service('content-types').optedInUids();
      const { tags, types, limit } = readInput(input, optedIn);
      const allowed = await readable([...new Set([...types, ...optedIn])], input.auth);
      const wanted = types.filter((uid) => allowed.includes(uid));
      if (!wanted.length) throw new ForbiddenError('types: this caller may read none of these content types');

      const locale = input.locale ?? (await strapi.plugin('i18n').service('locales').getDefaultLocale());
      const localeOf = (uid: string) => (isLocalized(uid) ? locale : null);
      const index = service('content-index');
      const { status, audience } = input;

      const queryTags = [...tags];
      const exclude: string[] = [];
      if (input.documentId != null) {
        const source = index.locate(input.documentId);
        const sourceTags = source && allowed.includes(source.uid) ? index.tagsOf(source.uid, source.base, localeOf(source.uid), status) : null;
        if (!source || !sourceTags) throw new NotFoundError(`documentId: no personalized entry ${input.documentId}`);
        queryTags.push(...sourceTags);
        exclude.push(relatedId(source.uid, source.base, localeOf(source.uid)));
      }

      const matches =
        index.relatedIndex(status)?.rank({
          tags: queryTags,
          interests: audience.interests,
          stage: audience.visitor.stage,
          types: wanted.map((uid) => relatedType(uid, localeOf(uid))),
          exclude,
          limit,
        }) ?? [];

      // Decide for every match, then read each type's bases and served variants in one statement.
      const picks = [];
      for (const match of matches) {
        const [uid, documentId] = match.id.split('|');
        const decision = await service('personalize').decideFor(uid, { documentId, locale: localeOf(uid) }, audience, status);
        picks.push({ uid, documentId, match, decision });
      }
      const rows = new Map<string, Map<string, any>>();
      for (const uid of new Set(picks.map((p) => p.uid))) {
        const ids = picks.filter((p) => p.uid === uid).flatMap((p) => [p.documentId, p.decision.servedDocumentId]);
        const found = await service('personalize').fetchRows(uid, [...new Set(ids)], localeOf(uid), status);
        rows.set(uid, new Map(found.map((row: any) => [row.documentId, row])));
      }

      const items: RelatedItem[] = [];
      for (const { uid, documentId, match, decision } of picks) {
        const typeRows = rows.get(uid)!;
        const base = typeRows.get(documentId);
        if (!base) continue; // gone since the index last looked: nothing to show for it
        const { entry, decision: served } = service('personalize').finish(base, decision, typeRows, null);
        items.push({ entry: { ...entry, __type: uid }, contentType: uid, documentId, score: match.score, sharedTags: match.sharedTags, decision: served });
      }
      return items;
    },
  };
};
