import type { Core } from '@strapi/strapi';
import { allocate, type Allocation, type BanditArm } from '../../../plugin/bandit';
import { validateExperiment } from '../../../plugin/experiment';
import type { AllocationCause, AllocationVersion, ExperimentRecord } from '../../../shared/contracts/admin';
import { DAILY_TABLE } from '../events/tables';
import { ALLOCATIONS_TABLE } from '../optimize/tables';
import { getService } from '../utils/get-service';

/** The most versions one read answers: a bandit allocating every 15 minutes stores at most 96 a day. */
const MAX_VERSIONS = 200;

const toVersion = (row: any): AllocationVersion => ({
  sequence: Number(row.sequence),
  at: new Date(Number(row.at)).toISOString(),
  cause: row.cause,
  by: row.by_user ?? null,
  mode: row.mode,
  winner: row.winner ?? null,
  arms: JSON.parse(row.arms),
  seed: Number(row.seed),
  draws: Number(row.draws),
});

/** Nothing moved: the same weights, mode and winner as the version before. */
const unchanged = (previous: AllocationVersion, next: Allocation) =>
  previous.mode === next.mode &&
  previous.winner === next.winner &&
  previous.arms.length === next.arms.length &&
  next.arms.every((arm, i) => previous.arms[i].name === arm.name && Math.abs(previous.arms[i].weight - arm.weight) < 1e-12);

/**
 * Bandits on the server: read an experiment's counts per arm since it started, let the engine
 * allocate (deterministic from the counts, so any instance may run it), and keep every allocation
 * as a version with its time, cause and reasons.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const knex = () => strapi.db.connection;

  /** Impressions and successes (clicks, or the goal's conversions) per arm, from the experiment's first day. */
  const countsOf = async (record: ExperimentRecord) => {
    const rows = await knex()(DAILY_TABLE)
      .where({ content_type: record.contentType, base_document_id: record.baseDocumentId })
      .where('day', '>=', record.createdAt.slice(0, 10))
      .whereIn('arm', record.arms.map((arm) => arm.name))
      .select('arm', 'type', 'goal')
      .sum({ count: 'count' })
      .groupBy('arm', 'type', 'goal');
    const counts = new Map<string, { trials: number; successes: number }>();
    const { metric, goal } = record.optimize!;
    for (const row of rows as any[]) {
      const arm = counts.get(row.arm) ?? counts.set(row.arm, { trials: 0, successes: 0 }).get(row.arm)!;
      const n = Number(row.count);
      if (row.type === 'impression') arm.trials += n;
      else if (metric === 'clicks' ? row.type === 'click' : row.type === 'conversion' && row.goal === goal) arm.successes += n;
    }
    return counts;
  };

  const service = {
    /** Each experiment's latest version, by documentId (one statement). */
    async latest(documentIds: string[]): Promise<Map<string, AllocationVersion>> {
      if (documentIds.length === 0) return new Map();
      const tops = knex()(ALLOCATIONS_TABLE)
        .whereIn('experiment_document_id', documentIds)
        .select('experiment_document_id')
        .max({ top: 'sequence' })
        .groupBy('experiment_document_id')
        .as('tops');
      const rows = await knex()(`${ALLOCATIONS_TABLE} as a`)
        .join(tops, function (this: any) {
          this.on('a.experiment_document_id', '=', 'tops.experiment_document_id').andOn('a.sequence', '=', 'tops.top');
        })
        .select('a.*');
      return new Map(rows.map((row: any) => [row.experiment_document_id, toVersion(row)]));
    },

    /** The versions of one experiment, newest first; between two times when given (ms). */
    async history(documentId: string, between?: { from: number; to: number }): Promise<AllocationVersion[]> {
      const query = knex()(ALLOCATIONS_TABLE).where({ experiment_document_id: documentId });
      if (between) query.whereBetween('at', [between.from, between.to]);
      return (await query.orderBy('sequence', 'desc').limit(MAX_VERSIONS)).map(toVersion);
    },

    /**
     * Allocates a bandit again and stores the version. The schedule and a request store nothing
     * when nothing moved, nor before the first impression (the editor's weights stand until then);
     * an editor's control always stores one, as the record of it. The version returned is the latest.
     */
    async allocate(record: ExperimentRecord, cause: AllocationCause, by: string | null = null): Promise<AllocationVersion | null> {
      const { experiment } = validateExperiment({ key: record.key, version: record.version, arms: record.arms, holdout: record.holdout });
      if (!experiment || !record.optimize) return null;
      const previous = (await service.latest([record.documentId])).get(record.documentId) ?? null;
      const counts = await countsOf(record);
      const before = new Map(previous?.arms.map((arm) => [arm.name, arm.weight]));
      const total = experiment.arms.reduce((sum, arm) => sum + arm.weight, 0);
      const arms: BanditArm[] = experiment.arms.map((arm) => ({
        name: arm.name,
        weight: before.get(arm.name) ?? arm.weight / total,
        trials: counts.get(arm.name)?.trials ?? 0,
        successes: counts.get(arm.name)?.successes ?? 0,
      }));
      const { minShare, pinned, paused } = record.optimize;
      const allocation = allocate(arms, { minShare, pinned, paused });
      if (allocation === null) return previous;
      const editor = cause !== 'schedule' && cause !== 'request';
      if (!editor && (previous ? unchanged(previous, allocation) : arms.every((arm) => arm.trials === 0))) return previous;

      const sequence = (previous?.sequence ?? 0) + 1;
      try {
        await knex()(ALLOCATIONS_TABLE).insert({
          experiment_document_id: record.documentId,
          sequence,
          at: Date.now(),
          cause,
          by_user: by,
          mode: allocation.mode,
          winner: allocation.winner,
          arms: JSON.stringify(allocation.arms),
          seed: allocation.seed,
          draws: allocation.draws,
        });
      } catch (error) {
        // Another instance stored this sequence first, from the same counts: keep theirs.
        const theirs = (await service.latest([record.documentId])).get(record.documentId);
        if (theirs?.sequence !== sequence) throw error;
      }
      getService(strapi, 'experiments').invalidate();
      await getService(strapi, 'coherence').changed({ kind: 'experiments' });
      return (await service.latest([record.documentId])).get(record.documentId) ?? null;
    },

    /** A deleted experiment's versions go with it. */
    async forget(documentId: string): Promise<void> {
      await knex()(ALLOCATIONS_TABLE).where({ experiment_document_id: documentId }).del();
    },

    /** The schedule's round: every running bandit, one at a time; one failing does not stop the others. */
    async allocateAll(): Promise<void> {
      const running = (await getService(strapi, 'experiments').list()).filter((record) => record.active && record.optimize);
      for (const record of running) {
        await service.allocate(record, 'schedule').catch((error: Error) => strapi.log.warn(`[personalize] bandit ${record.key} not allocated: ${error.message}`));
      }
    },
  };
  return service;
};
