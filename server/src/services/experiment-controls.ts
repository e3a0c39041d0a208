import type { Core, UID } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { validateBanditControls } from '../../../plugin/bandit';
import type { AllocationCause, ControlResponse, ExperimentOptimize, ExperimentRecord } from '../../../shared/contracts/admin';
import { validationError } from '../utils/errors';
import { getService } from '../utils/get-service';
import { ended } from './experiments';

const { ValidationError } = errors;
const REASON_MAX = 500;

const body = (input: unknown): Record<string, unknown> =>
  typeof input === 'object' && input !== null && !Array.isArray(input) ? (input as Record<string, unknown>) : {};

const reasonOf = (input: unknown): string | null => {
  const { reason } = body(input);
  if (reason === undefined || reason === null) return null;
  if (typeof reason !== 'string' || reason.length > REASON_MAX) throw new ValidationError(`reason: text of at most ${REASON_MAX} characters`);
  return reason.trim() || null;
};

const armOf = (record: ExperimentRecord, input: unknown) => {
  const { arm } = body(input);
  const found = record.arms.find((candidate) => candidate.name === arm);
  if (!found) throw new ValidationError(`arm: one of the arms (${record.arms.map((a) => a.name).join(', ')})`);
  return found;
};

/**
 * The editors' controls over a running experiment (Manage experiments): a bandit's pin, pause
 * and resume, each stored as an allocation version with who and why; and for any experiment,
 * stop and promote, which end it with a record of why.
 *
 * Promoting an arm ends the experiment and unpublishes the other arms' variants: the winner then
 * serves whom its targeting says (the base, or its variant), and the losers, being variants of the
 * same entry, would otherwise go on serving theirs. Unpublishing keeps each loser's draft, and the
 * record lists them, so publishing one again undoes it; the base is never unpublished.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const experiments = () => getService(strapi, 'experiments');

  const running = async (documentId: string) => {
    const record = await experiments().find(documentId);
    if (!record.active) throw new ValidationError(`documentId: experiment "${record.key}" has ended`);
    return record;
  };

  /** Changes a running bandit's controls, then allocates at once with that cause. */
  const control = async (documentId: string, cause: AllocationCause, by: string | null, change: (optimize: ExperimentOptimize) => Partial<ExperimentOptimize>): Promise<ControlResponse['data']> => {
    const record = await running(documentId);
    if (!record.optimize) throw new ValidationError(`documentId: "${record.key}" is a fixed split, its weights do not move: stop or promote it`);
    const optimize = { ...record.optimize, ...change(record.optimize) };
    const { problems } = validateBanditControls(optimize, record.arms.map((arm) => arm.name));
    // The routes take the pin's arm and share as they are: `arm`, `share`.
    if (problems.length) throw validationError(problems.map((problem) => ({ ...problem, field: problem.field.replace(/^pinned\./, '') })));
    const saved = await experiments().control(documentId, { optimize });
    return { experiment: saved, allocation: await getService(strapi, 'bandits').allocate(saved, cause, by) };
  };

  /** The variants of the arms other than `keep`, unpublished in the experiment's locale (every locale when it has none). */
  const unpublishOthers = async (record: ExperimentRecord, keep: string | null): Promise<string[]> => {
    const types = getService(strapi, 'content-types');
    const uid = record.contentType as UID.ContentType;
    if (!types.hasDraftAndPublish(uid)) return [];
    const locale = types.isLocalized(uid) ? (record.locale ?? '*') : undefined;
    const losers = record.arms.filter((arm) => arm.documentId !== null && arm.documentId !== keep).map((arm) => arm.documentId as string);
    for (const documentId of losers) await strapi.documents(uid).unpublish({ documentId, ...(locale ? { locale } : {}) } as any);
    return losers;
  };

  const latest = async (record: ExperimentRecord) =>
    record.optimize ? ((await getService(strapi, 'bandits').latest([record.documentId])).get(record.documentId) ?? null) : null;

  return {
    /** All the traffic (or `share` of it) to one arm, whatever the counts say, until unpinned. */
    pin(documentId: string, input: unknown, by: string | null) {
      const { share = 1 } = body(input);
      return control(documentId, 'pin', by, () => ({ pinned: { arm: String(body(input).arm), share: share as number } }));
    },
    unpin(documentId: string, by: string | null) {
      return control(documentId, 'unpin', by, () => ({ pinned: null }));
    },
    pause(documentId: string, by: string | null) {
      return control(documentId, 'pause', by, () => ({ paused: true }));
    },
    resume(documentId: string, by: string | null) {
      return control(documentId, 'resume', by, () => ({ paused: false }));
    },

    /** Ends the experiment: its visitors get the entry as personalized. */
    async stop(documentId: string, input: unknown, by: string | null): Promise<ControlResponse['data']> {
      await running(documentId);
      const saved = await experiments().control(documentId, { active: false, ended: ended('stopped', null, by, reasonOf(input) ?? 'stopped') });
      return { experiment: saved, allocation: await latest(saved) };
    },

    /** Ends the experiment for its winner: see the file's comment. */
    async promote(documentId: string, input: unknown, by: string | null): Promise<ControlResponse['data']> {
      const record = await running(documentId);
      const winner = armOf(record, input);
      const allocation = await latest(record);
      const best = allocation?.arms.find((arm) => arm.name === winner.name);
      const seen = best ? `probability to be best ${(best.probabilityBest * 100).toFixed(1)}% after ${best.trials.toLocaleString('en-US')} impressions` : 'promoted';
      const reason = reasonOf(input) ?? seen;
      const unpublished = await unpublishOthers(record, winner.documentId);
      const saved = await experiments().control(documentId, { active: false, ended: ended('promoted', winner.name, by, reason, unpublished) });
      return { experiment: saved, allocation };
    },
  };
};
