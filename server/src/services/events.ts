import crypto from 'crypto';
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { dayOf, EVENT_LIMITS, readEventBatch, type EventBatchResult, type EventProblem, type MeasuredEvent } from '../../../plugin/events';
import { DAILY_KEY, DAILY_TABLE, EVENTS_TABLE } from '../events/tables';
import { PLUGIN_ID } from '../fields';
import { getService } from '../utils/get-service';

const { ValidationError } = errors;
const SECRET_KEY = 'visitor-hash-secret';
const INSERT_ROWS = 100;

/**
 * Ingestion: validates a batch field by field, keeps the good events and reports the bad ones
 * by index, counts each client id once, and adds to the daily counts in the same transaction.
 * No personal data: the visitor id is stored only as a keyed hash with this install's secret.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const knex = () => strapi.db.connection;
  const config = () => strapi.config.get(`plugin::${PLUGIN_ID}.events`) as { retentionDays: number };
  let secret: string | null = null;

  const visitorSecret = async () => {
    if (secret) return secret;
    const store = strapi.store({ type: 'plugin', name: PLUGIN_ID });
    let saved = (await store.get({ key: SECRET_KEY })) as string | null;
    if (!saved) {
      saved = crypto.randomBytes(32).toString('hex');
      await store.set({ key: SECRET_KEY, value: saved });
    }
    secret = saved;
    return saved;
  };

  /** The stored form of a visitor id: a keyed hash, never the id itself; '' without an id. */
  const hasher = async () => {
    const key = await visitorSecret();
    return (visitorId: string | null) => (visitorId ? crypto.createHmac('sha256', key).update(visitorId).digest('hex').slice(0, 32) : '');
  };

  /** The event must name an opted-in type and one of its base entries, as this instance knows them. */
  const unknownTarget = (event: MeasuredEvent): Omit<EventProblem, 'index'> | null => {
    if (!getService(strapi, 'content-types').isOptedIn(event.contentType)) return { field: 'contentType', message: 'not an opted-in content type' };
    const found = getService(strapi, 'content-index').locate(event.baseDocumentId);
    if (!found || found.uid !== event.contentType || found.base !== event.baseDocumentId) {
      return { field: 'baseDocumentId', message: `not a base entry of ${event.contentType}` };
    }
    const served = getService(strapi, 'content-index').locate(event.servedDocumentId);
    if (!served || served.uid !== event.contentType || served.base !== event.baseDocumentId) {
      return { field: 'servedDocumentId', message: `neither ${event.baseDocumentId} nor one of its variants` };
    }
    return null;
  };

  const rowOf = (event: MeasuredEvent, visitorHash: string, receivedAt: number) => ({
    client_id: event.id,
    type: event.type,
    goal: event.goal,
    content_type: event.contentType,
    base_document_id: event.baseDocumentId,
    served_document_id: event.servedDocumentId,
    segment: event.segment ?? '',
    stage: event.stage ?? '',
    arm: event.arm ?? '',
    visitor_hash: visitorHash,
    day: dayOf(event.occurredAt),
    received_at: receivedAt,
  });

  /**
   * Adds the stored events to their daily counts: one upsert per distinct key, in key order, so
   * that concurrent batches lock shared rows in the same order (fewer deadlocks on MySQL/MariaDB).
   */
  const addToDaily = async (trx: any, rows: Array<ReturnType<typeof rowOf>>) => {
    const counts = new Map<string, Record<string, string | number>>();
    for (const row of rows) {
      const key = DAILY_KEY.map((k) => row[k]).join('\u0000');
      const entry = counts.get(key) ?? { ...Object.fromEntries(DAILY_KEY.map((k) => [k, row[k]])), count: 0 };
      entry.count = (entry.count as number) + 1;
      counts.set(key, entry);
    }
    for (const key of [...counts.keys()].sort()) {
      const entry = counts.get(key)!;
      await trx(DAILY_TABLE)
        .insert(entry)
        .onConflict([...DAILY_KEY])
        .merge({ count: trx.raw('??.?? + ?', [DAILY_TABLE, 'count', entry.count]) });
    }
  };

  return {
    async ingest(input: unknown): Promise<EventBatchResult> {
      const now = Date.now();
      const batch = readEventBatch(input, now);
      const whole = batch.problems.find((p) => p.index === null);
      if (whole) throw new ValidationError(`${whole.field}: ${whole.message}`);
      const rejected = batch.problems.map(({ index, field, message }) => ({ index: index as number, field, message }));
      if (!batch.consent) return { accepted: 0, duplicates: 0, rejected, consent: false };

      const valid: MeasuredEvent[] = [];
      for (const { index, event } of batch.events) {
        const problem = unknownTarget(event);
        if (problem) rejected.push({ index, field: `events[${index}].${problem.field}`, message: problem.message });
        else valid.push(event);
      }
      rejected.sort((a, b) => a.index - b.index);
      if (!valid.length) {
        throw new ValidationError(`${rejected[0].field}: ${rejected[0].message}`, { errors: rejected });
      }

      const hash = await hasher();
      const rows = valid.map((event) => rowOf(event, hash(event.visitorId), now));
      const store = () => knex().transaction(async (trx: any) => {
        const ids = rows.map((row) => row.client_id);
        const existing = new Set<string>(
          (await trx(EVENTS_TABLE).whereIn('client_id', ids).select('client_id')).map((r: { client_id: string }) => r.client_id)
        );
        const fresh = rows.filter((row) => !existing.has(row.client_id));
        // Two tries of one batch at once: the later fails on the unique client id and rolls back.
        for (let i = 0; i < fresh.length; i += INSERT_ROWS) await trx(EVENTS_TABLE).insert(fresh.slice(i, i + INSERT_ROWS));
        await addToDaily(trx, fresh);
        return fresh.length;
      });
      // A concurrent retry of the same batch may win the race once: then its events are found.
      const stored = await store().catch(() => store());
      return { accepted: stored, duplicates: rows.length - stored, rejected, consent: true };
    },

    /**
     * "Forget me": deletes the raw events of a visitor, found by the same keyed hash ingestion
     * stores. The daily counts stay: they hold no visitor. Returns how many events went.
     */
    async forget(input: unknown): Promise<number> {
      const visitorId = (input as { visitorId?: unknown } | null)?.visitorId;
      if (typeof visitorId !== 'string' || visitorId.length === 0 || visitorId.length > EVENT_LIMITS.longText) {
        throw new ValidationError(`visitorId: expected the visitor's id, a string of 1 to ${EVENT_LIMITS.longText} characters`);
      }
      const hash = await hasher();
      return knex()(EVENTS_TABLE).where('visitor_hash', hash(visitorId)).delete();
    },

    /** Drops raw events past the retention; the daily counts stay. Returns how many went. */
    async purgeExpired(now = Date.now()): Promise<number> {
      const cutoff = now - config().retentionDays * 24 * 3600 * 1000;
      return knex()(EVENTS_TABLE).where('received_at', '<', cutoff).delete();
    },
  };
};
