/**
 * HTTP figures: the playground in production mode, core and plugin queries side by side on the
 * same entry, with the same entry fields; ratios are plugin / core.
 */
import { LOAD, sideBySide, warmUp, type LoadFigures } from './load';
import { requests, type RequestName } from './queries';
import { atLeast, atMost, figure, gist, REPORTED, works, type Figure } from './report';
import { startServer } from './server';

/** Goals as ratios personalized / core: server CPU per request, p50 latency, throughput. */
const PAIRS: Array<{ group: string; core: RequestName; other: RequestName; label: string; cpu: number; p50?: number; rps?: number }> = [
  { group: 'http single', core: 'coreOne', other: 'personalizedOne', label: 'personalized', cpu: 1.05, p50: 1.15, rps: 0.85 },
  { group: 'http list 25', core: 'coreList25', other: 'personalizedList25', label: 'personalized', cpu: 1.15, p50: 1.3 },
  { group: 'http related', core: 'coreOne', other: 'related', label: 'relatedContent', cpu: 1.25 },
  { group: 'rest single', core: 'restCoreOne', other: 'restPersonalizedOne', label: 'personalized', cpu: 1.05 },
  { group: 'rest list 25', core: 'restCoreList25', other: 'restPersonalizedList25', label: 'personalized', cpu: 1.15 },
];

const describe = (f: LoadFigures) =>
  `p50 ${f.p50.toFixed(2)} ms, p95 ${f.p95.toFixed(2)} ms, ${f.rps.toFixed(0)} req/s, ` +
  `server CPU ${f.cpuPerRequest?.toFixed(2) ?? '?'} ms/request (${f.requests} requests, ${f.failures} failed)`;

const ratio = (x: number | null, y: number | null) => (x === null || y === null || y === 0 ? null : x / y);

export async function httpFigures(databaseFile: string, documentId: string, step: (what: string) => void, databaseEnv: Record<string, string> = {}) {
  const figures: Figure[] = [];
  const details: Record<string, unknown> = {};
  step(`HTTP: strapi start (production); autocannon, ${LOAD.connections} connections, ${LOAD.rounds} rounds of ${LOAD.roundSeconds} s each`);
  let server;
  try {
    server = await startServer(databaseFile, databaseEnv);
  } catch (error) {
    const log = String(error).match(/log (\S+):/)?.[1];
    figures.push(works('http', 'strapi start on the generated data', null, 'starts', `${gist(error)}${log ? ` (log: ${log})` : ''}`));
    return { figures, details };
  }
  try {
    const all = requests(documentId);
    figures.push(figure('http', 'server memory after start (RSS)', server.rssMB(), 'MB', REPORTED, 'Strapi with the plugin and its in-memory index'));
    step('HTTP: warming up every request');
    for (const name of new Set(PAIRS.flatMap((p) => [p.core, p.other]))) await warmUp(server, [name, all[name]]);
    for (const { group, core, other, label, cpu, p50, rps } of PAIRS) {
      step(`HTTP: ${core} vs ${other}`);
      const { a, b } = await sideBySide(server, [core, all[core]], [other, all[other]]);
      details[group] = { [core]: a, [other]: b };
      figures.push(
        figure(group, `core p50`, a.p50, 'ms', REPORTED, describe(a)),
        figure(group, `${label} p50`, b.p50, 'ms', REPORTED, describe(b)),
        figure(group, `p50 ratio ${label}/core`, b.p50 / a.p50, '', p50 ? atMost(p50) : REPORTED),
        figure(group, `p95 ratio ${label}/core`, b.p95 / a.p95, '', REPORTED),
        figure(group, `throughput ratio ${label}/core`, b.rps / a.rps, '', rps ? atLeast(rps) : REPORTED),
        figure(group, `server CPU per request ratio ${label}/core`, ratio(b.cpuPerRequest, a.cpuPerRequest), '', atMost(cpu))
      );
      if (a.failures + b.failures > 0) figures.push(figure(group, 'failed requests', a.failures + b.failures, '', atMost(0)));
    }
  } finally {
    await server.stop();
  }
  return { figures, details };
}
