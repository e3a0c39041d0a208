/**
 * Event ingestion at saturation against `strapi start`, next to core Strapi writes in the same
 * run: batches of 20 new events (`POST /api/personalize/events`), the same batches sent again
 * (all duplicates: a front-end's retry), and core entries created one per request
 * (`POST /api/offers` with a full-access API token). Rounds alternate, as in load.ts.
 *
 * Events accepted per second = 20 x batches answered 200, checked against the impressions the
 * analytics report counts afterwards. A retry's cost is the server's CPU time per retried batch
 * over its CPU time per new batch (steadier than latency on a shared machine).
 */
import { adminCredentials } from '../playground/src/seed/admin-user';
import { OFFER } from './app';
import { figures as summarize, LOAD, loadHttp, type LoadFigures, type Run, type Target } from './load';
import { atLeast, atMost, equalTo, figure, gist, REPORTED, works, type Figure } from './report';
import { startServer } from './server';

const BATCH = 20;
/** The retried batches: the last ones of the new-batch rounds, sent again in a cycle. */
const RETRIED = 500;
const JSON_HEADERS = { 'content-type': 'application/json' };

const call = async (url: string, path: string, init: { method?: string; headers?: Record<string, string>; body?: unknown } = {}) => {
  const res = await fetch(`${url}${path}`, {
    method: init.method ?? 'GET',
    headers: { ...JSON_HEADERS, ...init.headers },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  const body = await res.json().catch(() => null);
  if (!res.ok) throw new Error(`${init.method ?? 'GET'} ${path}: ${res.status} ${JSON.stringify(body).slice(0, 300)}`);
  return body;
};

/** An admin session, then a full-access API token, as an integrator would set one up. */
const apiToken = async (url: string) => {
  const { email, password } = adminCredentials();
  const login = await call(url, '/admin/login', { method: 'POST', body: { email, password } });
  const admin = { Authorization: `Bearer ${login.data.token}` };
  const created = await call(url, '/admin/api-tokens', {
    method: 'POST',
    headers: admin,
    body: { name: `bench-${Date.now()}`, type: 'full-access', lifespan: null, description: 'npm run bench' },
  });
  return { admin, token: { Authorization: `Bearer ${created.data.accessKey}` } };
};

/**
 * Base offers with one of their served entries (the base, or a published variant) and the
 * experiment arm when one runs, from the seeded playground, for a visitor (an experiment assigns
 * arms to visitors): events carry the decision's arm, as the kit's do, since an experiment's
 * analytics count arms and leave out what was served outside it.
 */
const servedOffers = async (url: string) => {
  const query = `{ personalizedOffers(pagination: { limit: 20 }, context: { segments: ["customer"], visitorId: "bench-visitor" }) { decision { baseDocumentId servedDocumentId arm } } }`;
  const body = await call(url, '/graphql', { method: 'POST', body: { query } });
  const served = body.data.personalizedOffers.map((o: any) => o.decision as { baseDocumentId: string; servedDocumentId: string; arm: string | null });
  if (!served.length) throw new Error('no offer to send events about');
  return served;
};

export async function ingestionFigures(label: string, databaseFile: string, databaseEnv: Record<string, string>, step: (what: string) => void): Promise<Figure[]> {
  const group = `ingestion ${label}`;
  step(`ingestion on ${label}: strapi start; autocannon, ${LOAD.connections} connections, ${LOAD.rounds} rounds of ${LOAD.roundSeconds} s each`);
  let server;
  try {
    // The bench is one client address: no rate limit in the way.
    server = await startServer(databaseFile, { ...databaseEnv, PERSONALIZE_EVENTS_RATE_POINTS: '1000000000' });
  } catch (error) {
    return [works(group, 'strapi start', null, 'starts', gist(error))];
  }
  try {
    const { admin, token } = await apiToken(server.url);
    const served = await servedOffers(server.url);
    const run = `${process.pid}-${Date.now().toString(36)}`;
    let sent = 0;
    const recent: string[] = [];
    const newBatch = () => {
      const n = ++sent;
      const body = JSON.stringify({
        consent: true,
        events: Array.from({ length: BATCH }, (_, i) => {
          const { baseDocumentId, servedDocumentId, arm } = served[(n + i) % served.length];
          return { id: `${run}-${n}-${i}`, type: 'impression', contentType: OFFER, baseDocumentId, servedDocumentId, arm, segment: 'customer', stage: 'inform', visitorId: `v-${n % 5000}` };
        }),
      });
      if (recent.length < RETRIED) recent.push(body);
      else recent[n % RETRIED] = body;
      return body;
    };
    let retries = 0;
    let created = 0;
    const requests: Record<'new' | 'retry' | 'core', Record<string, unknown>> = {
      new: { method: 'POST', path: '/api/personalize/events', headers: JSON_HEADERS, setupRequest: (req: any) => ({ ...req, body: newBatch() }) },
      retry: { method: 'POST', path: '/api/personalize/events', headers: JSON_HEADERS, setupRequest: (req: any) => ({ ...req, body: recent[retries++ % recent.length] }) },
      core: {
        method: 'POST',
        path: '/api/offers',
        headers: { ...JSON_HEADERS, ...token },
        setupRequest: (req: any) => ({ ...req, body: JSON.stringify({ data: { title: `Bench created offer ${++created}`, product: 'car' } }) }),
      },
    };

    // Correct answers before timing: a new batch is stored whole, its retry stored not at all.
    const first = newBatch();
    const stored = await call(server.url, '/api/personalize/events', { method: 'POST', body: JSON.parse(first) });
    const again = await call(server.url, '/api/personalize/events', { method: 'POST', body: JSON.parse(first) });
    if (stored.data.accepted !== BATCH || again.data.duplicates !== BATCH) {
      throw new Error(`ingestion answers: ${JSON.stringify(stored.data)} then ${JSON.stringify(again.data)}`);
    }
    await call(server.url, '/api/offers', { method: 'POST', headers: token, body: { data: { title: 'Bench created offer', product: 'car' } } });
    const impressionsBefore = await impressions(server.url, admin, served);

    step(`ingestion on ${label}: warming up, then alternating rounds`);
    const warm = Math.max(1, LOAD.warmupSeconds);
    const runs: Record<keyof typeof requests, Run[]> = { new: [], retry: [], core: [] };
    // New batches answered 200 since the check, warm-up included.
    let answered = (await loadHttp(server, requests.new, warm)).latencies.length;
    await loadHttp(server, requests.retry, warm);
    await loadHttp(server, requests.core, warm);
    const order: Array<keyof typeof requests> = ['new', 'retry', 'core'];
    for (let round = 0; round < LOAD.rounds; round++) {
      for (const name of round % 2 ? [...order].reverse() : order) {
        const result = await loadHttp(server, requests[name], LOAD.roundSeconds);
        runs[name].push(result);
        if (name === 'new') answered += result.latencies.length;
      }
    }
    const [events, retried, core] = [summarize(runs.new), summarize(runs.retry), summarize(runs.core)];

    // No accepted event is lost: the report's impressions grew by at least 20 per batch answered
    // 200 (a batch cut off at the end of a round may be stored without its answer being counted).
    const counted = (await impressions(server.url, admin, served)) - impressionsBefore;
    const eventsPerSecond = events.rps * BATCH;
    const describe = (f: LoadFigures, what: string) =>
      `${f.rps.toFixed(0)} ${what}/s, p50 ${f.p50.toFixed(1)} ms, p95 ${f.p95.toFixed(1)} ms, server CPU ${f.cpuPerRequest?.toFixed(2) ?? '?'} ms/request (${f.requests} requests, ${f.failures} failed)`;
    const ratio = (a: number | null, b: number | null) => (a === null || b === null || b === 0 ? null : a / b);
    return [
      figure(group, 'events accepted per second (batches of 20)', eventsPerSecond, '/s', REPORTED, describe(events, 'batches')),
      figure(group, 'core entries created per second (POST /api/offers)', core.rps, '/s', REPORTED, describe(core, 'entries')),
      figure(group, 'events accepted / core entries created', eventsPerSecond / core.rps, 'x', atLeast(20)),
      figure(group, 'retried batch / new batch, server CPU per batch', ratio(retried.cpuPerRequest, events.cpuPerRequest), '', atMost(1), describe(retried, 'retried batches')),
      figure(group, 'retried batch / new batch, p50 latency', retried.p50 / events.p50, '', REPORTED),
      figure(group, 'events accepted but not counted', Math.max(0, answered * BATCH - counted), '', equalTo(0), `${counted} impressions counted for ${answered} batches answered 200 (${sent - 1} sent)`),
      figure(group, 'failed requests', events.failures + retried.failures + core.failures, '', atMost(0)),
    ];
  } catch (error) {
    return [works(group, 'ingestion run', null, 'completes', gist(error))];
  } finally {
    await server.stop();
  }
}

/** Impressions the analytics report counts over the given base offers. */
const impressions = async (url: string, admin: Record<string, string>, served: Array<{ baseDocumentId: string }>) => {
  let total = 0;
  for (const base of new Set(served.map((s) => s.baseDocumentId))) {
    const report = await call(url, `/personalize/analytics?contentType=${OFFER}&documentId=${base}`, { headers: admin });
    for (const row of report.data.variants) total += row.counts.impressions;
  }
  return total;
};
