import { execFile } from 'child_process';
import fs from 'fs';
import type { AddressInfo } from 'net';
import { promisify } from 'util';
import { startServer, type Server } from '../../bench/server';
import { OFFERS } from '../../playground/src/seed/data';
import { onPostgres, startApp, type TestApp } from '../integration/harness';

/**
 * PostgreSQL killed under load and brought back (`npm run test:postgres`, on the throw-away
 * cluster that script creates: PERSONALIZE_PG_CTL, PERSONALIZE_PG_DATA, PERSONALIZE_PG_LOG,
 * PERSONALIZE_PG_RUN_AS). Two instances take a light load of GraphQL reads and event batches:
 * while the database is down every request must fail cleanly and quickly, afterwards they must
 * succeed again without restarting Strapi, and no event batch answered 200 may be lost.
 */
const PG_CTL = process.env.PERSONALIZE_PG_CTL;
const PG_DATA = process.env.PERSONALIZE_PG_DATA;
const PG_LOG = process.env.PERSONALIZE_PG_LOG;
const RUN_AS = process.env.PERSONALIZE_PG_RUN_AS || undefined;

/** No request may take longer than this while the database is down. */
const FAIL_FAST_MS = 5_000;
/** Both instances must serve again within this after PostgreSQL accepts connections. */
const RECOVER_MS = 15_000;
const DOWN_MS = 6_000;
const REQUEST_TIMEOUT_MS = 20_000;

const OFFER = OFFERS.uid;
const STACK_TRACE = /\bat [^\s]+ \(?[^\s]*:\d+:\d+\)?|node_modules|\/work\/|\.js:\d+/;

const run = promisify(execFile);
const pgCtl = async (...args: string[]) => {
  const [command, argv] = RUN_AS ? ['runuser', ['-u', RUN_AS, '--', PG_CTL!, ...args]] : [PG_CTL!, args];
  const started = Date.now();
  await run(command, argv, { timeout: 60_000 });
  return Date.now() - started;
};

interface Target {
  name: string;
  url: string;
}
interface Sample {
  target: string;
  /** Anonymous GraphQL (the Public role), GraphQL with an API token, an anonymous event batch. */
  kind: 'graphql' | 'graphql-token' | 'events';
  start: number;
  end: number;
  status: number;
  ok: boolean;
  body: string;
  /** Event client ids of the batch (events only). */
  ids?: string[];
}

let app: TestApp;
let other: Server | undefined;
let targets: Target[] = [];
let base: string;
let variant: string;

beforeAll(async () => {
  if (!onPostgres()) throw new Error('tests/postgres/ run on PostgreSQL only: use `npm run test:postgres`');
  if (!PG_CTL || !PG_DATA) {
    throw new Error(
      'fault.test.ts stops and restarts PostgreSQL, so it needs the throw-away cluster that `npm run test:postgres` ' +
        'creates when DATABASE_HOST is not set (PERSONALIZE_PG_CTL and PERSONALIZE_PG_DATA are missing). ' +
        'It is never run against a given DATABASE_HOST.'
    );
  }
  process.env.PERSONALIZE_EVENTS_RATE_POINTS = '1000000';
  app = await startApp();
  const offers = app.strapi.documents(OFFER);
  base = (await offers.create({ data: { title: 'Fault base offer', product: 'car' }, status: 'published' })).documentId;
  const customer = await app.strapi.documents('plugin::personalize.segment').findFirst({ filters: { slug: 'customer' } });
  variant = (
    await offers.create({ data: { title: 'Fault offer for customers', product: 'car', variantOf: base, targetSegments: [customer.documentId] }, status: 'published' })
  ).documentId;
  // The in-process app on a real port too, so that both instances are loaded the same way.
  const httpServer = app.strapi.server.httpServer;
  await new Promise<void>((resolve) => httpServer.listen(0, '127.0.0.1', resolve));
  other = await startServer(app.databaseFile, app.databaseEnv);
  targets = [
    { name: 'in-process', url: `http://127.0.0.1:${(httpServer.address() as AddressInfo).port}` },
    { name: 'strapi start', url: other.url },
  ];
}, 240_000);

afterAll(async () => {
  // Whatever happened, leave PostgreSQL running for the next test file.
  if (PG_CTL && PG_DATA) await pgCtl('-D', PG_DATA, '-l', PG_LOG ?? '/dev/null', '-w', 'start').catch(() => undefined);
  await other?.stop();
  await app?.stop();
  delete process.env.PERSONALIZE_EVENTS_RATE_POINTS;
});

const ONE = `query($id: ID!, $context: PersonalizationContextInput) {
  personalizedOffer(documentId: $id, context: $context) { entry { documentId } decision { servedDocumentId reason error } }
}`;

let batchCounter = 0;
const send = async (target: Target, kind: Sample['kind']): Promise<Sample> => {
  const ids = kind === 'events' ? Array.from({ length: 3 }, (_, i) => `fault-${process.pid}-${++batchCounter}-${i}`) : undefined;
  const body =
    kind !== 'events'
      ? { query: ONE, variables: { id: base, context: { segments: ['customer'] } } }
      : { consent: true, events: ids!.map((id) => ({ id, type: 'impression', contentType: OFFER, baseDocumentId: base, servedDocumentId: variant })) };
  const start = Date.now();
  try {
    const res = await fetch(`${target.url}${kind === 'events' ? '/api/personalize/events' : '/graphql'}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...(kind === 'graphql-token' ? app.fullAccess : {}) },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
    const text = await res.text();
    let ok = res.status === 200;
    if (ok) {
      const json = JSON.parse(text);
      ok =
        kind !== 'events'
          ? !json.errors && json.data?.personalizedOffer?.decision?.servedDocumentId === variant
          : json.data?.accepted === ids!.length;
    }
    return { target: target.name, kind, start, end: Date.now(), status: res.status, ok, body: text, ids };
  } catch (error: any) {
    return { target: target.name, kind, start, end: Date.now(), status: 0, ok: false, body: `${error.name}: ${error.message}`, ids };
  }
};

/** A light load: per instance, an anonymous reader, a reader with an API token and an event sender, each pausing 50 ms between requests. */
const startLoad = () => {
  const samples: Sample[] = [];
  let running = true;
  const worker = async (target: Target, kind: Sample['kind']) => {
    while (running) {
      samples.push(await send(target, kind));
      await new Promise((r) => setTimeout(r, 50));
    }
  };
  const workers = targets.flatMap((t) => KINDS.map((kind) => worker(t, kind)));
  return {
    samples,
    stop: async () => {
      running = false;
      await Promise.all(workers);
    },
  };
};

const KINDS = ['graphql', 'graphql-token', 'events'] as const;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const summary = (samples: Sample[]) => `${samples.length} requests, ${samples.filter((s) => s.ok).length} ok`;
const describeFailure = (s: Sample) => `${s.target} ${s.kind} ${s.status} after ${s.end - s.start} ms: ${s.body.slice(0, 300)}`;

it('fails cleanly while PostgreSQL is down, recovers without a restart, and loses no accepted event', async () => {
  const load = startLoad();
  const timings: string[] = [];
  try {
    await sleep(2_000);
    const before = load.samples.filter(() => true);
    expect(before.length).toBeGreaterThan(10);
    expect(before.filter((s) => !s.ok).map(describeFailure)).toEqual([]);

    // The in-process app logs every failed request (and knex every dropped connection): counted, not printed.
    let muted = 0;
    const mute = jest.spyOn(console, 'log').mockImplementation(() => {
      muted++;
    });
    // Kill: an immediate shutdown drops every connection without a goodbye, as a crash would.
    const stopMs = await pgCtl('-D', PG_DATA!, '-m', 'immediate', '-w', 'stop');
    const down = Date.now();
    timings.push(`pg_ctl stop -m immediate: ${stopMs} ms`);
    await sleep(DOWN_MS);
    const upStarted = Date.now();
    const startMs = await pgCtl('-D', PG_DATA!, '-l', PG_LOG ?? '/dev/null', '-w', 'start');
    const up = Date.now();
    timings.push(`down for ${up - down} ms (pg_ctl start -w: ${startMs} ms, started ${upStarted - down} ms after the stop)`);

    // Recovered: from some moment on, every request of every instance and kind succeeds.
    const recoveredAt = new Map<string, number>();
    while (Date.now() - up < RECOVER_MS + 2_000) {
      await sleep(250);
      for (const target of targets) {
        for (const kind of KINDS) {
          const mine = load.samples.filter((s) => s.target === target.name && s.kind === kind && s.start >= up);
          const lastFailure = mine.filter((s) => !s.ok).reduce((at, s) => Math.max(at, s.end), up);
          const since = mine.filter((s) => s.ok && s.start > lastFailure);
          if (since.length >= 5) recoveredAt.set(`${target.name} ${kind}`, since[0].end);
          else recoveredAt.delete(`${target.name} ${kind}`);
        }
      }
      if (recoveredAt.size === targets.length * KINDS.length) break;
    }
    await sleep(2_000);
    await load.stop();
    mute.mockRestore();
    timings.push(`the in-process app logged ${muted} lines meanwhile (not shown)`);

    // Surely down: started once the stop had settled, answered before the start was asked for.
    const during = load.samples.filter((s) => s.start >= down + 500 && s.end <= upStarted);
    // Touched by the fault at all: in flight at the stop, or started before PostgreSQL was up again.
    const touched = load.samples.filter((s) => s.end > down && s.start < up);
    const slowest = (list: Sample[]) => Math.max(0, ...list.map((s) => s.end - s.start));
    timings.push(`while down: ${summary(during)}, slowest ${slowest(during)} ms, first failure ${Math.min(...load.samples.filter((s) => !s.ok && s.end > down).map((s) => s.end)) - down} ms after the stop`);
    timings.push(`touched by the fault (in flight at the stop or started before the restart): ${summary(touched)}, slowest ${slowest(touched)} ms`);
    for (const [what, at] of recoveredAt) timings.push(`${what}: serving again ${at - up} ms after PostgreSQL was up`);
    console.log(`Fault test:\n  ${timings.join('\n  ')}\n  statuses while down: ${JSON.stringify(countBy(during, (s) => `${s.target} ${s.kind} ${s.status}`))}${KINDS.map((kind) => `\n  a ${kind} body while down: ${during.find((s) => s.kind === kind)?.body.slice(0, 300)}`).join('')}`);

    // Down: every request failed, quickly, with an error body and no internals.
    expect(during.length).toBeGreaterThan(10);
    expect(during.filter((s) => s.ok).map(describeFailure)).toEqual([]);
    expect(touched.filter((s) => s.end - s.start > FAIL_FAST_MS).map(describeFailure)).toEqual([]);
    const unclean = touched.filter((s) => {
      if (s.ok) return false;
      if (s.status === 0) return true;
      if (STACK_TRACE.test(s.body)) return true;
      try {
        const json = JSON.parse(s.body);
        // Anonymous requests: Strapi's users-permissions strategy turns any error while it reads
        // the Public role's permissions into "not authenticated", hence a 401 (not the plugin's).
        if (s.kind !== 'graphql-token' && s.status === 401 && json.error?.name === 'UnauthorizedError') return false;
        return s.kind !== 'events' ? !(s.status >= 500 || json.errors?.length) : !(s.status >= 500 && json.error);
      } catch {
        return true;
      }
    });
    expect(unclean.map(describeFailure)).toEqual([]);

    // Up: both instances serve again, the same processes.
    expect([...recoveredAt.keys()].sort()).toEqual(targets.flatMap((t) => KINDS.map((kind) => `${t.name} ${kind}`)).sort());
    for (const at of recoveredAt.values()) expect(at - up).toBeLessThan(RECOVER_MS);
    const after = load.samples.filter((s) => s.start >= Math.max(...recoveredAt.values()));
    expect(after.filter((s) => !s.ok).map(describeFailure)).toEqual([]);
    expect(other!.cpuSeconds()).not.toBeNull();
    for (const target of targets) expect([target.name, (await fetch(`${target.url}/_health`)).status]).toEqual([target.name, 204]);

    // No event answered 200 is lost: before the fault, across it, or after.
    const accepted = load.samples.filter((s) => s.kind === 'events' && s.status === 200);
    const acceptedIds = accepted.flatMap((s) => s.ids!);
    const stored = new Set<string>(
      (await app.strapi.db.connection('personalize_events').whereIn('client_id', acceptedIds).select('client_id')).map((r: any) => r.client_id)
    );
    const beforeFault = accepted.filter((s) => s.end <= down);
    console.log(`Fault test: ${accepted.length} event batches answered 200 (${beforeFault.length} before the stop), ${acceptedIds.length} events, ${stored.size} found stored`);
    expect(beforeFault.length).toBeGreaterThan(5);
    expect(acceptedIds.filter((id) => !stored.has(id))).toEqual([]);

    const logged = fs.readFileSync(other!.logFile, 'utf8').split('\n').filter((line) => /error|warn|unhandled/i.test(line));
    const distinct = [...new Set(logged.map((line) => line.replace(/^\[[^\]]+\] /, '').slice(0, 200)))];
    console.log(`Fault test: the \`strapi start\` instance logged ${logged.length} error/warning lines, ${distinct.length} distinct:\n  ${distinct.slice(0, 10).join('\n  ')}`);
  } finally {
    await load.stop();
  }
}, 180_000);

function countBy<T>(items: T[], key: (item: T) => string) {
  const counts: Record<string, number> = {};
  for (const item of items) counts[key(item)] = (counts[key(item)] ?? 0) + 1;
  return counts;
}
