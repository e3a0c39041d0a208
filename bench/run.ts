/**
 * `npm run bench`: the cost of personalization against plain Strapi, side by side. Prints a table
 * and writes bench/results.json. Timing goals are checked here, never in the test suite.
 *
 * 1. the engine alone (plugin/), in this process, and the bandit and the sequential test on
 *    simulated visitors;  2. data at scale in a throw-away SQLite file,
 * generated through an in-process Strapi, spot-checked;  3. SQL statements per request, counted
 * in that same process;  4. HTTP load against `strapi start` in a child process.
 */
import fs from 'fs';
import os from 'os';
import path from 'path';
import { bootInProcess, compilePlayground } from './app';
import { pickEntry, reloadPlugin, spotCheck, type BenchEntry } from './check';
import { engineFigures } from './engine';
import { kitFigures } from './kit';
import { generate } from './generate';
import { httpFigures } from './http';
import { LOAD } from './load';
import { optimizeFigures } from './optimize';
import { equalTo, figure, machine, REPORTED, table, works, type Figure } from './report';
import { countStatements, sqlFigures, type StatementCounts } from './sql';

const SCALE = { bases: Number(process.env.BENCH_BASES ?? 10_000), variantsPerBase: 5, segments: 50, tags: 1_000 };
const started = process.hrtime.bigint();
const elapsed = () => Math.round(Number(process.hrtime.bigint() - started) / 1e8) / 10;
const step = (what: string) => console.log(`[bench ${elapsed()} s] ${what}`);

/** Steps 2 to 4: generate and check the data, count statements in process, then load `strapi start`. */
async function strapiFigures(databaseFile: string, compiled: { appDir: string; distDir: string }, details: Record<string, unknown>) {
  const figures: Figure[] = [];
  step(`in-process Strapi on ${databaseFile}: ${SCALE.bases.toLocaleString('en')} offers with ${SCALE.variantsPerBase} variants each`);
  const app = await bootInProcess(databaseFile, compiled);
  let entry: BenchEntry;
  let sql: StatementCounts | null = null;
  try {
    const generated = await generate(app.strapi, SCALE);
    const rows = Object.values(generated.counts).reduce((a, b) => a + b, 0);
    figures.push(figure('data', 'rows written', rows, '', REPORTED, `in ${generated.seconds.toFixed(1)} s: ${JSON.stringify(generated.counts)}`));
    const reload = await reloadPlugin(app.strapi);
    figures.push(works('data', 'plugin reads the data into its index', reload.seconds, 'no error', reload.error));
    entry = await pickEntry(app.strapi, generated);
    const problems = await spotCheck(app, generated, entry);
    figures.push(figure('data', 'spot check (document service, GraphQL)', problems.length, 'problems', equalTo(0), problems.join('; ') || undefined));
    if (!reload.error) {
      step('SQL statements per request');
      sql = await countStatements(app, entry.documentId);
      details.statements = sql.statements;
    }
  } finally {
    await app.stop();
  }
  figures.push(...sqlFigures(sql, 'the plugin could not read the data (see data)'));
  const http = await httpFigures(databaseFile, entry.documentId, step);
  details.http = http.details;
  return [...figures, ...http.figures];
}

async function main() {
  const host = machine();
  const figures: Figure[] = [];
  const details: Record<string, unknown> = {};

  step('front-end kit: bundle sizes (bench/kit.ts)');
  figures.push(...(await kitFigures()));

  step('engine: decisions, then related-content ranking at 100,000 and 1,000,000 entries');
  figures.push(...engineFigures());

  step('engine: the bandit and the sequential test on simulated visitors (bench/optimize.ts)');
  figures.push(...(await optimizeFigures()));

  step('compiling the playground (its TypeScript only)');
  const compiled = await compilePlayground();
  const databaseFile = path.join(os.tmpdir(), `personalize-bench-${process.pid}.db`);
  const removeDatabase = () => ['', '-journal', '-wal', '-shm'].forEach((s) => fs.rmSync(databaseFile + s, { force: true }));
  removeDatabase();

  try {
    figures.push(...(await strapiFigures(databaseFile, compiled, details)));
  } finally {
    removeDatabase();
  }

  console.log(`\n${table(figures)}\n`);
  const missed = figures.filter((f) => f.met === false).length;
  const results = { machine: host, scale: SCALE, load: LOAD, seconds: elapsed(), missed, figures };
  fs.writeFileSync(path.join(__dirname, 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
  // Not committed (.gitignore): the SQL of each counted request and the raw load figures.
  fs.writeFileSync(path.join(__dirname, 'results.local.json'), `${JSON.stringify({ ...results, details }, null, 2)}\n`);
  step(`done in ${elapsed()} s: ${missed} goal(s) missed; wrote bench/results.json and bench/results.local.json`);
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(`[bench] failed: ${(error instanceof Error ? error.stack ?? error.message : String(error)).slice(0, 1500)}`);
    process.exit(1);
  }
);
