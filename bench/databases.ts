/**
 * The databases the Strapi parts of the bench run on: a throw-away SQLite file, and a throw-away
 * PostgreSQL cluster (scripts/throwaway-database.ts, as `npm run test:postgres` starts one) when
 * Debian's server binaries are installed. BENCH_DATABASES=sqlite (or postgres) keeps one.
 */
import fs from 'fs';
import os from 'os';
import path from 'path';
import { emptyDatabase, missingServer, startThrowawayDatabase, type ThrowawayDatabase } from '../scripts/throwaway-database';

export interface BenchDatabase {
  /** "SQLite", "PostgreSQL 15.14" */
  label: string;
  /** The SQLite file (a name only on PostgreSQL, as in the tests' harness). */
  file: string;
  /** DATABASE_* variables for the playground: empty on SQLite. */
  env: Record<string, string>;
  /** Empties the database, for a part that starts from the seeded playground. */
  reset: () => Promise<void>;
  dispose: () => void;
}

export type Unavailable = { label: string; missing: string };

const KINDS = ['sqlite', 'postgres'] as const;

export const chosenDatabases = () => {
  const chosen = (process.env.BENCH_DATABASES ?? KINDS.join(',')).split(',').map((s) => s.trim());
  const unknown = chosen.filter((kind) => !(KINDS as readonly string[]).includes(kind));
  if (unknown.length) throw new Error(`BENCH_DATABASES: unknown ${unknown.join(', ')} (${KINDS.join(', ')})`);
  return KINDS.filter((kind) => chosen.includes(kind));
};

const sqlite = (): BenchDatabase => {
  const file = path.join(os.tmpdir(), `personalize-bench-${process.pid}.db`);
  const remove = () => ['', '-journal', '-wal', '-shm'].forEach((s) => fs.rmSync(file + s, { force: true }));
  remove();
  return { label: 'SQLite', file, env: {}, reset: async () => remove(), dispose: remove };
};

const postgres = async (): Promise<BenchDatabase | Unavailable> => {
  const missing = missingServer('postgres');
  if (missing) return { label: 'PostgreSQL', missing };
  const server: ThrowawayDatabase = await startThrowawayDatabase('postgres');
  // Interrupted: the cluster goes with the bench.
  process.once('exit', server.stop);
  process.once('SIGINT', () => process.exit(130));
  return {
    label: server.version,
    file: `postgres-${process.pid}`,
    env: server.env,
    reset: () => emptyDatabase(server.env),
    dispose: server.stop,
  };
};

/** Starts the database of `kind`, or says why it cannot. */
export const openDatabase = (kind: (typeof KINDS)[number]): Promise<BenchDatabase | Unavailable> =>
  kind === 'sqlite' ? Promise.resolve(sqlite()) : postgres();
