import type { Core } from '@strapi/strapi';
import { sequentialTest, type Trials } from '../../../plugin/sequential';
import type { AllocationVersion, ExperimentRecord, SequentialComparison } from '../../../shared/contracts/admin';
import { DAILY_TABLE } from '../events/tables';
import { getService } from '../utils/get-service';

const DAY_MS = 86_400_000;
type ArmDay = { impressions: number; clicks: number; conversions: Map<string, number> };

/**
 * What the Analytics tab says of a running experiment beyond its KPIs: a fixed split's sequential
 * verdict per arm (read from its first day, whatever range is shown, as the test requires), and a
 * bandit's allocations over the range shown.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  /**
   * Each arm against the control by the sequential test, on clicks and on each goal, from the
   * experiment's first day to `to`: one look a day. Alpha is shared among the arms compared.
   */
  async sequential(experiment: ExperimentRecord, control: string, to: string): Promise<Map<string, SequentialComparison>> {
    const rows = await strapi.db
      .connection(DAILY_TABLE)
      .where({ content_type: experiment.contentType, base_document_id: experiment.baseDocumentId })
      .whereNot('arm', '')
      .whereBetween('day', [experiment.createdAt.slice(0, 10), to])
      .select('arm', 'day', 'type', 'goal')
      .sum({ count: 'count' })
      .groupBy('arm', 'day', 'type', 'goal');
    const byDay = new Map<string, Map<string, ArmDay>>();
    const goals = new Set<string>();
    for (const row of rows as any[]) {
      const arms = byDay.get(row.day) ?? byDay.set(row.day, new Map()).get(row.day)!;
      const counts = arms.get(row.arm) ?? arms.set(row.arm, { impressions: 0, clicks: 0, conversions: new Map() }).get(row.arm)!;
      const n = Number(row.count);
      if (row.type === 'impression') counts.impressions += n;
      else if (row.type === 'click') counts.clicks += n;
      else {
        counts.conversions.set(row.goal, (counts.conversions.get(row.goal) ?? 0) + n);
        goals.add(row.goal);
      }
    }
    const days = [...byDay.keys()].sort().map((day) => byDay.get(day)!);
    const treatments = [...new Set(days.flatMap((arms) => [...arms.keys()]))].filter((arm) => arm !== control);
    const comparisons = Math.max(1, treatments.length);
    const test = (arm: string, successes: (counts: ArmDay) => number) => {
      const trials = (counts: ArmDay | undefined): Trials => (counts ? { successes: successes(counts), trials: counts.impressions } : { successes: 0, trials: 0 });
      return sequentialTest(days.map((arms) => ({ control: trials(arms.get(control)), treatment: trials(arms.get(arm)) })), comparisons);
    };
    return new Map(
      treatments.map((arm) => [
        arm,
        {
          clicks: test(arm, (counts) => counts.clicks),
          conversions: Object.fromEntries([...goals].sort().map((goal) => [goal, test(arm, (counts) => counts.conversions.get(goal) ?? 0)])),
        },
      ])
    );
  },

  /** A bandit's versions stored within the days shown (UTC), oldest first. */
  async allocations(documentId: string, days: { from: string; to: string }): Promise<AllocationVersion[]> {
    const between = { from: Date.parse(days.from), to: Date.parse(days.to) + DAY_MS - 1 };
    return (await getService(strapi, 'bandits').history(documentId, between)).reverse();
  },
});
