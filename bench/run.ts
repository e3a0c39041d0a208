/**
 * `npm run bench`: the cost of personalization against plain Strapi, side by side. Prints a table
 * and writes bench/results.json. Timing goals are checked here, never in the test suite.
 *
 * 1. the engine alone (plugin/), in this process, and the bandit and the sequential test on
 *    simulated visitors;  2. data at scale in a throw-away SQLite file,
 * generated through an in-process Strapi, spot-checked;  3. SQL statements per request, counted
 * in that same process;  4. HTTP load against `strapi start` in a child process. Steps 2 to 4
 * again on a throw-away PostgreSQL cluster (bench/databases.ts);  5. event ingestion against core
 * writes, on both (bench/ingestion.ts);  6. the in-memory index at 100,000 and 1,000,000 entries
 * (bench/index-scale.ts).
 *
 * `npm run bench -- <part> ...` runs some parts only (kit, engine, optimize, delivery, ingestion,
 * index) and then prints the table without replacing bench/results.json; BENCH_DATABASES=sqlite
 * or postgres narrows delivery and ingestion to one database.
 */
import fs from 'fs';
import path from 'path';
import { bootInProcess, compilePlayground } from './app';
import { pickEntry, reloadPlugin, spotCheck, type BenchEntry } from './check';
import { chosenDatabases, openDatabase, type BenchDatabase } from './databases';
import { engineFigures } from './engine';
import { kitFigures } from './kit';
import { generate } from './generate';
import { httpFigures } from './http';
import { indexScaleFigures } from './index-scale';
import { ingestionFigures } from './ingestion';
import { LOAD } from './load';
import { optimizeFigures } from './optimize';
import { equalTo, figure, machine, REPORTED, table, works, type Figure } from './report';
import { countStatements, sqlFigures, type StatementCounts } from './sql';

const SCALE = { bases: Number(process.env.BENCH_BASES ?? 10_000), variantsPerBase: 5, segments: 50, tags: 1_000 };
const started = process.hrtime.bigint();
const elapsed = () => Math.round(Number(process.hrtime.bigint() - started) / 1e8) / 10;
const step = (what: string) => console.log(`[bench ${elapsed()} s] ${what}`);

const PARTS = ['kit', 'engine', 'optimize', 'delivery', 'ingestion', 'index'] as const;
const chosen = process.argv.slice(2);
const wanted = (part: (typeof PARTS)[number]) => chosen.length === 0 || chosen.includes(part);

/** Steps 2 to 4: generate and check the data, count statements in process, then load `strapi start`. */
async function strapiFigures(database: BenchDatabase, compiled: { appDir: string; distDir: string }, details: Record<string, unknown>) {
  const { file: databaseFile, env: databaseEnv } = database;
  const figures: Figure[] = [];
  step(`in-process Strapi on ${database.label} (${databaseFile}): ${SCALE.bases.toLocaleString('en')} offers with ${SCALE.variantsPerBase} variants each`);
  const app = await bootInProcess(databaseFile, compiled, databaseEnv);
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
  const http = await httpFigures(databaseFile, entry.documentId, step, databaseEnv);
  details.http = http.details;
  return [...figures, ...http.figures];
}

async function main() {
  const host = machine();
  const figures: Figure[] = [];
  const details: Record<string, unknown> = {};

  const unknown = chosen.filter((part) => !(PARTS as readonly string[]).includes(part));
  if (unknown.length) throw new Error(`unknown part(s) ${unknown.join(', ')}: ${PARTS.join(', ')}`);

  if (wanted('kit')) {
    step('front-end kit: bundle sizes (bench/kit.ts)');
    figures.push(...(await kitFigures()));
  }
  if (wanted('engine')) {
    step('engine: decisions, then related-content ranking at 100,000 and 1,000,000 entries');
    figures.push(...engineFigures());
  }
  if (wanted('optimize')) {
    step('engine: the bandit and the sequential test on simulated visitors (bench/optimize.ts)');
    figures.push(...(await optimizeFigures()));
  }
  if (wanted('index')) figures.push(...(await indexScaleFigures(step)));

  if (wanted('delivery') || wanted('ingestion')) {
    step('compiling the playground (its TypeScript only)');
    const compiled = await compilePlayground();
    for (const kind of chosenDatabases()) {
      const database = await openDatabase(kind);
      if ('missing' in database) {
        figures.push(figure(database.label, 'delivery and ingestion', null, '', REPORTED, `not measured: ${database.missing}`));
        continue;
      }
      // SQLite keeps the groups of earlier results; other databases are named in theirs.
      const named = (list: Figure[]) => (kind === 'sqlite' ? list : list.map((f) => ({ ...f, group: `${f.group} (${database.label})` })));
      try {
        if (wanted('delivery')) {
          await database.reset();
          const ours: Record<string, unknown> = {};
          figures.push(...named(await strapiFigures(database, compiled, ours)));
          details[kind === 'sqlite' ? 'delivery' : `delivery ${database.label}`] = ours;
        }
        if (wanted('ingestion')) {
          await database.reset();
          figures.push(...(await ingestionFigures(database.label, database.file, database.env, step)));
        }
      } finally {
        database.dispose();
      }
    }
  }

  console.log(`\n${table(figures)}\n`);
  const missed = figures.filter((f) => f.met === false).length;
  const results = { machine: host, scale: SCALE, load: LOAD, parts: chosen.length ? chosen : [...PARTS], seconds: elapsed(), missed, figures };
  // A run of some parts only leaves the full run's figures in place.
  if (!chosen.length) fs.writeFileSync(path.join(__dirname, 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
  // Not committed (.gitignore): the SQL of each counted request and the raw load figures.
  fs.writeFileSync(path.join(__dirname, 'results.local.json'), `${JSON.stringify({ ...results, details }, null, 2)}\n`);
  step(`done in ${elapsed()} s: ${missed} goal(s) missed; wrote ${chosen.length ? '' : 'bench/results.json and '}bench/results.local.json`);
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(`[bench] failed: ${(error instanceof Error ? error.stack ?? error.message : String(error)).slice(0, 1500)}`);
    process.exit(1);
  }
);
