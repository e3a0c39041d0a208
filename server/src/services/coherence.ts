import crypto from 'crypto';
import type { Core } from '@strapi/strapi';
import { getService } from '../utils/get-service';

/** What the in-memory state of every instance depends on, as one write through one instance changes it. */
export type Change =
  | { kind: 'entry'; uid: string; documentId: string }
  | { kind: 'segments' }
  | { kind: 'tags' }
  /** Rows written below the document service (an import): the index is read whole. */
  | { kind: 'index' }
  | { kind: 'settings' }
  | { kind: 'experiments' };

/** How the listening connection shows in pg_stat_activity (and how a test finds it to kill it). */
export const LISTENER_NAME = 'strapi-plugin-personalize listener';
/** Reconnection after a lost listening connection: from RETRY_MS, doubling, up to RETRY_MAX_MS. */
const RETRY_MS = 250;
const RETRY_MAX_MS = 5_000;

const KINDS = new Set(['entry', 'segments', 'tags', 'index', 'settings', 'experiments']);
const isChange = (value: any): value is Change =>
  value && KINDS.has(value.kind) && (value.kind !== 'entry' || (typeof value.uid === 'string' && typeof value.documentId === 'string'));

/**
 * Instances tell each other about changes at once on PostgreSQL: NOTIFY on the app's own
 * connection after a write (inside the write's transaction when there is one, so that it is
 * delivered on commit, and not at all on rollback), LISTEN on one connection of each instance
 * opened with the app's own database settings. Each change names what to read again: an entry's
 * family, the entries carrying a renamed or deleted segment or tag. While this instance listens,
 * the content index does not poll. On SQLite and MySQL/MariaDB, and while the listening
 * connection is lost, polling is the way (the index looks at most every 5 s, the caches expire
 * after 5 s). Once listening, the index looks for what changed before; after a reconnect,
 * everything in memory is read again (changed types whole), for what was said meanwhile.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  /** Tells this instance's own notifications from the others'. */
  const me = crypto.randomBytes(8).toString('hex');
  const onPostgres = () => strapi.db.dialect.client === 'postgres';
  const channel = () => `personalize:${strapi.db.getSchemaName() || 'public'}`;
  let listener: any = null;
  let stopped = true;
  let retry: NodeJS.Timeout | null = null;
  let failures = 0;

  const apply = async (change: Change) => {
    switch (change.kind) {
      case 'entry':
        return getService(strapi, 'content-index').refresh(change.uid, change.documentId);
      case 'segments':
        getService(strapi, 'segment-catalog').invalidate();
        return getService(strapi, 'content-index').relabel();
      case 'tags':
        return getService(strapi, 'content-index').relabel();
      case 'index':
        return getService(strapi, 'content-index').build();
      case 'settings':
        return getService(strapi, 'settings').invalidate();
      case 'experiments':
        return getService(strapi, 'experiments').invalidate();
    }
  };

  /** Everything in memory read again: what a lost connection may have missed. */
  const catchUp = async () => {
    getService(strapi, 'segment-catalog').invalidate();
    getService(strapi, 'settings').invalidate();
    getService(strapi, 'experiments').invalidate();
    await getService(strapi, 'content-index').lookNow(true);
  };

  const receive = (payload: string | undefined) => {
    let message: any;
    try {
      message = JSON.parse(payload ?? '');
    } catch {
      return;
    }
    if (message?.from === me || !isChange(message.change)) return;
    apply(message.change).catch((error: Error) => strapi.log.warn(`[personalize] change from another instance not applied: ${error.message}`));
  };

  const listen = async () => {
    retry = null;
    const knexClient = strapi.db.connection.client as any;
    // The app's own settings (knex keeps the password out of a spread: a hidden property).
    const settings = knexClient.connectionSettings ?? (await knexClient.connectionConfigProvider());
    const client = new knexClient.driver.Client({ ...settings, password: settings.password, application_name: LISTENER_NAME, keepAlive: true });
    let gone = false;
    const lose = (error?: Error) => {
      if (gone) return;
      gone = true;
      client.removeAllListeners('notification');
      client.end().catch(() => undefined);
      if (listener === client) {
        listener = null;
        strapi.log.warn(`[personalize] listening connection lost${error ? ` (${error.message})` : ''}: polling every 5 s until it is back`);
      } else if (failures === 0) {
        strapi.log.warn(`[personalize] cannot listen for other instances' changes (${error?.message ?? 'connection closed'}): polling every 5 s, trying again`);
      }
      if (stopped) return;
      const wait = Math.min(RETRY_MAX_MS, RETRY_MS * 2 ** failures++);
      retry = setTimeout(() => void listen(), wait);
      retry.unref();
    };
    client.on('error', lose);
    client.on('end', () => lose());
    client.on('notification', (message: { payload?: string }) => receive(message.payload));
    try {
      await client.connect();
      await client.query(`LISTEN "${channel().replace(/"/g, '""')}"`);
    } catch (error) {
      lose(error as Error);
      return;
    }
    if (stopped) return void client.end().catch(() => undefined);
    const reconnected = failures > 0;
    listener = client;
    failures = 0;
    strapi.log.info(`[personalize] listening for other instances' changes on PostgreSQL${reconnected ? ' again: reading everything again' : ''}`);
    if (reconnected) await catchUp().catch((error: Error) => strapi.log.warn(`[personalize] catch-up failed: ${error.message}`));
    // The index stops polling now: what was written between its last read and the LISTEN is looked
    // for once, in the background (a large index may still be warming up).
    else void getService(strapi, 'content-index').lookNow(false);
  };

  return {
    /** At bootstrap: listen on PostgreSQL (other databases poll). */
    async start() {
      if (!onPostgres()) return;
      stopped = false;
      await listen();
    },

    /** At shutdown. */
    async stop() {
      stopped = true;
      if (retry) clearTimeout(retry);
      retry = null;
      const client = listener;
      listener = null;
      await client?.end().catch(() => undefined);
    },

    /** Whether the changes of other instances arrive now (false: polling). */
    isListening: () => listener !== null,

    /**
     * After a write through this instance, once it is applied here: the other instances apply it
     * too. Never fails the write: at worst, the others find it by polling.
     */
    async changed(change: Change) {
      if (!onPostgres()) return;
      const payload = JSON.stringify({ from: me, change });
      try {
        if (strapi.db.inTransaction()) await strapi.db.transaction(({ trx }: any) => trx.raw('select pg_notify(?, ?)', [channel(), payload]));
        else await strapi.db.connection.raw('select pg_notify(?, ?)', [channel(), payload]);
      } catch (error) {
        strapi.log.warn(`[personalize] other instances not told of a change (they will find it by polling): ${(error as Error).message}`);
      }
    },
  };
};
