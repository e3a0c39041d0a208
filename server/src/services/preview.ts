import type { Core, UID } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import type { PreviewResponse } from '../../../shared/contracts/admin';
import { getService } from '../utils/get-service';
import { BASES_ONLY } from './content-types';
import type { BaseRef, Door, Row } from './delivery';

const { ValidationError } = errors;
/** A preview lists the first entries of a type: enough to judge, bounded for the page. */
export const PREVIEW_LIMIT = 200;

/**
 * "Preview as": what each entry of a type would serve to a given audience, through the very same
 * pipeline as the content API. Admins behind the plugin's RBAC action may preview drafts.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async preview(input: unknown): Promise<PreviewResponse['data']> {
    const body = (typeof input === 'object' && input !== null && !Array.isArray(input) ? input : {}) as Record<string, unknown>;
    const contentTypes = getService(strapi, 'content-types');
    const delivery = getService(strapi, 'delivery');
    const uid = contentTypes.assertOptedIn(body.contentType);
    if (body.status !== undefined && body.status !== 'draft' && body.status !== 'published') {
      throw new ValidationError('status: expected "draft" or "published"');
    }
    const status = body.status === 'draft' ? 'draft' : 'published';
    const locale = await contentTypes.localeOf(uid, body.locale);
    const title = await contentTypes.mainField(uid);
    const drafts = contentTypes.hasDraftAndPublish(uid);

    const door: Door = {
      async bases() {
        const rows: Row[] = await strapi.db.query(uid as UID.Schema).findMany({
          where: {
            ...BASES_ONLY,
            ...(locale ? { locale } : {}),
            ...(drafts ? { publishedAt: status === 'published' ? { $notNull: true } : null } : {}),
          },
          orderBy: [{ id: 'asc' }],
          limit: PREVIEW_LIMIT,
        });
        bases = rows.map((row) => ({ uid, documentId: row.documentId, locale, row }));
        return bases;
      },
      fetch: (_uid, ids, at, version) => delivery.fetchRows(uid, ids, at, version),
    };
    let bases: BaseRef[] = [];
    const { audience, items } = await delivery.deliver({ status, draftsAllowed: true, context: body.context ?? {} }, door);
    const name = (row: Record<string, unknown>) => String(row[title] ?? row.documentId);
    const { visitor } = audience;
    return {
      visitorSegments: visitor.segments,
      stage: visitor.stage,
      ignored: visitor.ignored,
      rows: items.flatMap((item, i) =>
        item ? [{ documentId: bases[i].documentId, title: name(bases[i].row!), servedTitle: name(item.entry), decision: item.decision }] : []
      ),
    };
  },
});
