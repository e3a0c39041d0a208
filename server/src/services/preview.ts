import type { Core, UID } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import type { PreviewResponse } from '../../../shared/admin';
import { FIELDS, PLUGIN_ID } from '../fields';

const { ValidationError } = errors;
/** A preview lists the first entries of a type: enough to judge, bounded for the page. */
export const PREVIEW_LIMIT = 200;

/**
 * "Preview as": what each entry of a type would serve to a given audience, from the very same
 * calls as the content API (audience, then decideFor, then the served rows).
 */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async preview(input: unknown): Promise<PreviewResponse['data']> {
    const body = (typeof input === 'object' && input !== null && !Array.isArray(input) ? input : {}) as Record<string, unknown>;
    const coverage = strapi.plugin(PLUGIN_ID).service('coverage');
    const personalize = strapi.plugin(PLUGIN_ID).service('personalize');
    const uid = coverage.assertOptedIn(body.contentType);
    if (body.status !== undefined && body.status !== 'draft' && body.status !== 'published') {
      throw new ValidationError('status: expected "draft" or "published"');
    }
    const status: 'draft' | 'published' = body.status === 'draft' ? 'draft' : 'published';
    const locale: string | null = await coverage.localeOf(uid, body.locale);
    const audience = await personalize.audience(body.context ?? {});
    const title = await coverage.mainField(uid);
    const drafts = strapi.contentType(uid as UID.ContentType)?.options?.draftAndPublish === true;

    const bases = await strapi.db.query(uid as UID.Schema).findMany({
      where: {
        [FIELDS.variantOf]: { id: { $null: true } },
        ...(locale ? { locale } : {}),
        ...(drafts ? { publishedAt: status === 'published' ? { $notNull: true } : null } : {}),
      },
      orderBy: [{ id: 'asc' }],
      limit: PREVIEW_LIMIT,
    });
    const served = await personalize.serve(uid, bases, { audience, status }, (ids: string[], at: string | null) =>
      personalize.fetchRows(uid, ids, at, status)
    );
    const name = (row: Record<string, unknown>) => String(row[title] ?? row.documentId);
    return {
      visitorSegments: audience.visitor.segments,
      stage: audience.visitor.stage,
      ignored: audience.visitor.ignored,
      rows: served.map(({ entry, decision }: any, i: number) => ({
        documentId: bases[i].documentId,
        title: name(bases[i]),
        servedTitle: name(entry),
        decision,
      })),
    };
  },
});
