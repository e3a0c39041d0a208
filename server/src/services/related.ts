import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { MAX_RELATED_LIMIT } from '../../../plugin/related';
import { RELATED_LIMITS, type RelatedItem } from '../../../shared/contracts/content-api';
import { getService } from '../utils/get-service';
import { relatedId, relatedType } from './content-index';
import type { Delivery, DeliveryRequest, Door } from './delivery';

const { ForbiddenError, NotFoundError, ValidationError } = errors;

export interface RelatedRequest extends DeliveryRequest {
  documentId?: string | null;
  tags?: unknown;
  types?: unknown;
  limit?: unknown;
  locale?: string | null;
  /** `ctx.state.auth`: recommends only from the types whose `find` the caller has. */
  auth: unknown;
}

const isText = (value: unknown) => typeof value === 'string' && value.length > 0 && value.length <= RELATED_LIMITS.text;

/**
 * "What should this visitor see next?": base entries ranked by shared tags (rare tags weigh more),
 * boosted by the visitor's interests and stage, each personalized for the visitor through the
 * delivery pipeline like any other read.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
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
    const limit = input.limit ?? RELATED_LIMITS.defaultLimit;
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
      const contentTypes = getService(strapi, 'content-types');
      const index = getService(strapi, 'content-index');
      const delivery = getService(strapi, 'delivery');
      const ranked = new Map<string, { uid: string; score: number; sharedTags: string[] }>();
      const door: Door = {
        async bases({ status, audience }: Delivery) {
          const optedIn = contentTypes.optedInUids();
          const { tags, types, limit } = readInput(input, optedIn);
          const allowed = await readable([...new Set([...types, ...optedIn])], input.auth);
          const wanted = types.filter((uid) => allowed.includes(uid));
          if (!wanted.length) throw new ForbiddenError('types: this caller may read none of these content types');
          // One locale for the request: each type reads it, or none when it is not localized.
          const locales = new Map<string, string | null>();
          for (const uid of optedIn) locales.set(uid, await contentTypes.localeOf(uid, input.locale ?? undefined));
          const localeOf = (uid: string) => locales.get(uid) ?? null;
          // While the index warms up at boot nothing is known to be related: an empty list, not an error.
          if (!index.isWarm()) return [];

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
          return matches.map(({ id, score, sharedTags }) => {
            const [uid, documentId] = id.split('|');
            ranked.set(documentId, { uid, score, sharedTags });
            return { uid, documentId, locale: localeOf(uid) };
          });
        },
        fetch: (uid, ids, locale, status) => delivery.fetchRows(uid, ids, locale, status),
      };

      const { items } = await delivery.deliver(input, door);
      return items.flatMap((item) => {
        // Gone since the index last looked: nothing to show for it.
        if (!item) return [];
        const { uid, score, sharedTags } = ranked.get(item.decision.baseDocumentId)!;
        return [{ entry: { ...item.entry, __type: uid }, contentType: uid, documentId: item.decision.baseDocumentId, score, sharedTags, decision: item.decision }];
      });
    },
  };
};
