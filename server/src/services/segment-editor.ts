import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { readContext } from '../../../plugin/context';
import { compileRule, validateRule } from '../../../plugin/rules';
import { SEGMENT_KINDS } from '../../../plugin/segments';
import type { SegmentRecord, TestRuleResponse } from '../../../shared/contracts/admin';
import { FIELDS, SEGMENT_UID } from '../fields';
import { getService } from '../utils/get-service';

const { ValidationError, NotFoundError } = errors;
const EDITABLE = ['name', 'slug', 'description', 'kind', 'priority', 'estimatedReach', 'rules'] as const;

/**
 * Segments as the admin's segment editor sees them, rules included (the admin API is not the
 * content API). Writes go through the document service, whose middleware validates the rules.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const documents = () => strapi.documents(SEGMENT_UID as any) as any;

  const readInput = (input: unknown, partial: boolean) => {
    if (typeof input !== 'object' || input === null || Array.isArray(input)) {
      throw new ValidationError(`body: expected a segment (${EDITABLE.join(', ')})`);
    }
    const body = input as Record<string, unknown>;
    const unknown = Object.keys(body).filter((key) => !(EDITABLE as readonly string[]).includes(key));
    if (unknown.length) throw new ValidationError(`${unknown[0]}: not a field of a segment`);
    if (!partial && (typeof body.name !== 'string' || !body.name.trim())) throw new ValidationError('name: required');
    if ('kind' in body && !(SEGMENT_KINDS as readonly unknown[]).includes(body.kind)) {
      throw new ValidationError(`kind: expected one of ${SEGMENT_KINDS.join(', ')}`);
    }
    if ('priority' in body && !Number.isInteger(body.priority)) throw new ValidationError('priority: expected a whole number');
    const reach = body.estimatedReach;
    if (reach !== undefined && reach !== null && (typeof reach !== 'number' || !(reach >= 0 && reach <= 100))) {
      throw new ValidationError('estimatedReach: expected a share of visitors from 0 to 100, or null');
    }
    return body;
  };

  /** How many variant documents target each segment, over every opted-in type. */
  const variantCounts = async () => {
    const counts = new Map<string, Set<string>>();
    for (const uid of getService(strapi, 'content-types').optedInUids() as string[]) {
      const rows = await strapi.db.query(uid as any).findMany({
        where: { [FIELDS.segments]: { id: { $notNull: true } } },
        select: ['documentId'],
        populate: { [FIELDS.segments]: { select: ['slug'] } },
      });
      for (const row of rows as any[]) {
        for (const { slug } of row[FIELDS.segments] ?? []) counts.set(slug, (counts.get(slug) ?? new Set()).add(`${uid}|${row.documentId}`));
      }
    }
    return counts;
  };

  const record = (row: any, counts: Map<string, Set<string>>): SegmentRecord => ({
    documentId: row.documentId,
    name: row.name,
    slug: row.slug,
    description: row.description ?? null,
    kind: row.kind,
    priority: row.priority ?? 0,
    estimatedReach: row.estimatedReach == null ? null : Number(row.estimatedReach),
    rules: row.rules ?? null,
    variantCount: counts.get(row.slug)?.size ?? 0,
  });

  const existing = async (documentId: string) => {
    const row = await documents().findOne({ documentId });
    if (!row) throw new NotFoundError(`documentId: no segment ${documentId}`);
    return row;
  };

  return {
    async list(): Promise<SegmentRecord[]> {
      const rows = await documents().findMany({ sort: [{ priority: 'desc' }, { slug: 'asc' }], limit: -1 });
      const counts = await variantCounts();
      return rows.map((row: any) => record(row, counts));
    },

    async create(input: unknown): Promise<SegmentRecord> {
      const data = readInput(input, false);
      // The slug follows the name, as the Content Manager makes it, unless the editor chose one.
      data.slug ??= await strapi.plugin('content-manager').service('uid').generateUIDField({ contentTypeUID: SEGMENT_UID, field: 'slug', data });
      return record(await documents().create({ data }), await variantCounts());
    },

    async update(documentId: string, input: unknown): Promise<SegmentRecord> {
      const data = readInput(input, true);
      await existing(documentId);
      return record(await documents().update({ documentId, data }), await variantCounts());
    },

    async remove(documentId: string) {
      await existing(documentId);
      await documents().delete({ documentId });
    },

    /** Checks a rule as written and, when it is valid, whether sample traits and interests match it. */
    testRule(input: unknown): TestRuleResponse['data'] {
      const body = (typeof input === 'object' && input !== null ? input : {}) as Record<string, unknown>;
      const problems = validateRule(body.rules ?? {}).map((p) => ({ path: p.path ? `rules.${p.path}` : 'rules', message: p.message }));
      const { context, problems: contextProblems } = readContext({ traits: body.traits ?? {}, interests: body.interests ?? [] });
      if (contextProblems.length) throw new ValidationError(`${contextProblems[0].field}: ${contextProblems[0].message}`);
      if (problems.length) return { valid: false, problems, matches: null };
      return { valid: true, problems: [], matches: compileRule(body.rules ?? {})(context) };
    },
  };
};
