import type { Core, UID } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { HOLDOUT_ARM } from '../../../plugin/experiment';
import { kpiTable, sampleRatioMismatch, type Counts } from '../../../plugin/kpi';
import type { AnalyticsOverview, EntryAnalytics } from '../../../shared/contracts/admin';
import { DAILY_TABLE } from '../events/tables';
import { getService } from '../utils/get-service';

const { ValidationError } = errors;
const DAY = /^\d{4}-\d{2}-\d{2}$/;
const DEFAULT_DAYS = 30;
/** The longest range a report reads at once. */
const MAX_DAYS = 366;

type DailyRow = { served_document_id: string; segment: string; arm: string; type: string; goal: string; day: string; count: number };
const empty = (): Counts => ({ impressions: 0, clicks: 0, conversions: {} });
const add = (counts: Counts, row: DailyRow) => {
  const n = Number(row.count);
  if (row.type === 'impression') counts.impressions += n;
  else if (row.type === 'click') counts.clicks += n;
  else counts.conversions[row.goal] = (counts.conversions[row.goal] ?? 0) + n;
};
const isoDay = (at: number) => new Date(at).toISOString().slice(0, 10);

/**
 * KPIs from the daily counts: per entry, per served variant (or experiment arm) and per segment,
 * against the base or the hold-out; impressions per segment also give segments their reach.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const knex = () => strapi.db.connection;

  const range = (from: unknown, to: unknown) => {
    const end = to === undefined ? isoDay(Date.now()) : to;
    if (typeof end !== 'string' || !DAY.test(end) || Number.isNaN(Date.parse(end))) throw new ValidationError('to: expected a day, YYYY-MM-DD');
    const start = from === undefined ? isoDay(Date.parse(end) - (DEFAULT_DAYS - 1) * 86_400_000) : from;
    if (typeof start !== 'string' || !DAY.test(start) || Number.isNaN(Date.parse(start))) throw new ValidationError('from: expected a day, YYYY-MM-DD');
    const days = (Date.parse(end) - Date.parse(start)) / 86_400_000 + 1;
    if (days < 1 || days > MAX_DAYS) throw new ValidationError(`from: expected a day on or before "to", at most ${MAX_DAYS} days before`);
    return { from: start, to: end };
  };

  const titles = async (uid: string, documentIds: string[]) => {
    const field: string = await getService(strapi, 'content-types').mainField(uid);
    const rows = await strapi.db.query(uid as UID.Schema).findMany({
      where: { documentId: { $in: documentIds } },
      select: ['documentId', ...(field === 'documentId' ? [] : [field])],
    });
    return new Map<string, string>(rows.map((r: any) => [r.documentId, String(r[field] ?? r.documentId)]));
  };

  return {
    async entry(contentType: unknown, documentId: unknown, from?: unknown, to?: unknown): Promise<EntryAnalytics> {
      const uid: string = getService(strapi, 'content-types').assertOptedIn(contentType);
      if (typeof documentId !== 'string' || !documentId || documentId.length > 64) throw new ValidationError('documentId: expected the documentId of a base entry');
      const days = range(from, to);
      const rows: DailyRow[] = await knex()(DAILY_TABLE)
        .where({ content_type: uid, base_document_id: documentId })
        .whereBetween('day', [days.from, days.to])
        .select('served_document_id', 'segment', 'arm', 'type', 'goal', 'day', 'count');
      const experiment = (await getService(strapi, 'experiments').list({ contentType: uid, baseDocumentId: documentId })).find((e: any) => e.active) ?? null;

      // With an experiment, rows are arms; without, the entries served.
      const byArm = experiment !== null;
      const variants = new Map<string, Counts>();
      const segments = new Map<string, Counts>();
      const byDay = new Map<string, Counts>();
      const tally = (counts: Map<string, Counts>, key: string, row: DailyRow) =>
        add(counts.get(key) ?? counts.set(key, empty()).get(key)!, row);
      for (const row of rows) {
        if (byArm && !row.arm) continue;
        tally(variants, byArm ? row.arm : row.served_document_id, row);
        tally(segments, row.segment, row);
        tally(byDay, row.day, row);
      }
      const goals = new Set([...variants.values()].flatMap((counts) => Object.keys(counts.conversions)));
      const daily = [...byDay]
        .map(([day, c]) => ({ day, impressions: c.impressions, clicks: c.clicks, conversions: Object.values(c.conversions).reduce((a, b) => a + b, 0) }))
        .sort((a, b) => a.day.localeCompare(b.day));
      if (!byArm && !variants.has(documentId)) variants.set(documentId, empty());

      const names = await titles(uid, [documentId, ...variants.keys()]);
      const armName = (key: string) => (key === HOLDOUT_ARM ? 'Hold-out (base)' : key);
      const label = (key: string) => (byArm ? armName(key) : names.get(key) ?? key);
      const controlKey = byArm
        ? experiment.holdout > 0
          ? HOLDOUT_ARM
          : experiment.arms.find((a: any) => a.documentId === null)?.name ?? null
        : documentId;
      const control = controlKey && variants.has(controlKey) ? controlKey : null;
      const table = kpiTable([...variants].map(([key, counts]) => ({ key, counts })), control);
      const segmentTable = kpiTable([...segments].map(([key, counts]) => ({ key, counts })), null);

      let sampleRatio = null;
      // A bandit's weights move: traffic is not expected to follow the latest ones.
      if (experiment && !experiment.optimize) {
        // The hold-out's share, then the arms sharing the rest by weight.
        const total = experiment.arms.reduce((sum: number, arm: any) => sum + arm.weight, 0);
        const arms = [
          ...(experiment.holdout > 0 ? [{ name: HOLDOUT_ARM, weight: experiment.holdout }] : []),
          ...experiment.arms.map((arm: any) => ({ name: arm.name, weight: (arm.weight / total) * (1 - experiment.holdout) })),
        ];
        sampleRatio = sampleRatioMismatch(arms.map((a) => ({ observed: variants.get(a.name)?.impressions ?? 0, weight: a.weight })));
      }
      const report = getService(strapi, 'experiment-report');
      const sequential = experiment && !experiment.optimize && control ? await report.sequential(experiment, control, days.to) : null;
      const allocations = experiment?.optimize ? await report.allocations(experiment.documentId, days) : [];
      return {
        contentType: uid,
        documentId,
        title: names.get(documentId) ?? documentId,
        ...days,
        goals: [...goals].sort(),
        control: controlKey ? { key: controlKey, label: label(controlKey) } : null,
        variants: table.map((row) => ({ ...row, label: label(row.key), sequential: sequential?.get(row.key) ?? null })),
        segments: segmentTable.map((row) => ({ ...row, label: row.key || 'No segment' })),
        daily,
        experiment: experiment ? { ...experiment, sampleRatio, allocations } : null,
      };
    },

    /** Entries' titles by documentId (their main field), for reports and alerts. */
    titles,

    async overview(from?: unknown, to?: unknown): Promise<AnalyticsOverview> {
      const days = range(from, to);
      const rows = await knex()(DAILY_TABLE)
        .whereBetween('day', [days.from, days.to])
        .select('content_type', 'base_document_id', 'served_document_id', 'type')
        .sum({ count: 'count' })
        .groupBy('content_type', 'base_document_id', 'served_document_id', 'type');
      const entries = new Map<string, AnalyticsOverview['entries'][number]>();
      const totals = { impressions: 0, clicks: 0, conversions: 0 };
      const variantImpressions = new Map<string, number>();
      for (const row of rows as any[]) {
        const key = `${row.content_type}|${row.base_document_id}`;
        const entry = entries.get(key) ?? entries.set(key, { contentType: row.content_type, documentId: row.base_document_id, title: row.base_document_id, impressions: 0, clicks: 0, conversions: 0, personalizedShare: 0 }).get(key)!;
        const n = Number(row.count);
        const field = row.type === 'impression' ? 'impressions' : row.type === 'click' ? 'clicks' : 'conversions';
        entry[field] += n;
        totals[field] += n;
        if (row.type === 'impression' && row.served_document_id !== row.base_document_id) {
          variantImpressions.set(key, (variantImpressions.get(key) ?? 0) + n);
        }
      }
      const byType = new Map<string, string[]>();
      for (const entry of entries.values()) byType.set(entry.contentType, [...(byType.get(entry.contentType) ?? []), entry.documentId]);
      for (const [uid, ids] of byType) {
        if (!getService(strapi, 'content-types').isOptedIn(uid)) continue;
        const names = await titles(uid, ids);
        for (const id of ids) entries.get(`${uid}|${id}`)!.title = names.get(id) ?? id;
      }
      for (const [key, entry] of entries) entry.personalizedShare = entry.impressions ? (variantImpressions.get(key) ?? 0) / entry.impressions : 0;
      return { ...days, totals, entries: [...entries.values()].sort((a, b) => b.impressions - a.impressions) };
    },

    /** Each segment's share of impressions over the last 30 days; empty when nothing was measured. */
    async segmentReach(now = Date.now()): Promise<Map<string, number>> {
      const rows = await knex()(DAILY_TABLE)
        .where({ type: 'impression' })
        .where('day', '>=', isoDay(now - (DEFAULT_DAYS - 1) * 86_400_000))
        .select('segment')
        .sum({ count: 'count' })
        .groupBy('segment');
      const total = rows.reduce((sum: number, row: any) => sum + Number(row.count), 0);
      return new Map(total ? rows.filter((r: any) => r.segment).map((r: any) => [r.segment, (100 * Number(r.count)) / total]) : []);
    },
  };
};
