import type { Core, UID } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { applyAllocation } from '../../../plugin/bandit';
import { validateExperiment, type Experiment } from '../../../plugin/experiment';
import type { ExperimentEnd, ExperimentRecord } from '../../../shared/contracts/admin';
import { EXPERIMENT_UID, FIELDS } from '../fields';
import { readOptimize } from '../optimize/optimize-input';
import { validationError } from '../utils/errors';
import { getService } from '../utils/get-service';
import { ttlCache } from '../utils/ttl-cache';

const { ValidationError, NotFoundError } = errors;
/** How long an experiment changed on another instance may take to apply on this one. */
export const EXPERIMENTS_TTL_MS = 5_000;
const EDITABLE = ['name', 'key', 'contentType', 'baseDocumentId', 'locale', 'version', 'arms', 'holdout', 'active', 'optimize'];
/** What the record says, not what an editor sets: `ended` is written by stopping and promoting. */
type Editable = Omit<ExperimentRecord, 'documentId' | 'createdAt'>;

/** The running experiment of a base entry in a locale; null when none. */
export interface RunningExperiments {
  forEntry(uid: string, documentId: string, locale: string | null | undefined): Experiment | null;
}

const entryKey = (uid: string, documentId: string) => `${uid}|${documentId}`;

/**
 * Experiments on base entries: stored as the plugin's `experiment` type, edited in the admin, and
 * read by every decision from memory (refreshed like the segment catalog).
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const documents = () => strapi.documents(EXPERIMENT_UID as any) as any;

  const toRecord = (row: any): ExperimentRecord => ({
    documentId: row.documentId,
    name: row.name,
    key: row.key,
    contentType: row.contentType,
    baseDocumentId: row.baseDocumentId,
    locale: row.entryLocale ?? null,
    version: row.version,
    arms: row.arms,
    holdout: Number(row.holdout ?? 0),
    active: row.active !== false,
    optimize: row.optimize ?? null,
    ended: row.ended ?? null,
    createdAt: new Date(row.createdAt).toISOString(),
  });

  const running = ttlCache(async (): Promise<RunningExperiments> => {
    const records = (await strapi.db.query(EXPERIMENT_UID as UID.Schema).findMany({ where: { active: true } })).map(toRecord);
    // A bandit serves its latest allocation's weights; before its first, the editor's.
    const allocations = await getService(strapi, 'bandits').latest(records.filter((r) => r.optimize).map((r) => r.documentId));
    const byEntry = new Map<string, Array<{ locale: string | null; experiment: Experiment }>>();
    for (const row of records) {
      const { experiment: saved } = validateExperiment({ key: row.key, version: row.version, arms: row.arms, holdout: row.holdout });
      // A stored experiment that no longer validates is left out: the entry is personalized as usual.
      if (!saved) continue;
      const allocation = allocations.get(row.documentId);
      const experiment = allocation ? applyAllocation(saved, allocation) : saved;
      const key = entryKey(row.contentType, row.baseDocumentId);
      byEntry.set(key, [...(byEntry.get(key) ?? []), { locale: row.locale, experiment }]);
    }
    return {
      forEntry: (uid, documentId, locale) =>
        byEntry.get(entryKey(uid, documentId))?.find((c) => c.locale === null || c.locale === (locale ?? null))?.experiment ?? null,
    };
  }, EXPERIMENTS_TTL_MS);

  /** Checks what the engine cannot: the type, the base entry and the arms' variants exist. Answers the bandit's settings read. */
  const check = async (record: Editable, documentId?: string) => {
    const uid = getService(strapi, 'content-types').assertOptedIn(record.contentType);
    const { experiment, problems } = validateExperiment({ key: record.key, version: record.version, arms: record.arms, holdout: record.holdout });
    if (!experiment) throw validationError(problems);
    const { optimize, problems: optimizeProblems } = readOptimize(record.optimize, experiment.arms.map((arm) => arm.name));
    if (optimizeProblems.length) throw validationError(optimizeProblems);
    const rows = await strapi.db.query(uid as UID.Schema).findMany({
      where: { $or: [{ documentId: record.baseDocumentId }, { [FIELDS.variantOf]: { documentId: record.baseDocumentId } }] },
      select: ['documentId'],
      populate: { [FIELDS.variantOf]: { select: ['documentId'] } },
    });
    const base = rows.find((r: any) => r.documentId === record.baseDocumentId);
    if (!base || base[FIELDS.variantOf]) throw new ValidationError(`baseDocumentId: not a base entry of ${uid}`);
    const variants = new Set(rows.filter((r: any) => r[FIELDS.variantOf]).map((r: any) => r.documentId));
    experiment.arms.forEach((arm, i) => {
      if (arm.documentId !== null && !variants.has(arm.documentId)) {
        throw new ValidationError(`arms[${i}].documentId: not a variant of ${record.baseDocumentId}`);
      }
    });
    const clash = await documents().findFirst({
      filters: { contentType: uid, baseDocumentId: record.baseDocumentId, active: true, ...(documentId ? { documentId: { $ne: documentId } } : {}) },
    });
    if (clash && record.active) throw new ValidationError(`baseDocumentId: experiment "${clash.key}" already runs on this entry; stop it first`);
    return optimize;
  };

  const readInput = (input: unknown) => {
    if (typeof input !== 'object' || input === null || Array.isArray(input)) throw new ValidationError(`body: expected an experiment (${EDITABLE.join(', ')})`);
    const body = input as Record<string, unknown>;
    const unknown = Object.keys(body).find((key) => !EDITABLE.includes(key));
    if (unknown) throw new ValidationError(`${unknown.slice(0, 64)}: not a field of an experiment`);
    if ('name' in body && (typeof body.name !== 'string' || !body.name.trim() || body.name.length > 100)) {
      throw new ValidationError('name: expected 1 to 100 characters');
    }
    if ('active' in body && typeof body.active !== 'boolean') throw new ValidationError('active: expected true or false');
    if ('locale' in body && body.locale !== null && (typeof body.locale !== 'string' || body.locale.length > 32)) {
      throw new ValidationError('locale: expected a locale code, or null for every locale');
    }
    return body;
  };

  const save = async (record: Editable, documentId?: string) => {
    const optimize = await check(record, documentId);
    const { locale, ...rest } = record;
    const data = { ...rest, optimize, entryLocale: locale };
    const row = documentId ? await documents().update({ documentId, data }) : await documents().create({ data });
    running.invalidate();
    return toRecord(row);
  };

  const find = async (documentId: string) => {
    const row = await documents().findOne({ documentId });
    if (!row) throw new NotFoundError(`documentId: no experiment ${documentId}`);
    return toRecord(row);
  };

  return {
    /** The running experiments as they are now, to ask synchronously for every entry of a request. */
    active(): Promise<RunningExperiments> {
      return running.get();
    },

    /** The running experiment of a base entry in a locale, from memory; null when none. */
    async forEntry(uid: string, documentId: string, locale: string | null | undefined): Promise<Experiment | null> {
      return (await running.get()).forEntry(uid, documentId, locale);
    },

    async list(filters: { contentType?: string; baseDocumentId?: string } = {}): Promise<ExperimentRecord[]> {
      const where = Object.fromEntries(Object.entries(filters).filter(([, v]) => typeof v === 'string' && v));
      const rows = await documents().findMany({ filters: where, sort: [{ createdAt: 'desc' }], limit: -1 });
      return rows.map(toRecord);
    },

    find,

    /** Every experiment is read again at the next decision (a bandit allocated, a control changed). */
    invalidate: running.invalidate,

    async create(input: unknown) {
      const body = readInput(input);
      if (typeof body.name !== 'string') throw new ValidationError('name: required');
      return save({ version: 1, holdout: 0, active: true, locale: null, optimize: null, ended: null, ...body } as Editable);
    },

    /**
     * Changes what an editor may change. Stopping records who stopped it (see `ended`), starting
     * again clears that record; a bandit whose arms or settings changed allocates again at once.
     */
    async update(documentId: string, input: unknown, by: string | null = null) {
      const { documentId: _, createdAt: __, ...current } = await find(documentId);
      const body = readInput(input);
      const next = { ...current, ...body } as Editable;
      if (current.active && !next.active) next.ended = ended('stopped', null, by, 'stopped');
      if (!current.active && next.active) next.ended = null;
      const saved = await save(next, documentId);
      if (saved.optimize && saved.active && ('arms' in body || 'optimize' in body)) await getService(strapi, 'bandits').allocate(saved, 'edit', by);
      return saved;
    },

    /**
     * Writes what the controls change (the bandit's settings, running or not, why it ended), as
     * the controls checked it: stopping must work even when an arm's variant is gone.
     */
    async control(documentId: string, change: Partial<Pick<Editable, 'optimize' | 'active' | 'ended'>>) {
      await find(documentId);
      const row = await documents().update({ documentId, data: change });
      running.invalidate();
      return toRecord(row);
    },

    async remove(documentId: string) {
      if (!(await documents().findOne({ documentId }))) throw new NotFoundError(`documentId: no experiment ${documentId}`);
      await documents().delete({ documentId });
      await getService(strapi, 'bandits').forget(documentId);
      running.invalidate();
    },
  };
};

/** The record of an experiment's end, now. */
export const ended = (action: ExperimentEnd['action'], arm: string | null, by: string | null, reason: string, unpublished: string[] = []): ExperimentEnd => ({
  action,
  arm,
  at: new Date().toISOString(),
  by,
  reason,
  unpublished,
});
