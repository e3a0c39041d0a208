/**
 * The plugin's in-memory index at 100,000 and 1,000,000 entries: how long the content index takes
 * to read them at boot, and the memory it holds per entry. Measured on the real thing: a Strapi
 * booted in a child process (so that its heap is the index's alone to measure, with `--expose-gc`)
 * on a throw-away SQLite file filled by bench/generate.ts, one base offer for five variants, each
 * document in a draft and a published version; then `content-index.build()`, the very call of the
 * plugin's bootstrap, timed, with the heap measured after a full GC before and after.
 *
 * Run alone: `npm run bench -- index` (BENCH_INDEX_SIZES=100000 for one size).
 */
import { execFile } from 'child_process';
import fs from 'fs';
import os from 'os';
import path from 'path';
import { promisify } from 'util';
import { bootInProcess, compilePlayground } from './app';
import { generate } from './generate';
import { atMost, figure, gist, REPORTED, works, type Figure } from './report';

const SIZES = (process.env.BENCH_INDEX_SIZES ?? '100000,1000000').split(',').map(Number);
const VARIANTS_PER_BASE = 5;
const GOALS = { seconds: 30, bytesPerEntry: 500 };

interface Measured {
  entries: number;
  rows: number;
  generateSeconds: number;
  buildSeconds: number;
  bytesPerEntry: number;
  /** The child's peak resident memory (boot, generation and build). */
  peakRssMB: number;
}

export async function indexScaleFigures(step: (what: string) => void): Promise<Figure[]> {
  const figures: Figure[] = [];
  step('index at scale: compiling the playground');
  const compiled = await compilePlayground();
  for (const size of SIZES) {
    const label = `${size.toLocaleString('en')} entries`;
    step(`index at scale: ${label} in a child Strapi on SQLite (generation, then content-index.build())`);
    try {
      const { stdout } = await promisify(execFile)(
        process.execPath,
        ['--expose-gc', '-r', path.join(__dirname, 'register.cjs'), __filename, String(size)],
        { env: { ...process.env, BENCH_COMPILED: JSON.stringify(compiled) }, maxBuffer: 64 * 2 ** 20, timeout: 20 * 60_000 }
      );
      const measured: Measured = JSON.parse(stdout.trim().split('\n').pop()!);
      const note = `${measured.entries.toLocaleString('en')} documents (1 base : ${VARIANTS_PER_BASE} variants, draft + published: ${measured.rows.toLocaleString('en')} rows with links), generated in ${measured.generateSeconds.toFixed(0)} s; child peak RSS ${measured.peakRssMB.toFixed(0)} MB`;
      const big = size >= 1_000_000;
      figures.push(
        figure('index', `${label}: build at boot`, measured.buildSeconds, 's', big ? atMost(GOALS.seconds) : REPORTED, note),
        figure('index', `${label}: memory per entry`, measured.bytesPerEntry, 'bytes', big ? atMost(GOALS.bytesPerEntry) : REPORTED)
      );
    } catch (error) {
      figures.push(works('index', `${label}: build at boot`, null, 'completes', gist(error)));
    }
  }
  return figures;
}

/** In the child: one size, printed as JSON on the last line. */
async function measure(entries: number): Promise<Measured> {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('run with --expose-gc');
  const file = path.join(os.tmpdir(), `personalize-bench-index-${process.pid}.db`);
  const remove = () => ['', '-journal', '-wal', '-shm'].forEach((s) => fs.rmSync(file + s, { force: true }));
  remove();
  // Quiet: Strapi's logger would otherwise mix its lines into the JSON answer.
  const log = console.log;
  console.log = () => undefined;
  const app = await bootInProcess(file, JSON.parse(process.env.BENCH_COMPILED!));
  try {
    const bases = Math.round(entries / (VARIANTS_PER_BASE + 1));
    const { counts, seconds: generateSeconds } = await generate(app.strapi, { bases, variantsPerBase: VARIANTS_PER_BASE });
    const index = app.strapi.plugin('personalize').service('content-index');
    gc();
    const before = process.memoryUsage().heapUsed;
    const started = process.hrtime.bigint();
    await index.build();
    const buildSeconds = Number(process.hrtime.bigint() - started) / 1e9;
    gc();
    const after = process.memoryUsage().heapUsed;
    const documents = bases * (VARIANTS_PER_BASE + 1);
    console.log = log;
    return {
      entries: documents,
      rows: Object.values(counts).reduce((a, b) => a + b, 0),
      generateSeconds,
      buildSeconds,
      bytesPerEntry: (after - before) / documents,
      peakRssMB: process.resourceUsage().maxRSS / 1024,
    };
  } finally {
    await app.stop();
    remove();
  }
}

if (require.main === module) {
  measure(Number(process.argv[2])).then(
    (measured) => {
      console.log(JSON.stringify(measured));
      process.exit(0);
    },
    (error) => {
      console.error(error instanceof Error ? error.stack : String(error));
      process.exit(1);
    }
  );
}
