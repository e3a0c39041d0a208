import type { Core, UID } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { ALERT_KINDS, ALERT_RULES, rateDrop, type AlertKind } from '../../../plugin/alerts';
import { ALERT_WEBHOOK_EVENT, type AlertRecord, type AlertWhere, type ExperimentRecord } from '../../../shared/contracts/admin';
import { DAILY_TABLE } from '../events/tables';
import { SEGMENT_UID } from '../fields';
import { ALERTS_TABLE } from '../optimize/tables';
import { getService } from '../utils/get-service';

const { ValidationError } = errors;
const DAY_MS = 86_400_000;
const STATUSES = ['open', 'resolved', 'all'] as const;
/** The most alerts one read answers, newest first. */
const MAX_LISTED = 500;

/** What a round found: an alert to open, or to keep open. */
interface Finding {
  kind: AlertKind;
  cause: string;
  message: string;
  where: Partial<AlertWhere>;
  figures: Record<string, number | string>;
  link: string;
}

const NOWHERE: AlertWhere = { contentType: null, documentId: null, servedDocumentId: null, experiment: null, arm: null, segment: null, locale: null };
const isoDay = (at: number) => new Date(at).toISOString().slice(0, 10);
const percent = (share: number) => `${(share * 100).toFixed(1)}%`;
const count = (n: number) => n.toLocaleString('en-US');
const analyticsLink = (uid: string, documentId: string) =>
  `/plugins/personalize?tab=analytics&contentType=${encodeURIComponent(uid)}&documentId=${encodeURIComponent(documentId)}`;
const SEGMENTS_LINK = '/plugins/personalize?tab=segments';
const experimentWhere = (record: ExperimentRecord): Partial<AlertWhere> => ({
  contentType: record.contentType,
  documentId: record.baseDocumentId,
  locale: record.locale,
  experiment: { documentId: record.documentId, key: record.key, name: record.name },
});

const toRecord = (row: any): AlertRecord => {
  const details = JSON.parse(row.details);
  return {
    id: Number(row.id),
    kind: row.kind,
    cause: row.cause,
    message: details.message,
    where: { ...NOWHERE, ...details.where },
    figures: details.figures,
    link: details.link,
    openedAt: new Date(Number(row.opened_at)).toISOString(),
    lastSeenAt: new Date(Number(row.last_seen_at)).toISOString(),
    resolvedAt: row.resolved_at == null ? null : new Date(Number(row.resolved_at)).toISOString(),
  };
};

/**
 * Alerts: computed on the optimizer's schedule (and on demand), stored so that "since when"
 * survives, one open alert per cause, resolved when a round no longer finds the cause (a round
 * whose check of a kind failed resolves nothing of that kind), and sent once, when it opens, as
 * the `personalize.alert.opened` webhook event.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const knex = () => strapi.db.connection;
  const running = async () => (await getService(strapi, 'experiments').list()).filter((record) => record.active);

  const checks: Record<AlertKind, (now: number) => Promise<Finding[]>> = {
    /** A fixed split whose traffic is out of line with its weights, from its first day. */
    async 'sample-ratio'(now) {
      const findings: Finding[] = [];
      for (const record of (await running()).filter((r) => !r.optimize)) {
        const from = [record.createdAt.slice(0, 10), isoDay(now - 365 * DAY_MS)].sort()[1];
        const report = await getService(strapi, 'analytics').entry(record.contentType, record.baseDocumentId, from, isoDay(now));
        const ratio = report.experiment?.documentId === record.documentId ? report.experiment.sampleRatio : null;
        if (!ratio?.mismatch) continue;
        findings.push({
          kind: 'sample-ratio',
          cause: `sample-ratio:${record.documentId}`,
          message: `Experiment "${record.name}": the arms got traffic out of line with their weights (p = ${ratio.pValue.toPrecision(2)}, an arm ${percent(ratio.deviation)} off its share). Fix the assignment before reading its results.`,
          where: experimentWhere(record),
          figures: { pValue: ratio.pValue, deviation: ratio.deviation },
          link: analyticsLink(record.contentType, record.baseDocumentId),
        });
      }
      return findings;
    },

    /** A running bandit whose latest allocation names a winner. */
    async 'bandit-winner'() {
      const bandits = (await running()).filter((r) => r.optimize);
      const latest = await getService(strapi, 'bandits').latest(bandits.map((r) => r.documentId));
      return bandits.flatMap((record): Finding[] => {
        const allocation = latest.get(record.documentId);
        const winner = allocation?.arms.find((arm) => arm.name === allocation.winner);
        if (!winner) return [];
        return [{
          kind: 'bandit-winner',
          cause: `bandit-winner:${record.documentId}:${winner.name}`,
          message: `Bandit "${record.name}" found a winner: arm "${winner.name}" (probability to be best ${percent(winner.probabilityBest)} after ${count(winner.trials)} impressions). Promote it to end the experiment.`,
          where: { ...experimentWhere(record), arm: winner.name },
          figures: { probabilityBest: winner.probabilityBest, trials: winner.trials, posteriorMean: winner.posteriorMean },
          link: analyticsLink(record.contentType, record.baseDocumentId),
        }];
      });
    },

    /** A served entry whose click or a goal's conversion rate fell against its own recent past (ALERT_RULES). */
    async 'rate-drop'(now) {
      const recentFrom = isoDay(now - (ALERT_RULES.recentDays - 1) * DAY_MS);
      const rows = await knex()(DAILY_TABLE)
        .where('day', '>=', isoDay(now - (ALERT_RULES.recentDays + ALERT_RULES.baselineDays - 1) * DAY_MS))
        .select('content_type', 'base_document_id', 'served_document_id', 'type', 'goal', 'day')
        .sum({ count: 'count' })
        .groupBy('content_type', 'base_document_id', 'served_document_id', 'type', 'goal', 'day');
      type Period = { impressions: number; clicks: number; conversions: Map<string, number> };
      const served = new Map<string, { uid: string; base: string; served: string; recent: Period; baseline: Period }>();
      const period = (): Period => ({ impressions: 0, clicks: 0, conversions: new Map() });
      for (const row of rows as any[]) {
        if (!getService(strapi, 'content-types').isOptedIn(row.content_type)) continue;
        const key = `${row.content_type}|${row.served_document_id}`;
        const entry = served.get(key) ?? served.set(key, { uid: row.content_type, base: row.base_document_id, served: row.served_document_id, recent: period(), baseline: period() }).get(key)!;
        const counts = row.day >= recentFrom ? entry.recent : entry.baseline;
        const n = Number(row.count);
        if (row.type === 'impression') counts.impressions += n;
        else if (row.type === 'click') counts.clicks += n;
        else counts.conversions.set(row.goal, (counts.conversions.get(row.goal) ?? 0) + n);
      }
      const findings: Finding[] = [];
      for (const { uid, base, served: documentId, recent, baseline } of served.values()) {
        const metrics: Array<[string, (p: Period) => number]> = [
          ['clicks', (p) => p.clicks],
          ...[...baseline.conversions.keys()].sort().map((goal): [string, (p: Period) => number] => [`goal:${goal}`, (p) => p.conversions.get(goal) ?? 0]),
        ];
        for (const [metric, successes] of metrics) {
          const drop = rateDrop({ successes: successes(baseline), trials: baseline.impressions }, { successes: successes(recent), trials: recent.impressions });
          if (!drop?.dropped) continue;
          const what = metric === 'clicks' ? 'click rate' : `"${metric.slice(5)}" conversion rate`;
          const title = (await getService(strapi, 'analytics').titles(uid, [documentId])).get(documentId) ?? documentId;
          findings.push({
            kind: 'rate-drop',
            cause: `rate-drop:${uid}:${documentId}:${metric}`,
            message: `"${title}": its ${what} fell from ${percent(drop.baselineRate)} to ${percent(drop.recentRate)} (${(drop.relativeChange * 100).toFixed(0)}%) over the last ${ALERT_RULES.recentDays} days against the ${ALERT_RULES.baselineDays} before (p = ${drop.pValue.toPrecision(2)}).`,
            where: { contentType: uid, documentId: base, servedDocumentId: documentId },
            figures: { metric, baselineRate: drop.baselineRate, recentRate: drop.recentRate, relativeChange: drop.relativeChange, pValue: drop.pValue },
            link: analyticsLink(uid, base),
          });
        }
      }
      return findings;
    },

    /** A segment that variants target, older than a week, with no impression for a week while the site had traffic. */
    async 'quiet-segment'(now) {
      const since = isoDay(now - (ALERT_RULES.quietDays - 1) * DAY_MS);
      const rows = await knex()(DAILY_TABLE).where({ type: 'impression' }).where('day', '>=', since).select('segment').sum({ count: 'count' }).groupBy('segment');
      const seen = new Map(rows.map((row: any) => [row.segment as string, Number(row.count)]));
      const site = [...seen.values()].reduce((sum, n) => sum + n, 0);
      if (site < ALERT_RULES.quietSiteImpressions) return [];
      const created = new Map(
        (await strapi.db.query(SEGMENT_UID as UID.Schema).findMany({ select: ['slug', 'createdAt'] })).map((row: any) => [row.slug, new Date(row.createdAt).getTime()])
      );
      const segments = await getService(strapi, 'segment-editor').list();
      return segments
        .filter((segment) => segment.variantCount > 0 && !seen.get(segment.slug) && (created.get(segment.slug) ?? now) <= now - ALERT_RULES.quietDays * DAY_MS)
        .map((segment) => ({
          kind: 'quiet-segment' as const,
          cause: `quiet-segment:${segment.slug}`,
          message: `Segment "${segment.name}" (${segment.slug}): none of its ${segment.variantCount} variants was served in ${ALERT_RULES.quietDays} days, while the site served ${count(site)} impressions. Does its rule still match anyone?`,
          where: { segment: segment.slug },
          figures: { variants: segment.variantCount, siteImpressions: site },
          link: SEGMENTS_LINK,
        }));
    },

    /** A stored rule that no longer parses: its segment matches no one by rule. */
    async 'broken-rule'() {
      const catalog = await getService(strapi, 'segment-catalog').get();
      return [...catalog.broken].map(([slug, why]) => ({
        kind: 'broken-rule' as const,
        cause: `broken-rule:${slug}`,
        message: `Segment "${slug}": its stored rule no longer parses (${why}), so it matches no one by rule.`,
        where: { segment: slug },
        figures: { problem: why },
        link: SEGMENTS_LINK,
      }));
    },

    /** A running experiment's arm whose variant is not published (or is gone): its visitors get the entry as personalized. */
    async 'unpublished-arm'() {
      const findings: Finding[] = [];
      const types = getService(strapi, 'content-types');
      for (const record of await running()) {
        const ids = record.arms.flatMap((arm) => (arm.documentId ? [arm.documentId] : []));
        if (ids.length === 0 || !types.isOptedIn(record.contentType)) continue;
        const live = await strapi.db.query(record.contentType as UID.Schema).findMany({
          where: {
            documentId: { $in: ids },
            ...(types.hasDraftAndPublish(record.contentType) ? { publishedAt: { $notNull: true } } : {}),
            ...(record.locale && types.isLocalized(record.contentType) ? { locale: record.locale } : {}),
          },
          select: ['documentId'],
        });
        const published = new Set(live.map((row: any) => row.documentId));
        for (const arm of record.arms) {
          if (arm.documentId === null || published.has(arm.documentId)) continue;
          findings.push({
            kind: 'unpublished-arm',
            cause: `unpublished-arm:${record.documentId}:${arm.name}`,
            message: `Experiment "${record.name}": arm "${arm.name}" serves a variant that is not published (${arm.documentId}); its visitors get the entry as personalized instead.`,
            where: { ...experimentWhere(record), arm: arm.name, servedDocumentId: arm.documentId },
            figures: {},
            link: types.isSingleType(record.contentType)
              ? analyticsLink(record.contentType, record.baseDocumentId)
              : `/content-manager/collection-types/${record.contentType}/${arm.documentId}${record.locale ? `?plugins[i18n][locale]=${record.locale}` : ''}`,
          });
        }
      }
      return findings;
    },
  };

  /** Sent once per alert, when it opens, to the webhooks subscribed to the event. */
  const emit = (alert: AlertRecord) => {
    const admin = strapi.config.get('admin.absoluteUrl');
    strapi.eventHub.emit(ALERT_WEBHOOK_EVENT, { alert, url: typeof admin === 'string' ? `${admin.replace(/\/$/, '')}${alert.link}` : null });
  };

  return {
    /** A round: every check, then open, keep or resolve alerts. */
    async check(now = Date.now()): Promise<{ opened: number; resolved: number; open: number }> {
      const found = new Map<string, Finding>();
      const checked = new Set<AlertKind>();
      for (const kind of ALERT_KINDS) {
        try {
          for (const finding of await checks[kind](now)) found.set(finding.cause, finding);
          checked.add(kind);
        } catch (error) {
          strapi.log.warn(`[personalize] alerts: the ${kind} check failed: ${error instanceof Error ? error.message : String(error)}`);
        }
      }
      const details = ({ message, where, figures, link }: Finding) => JSON.stringify({ message, where, figures, link });
      let resolved = 0;
      const open = await knex()(ALERTS_TABLE).whereNull('resolved_at');
      for (const row of open) {
        const finding = found.get(row.cause);
        if (finding) await knex()(ALERTS_TABLE).where({ id: row.id }).update({ last_seen_at: now, details: details(finding) });
        else if (checked.has(row.kind)) {
          await knex()(ALERTS_TABLE).where({ id: row.id }).update({ resolved_at: now, open_cause: null });
          resolved++;
        }
      }
      const already = new Set(open.map((row: any) => row.cause));
      let opened = 0;
      for (const finding of found.values()) {
        if (already.has(finding.cause)) continue;
        const row = { kind: finding.kind, cause: finding.cause, open_cause: finding.cause, details: details(finding), opened_at: now, last_seen_at: now };
        try {
          const [inserted] = await knex()(ALERTS_TABLE).insert(row, ['id']);
          opened++;
          emit(toRecord({ ...row, id: typeof inserted === 'object' ? inserted.id : inserted, resolved_at: null }));
        } catch {
          // Another instance opened it in the same round: it sent the event.
        }
      }
      const [{ n }] = await knex()(ALERTS_TABLE).whereNull('resolved_at').count({ n: '*' });
      return { opened, resolved, open: Number(n) };
    },

    async list(status: unknown = 'open'): Promise<AlertRecord[]> {
      if (!(STATUSES as readonly unknown[]).includes(status)) throw new ValidationError(`status: one of ${STATUSES.join(', ')}`);
      const query = knex()(ALERTS_TABLE).orderBy('opened_at', 'desc').orderBy('id', 'desc').limit(MAX_LISTED);
      if (status === 'open') query.whereNull('resolved_at');
      if (status === 'resolved') query.whereNotNull('resolved_at');
      return (await query).map(toRecord);
    },
  };
};
