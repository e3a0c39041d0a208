/** Figures with their goals, printed as a table and written as commit-friendly JSON. */
import os from 'os';

export interface Figure {
  group: string;
  name: string;
  /** null when the figure could not be measured (see `note`). */
  value: number | null;
  unit: string;
  goal: string;
  /** true / false against the goal; null when the figure is only reported, or could not be measured. */
  met: boolean | null;
  note?: string;
}

type Check = (value: number) => boolean;
/** `label` names the limit when it is another figure, e.g. "core + 1". */
export const atMost = (limit: number, label = String(limit)): [string, Check] => [`<= ${label}`, (v) => v <= limit];
export const atLeast = (limit: number, label = String(limit)): [string, Check] => [`>= ${label}`, (v) => v >= limit];
export const equalTo = (target: number, label = String(target)): [string, Check] => [`== ${label}`, (v) => v === target];
export const REPORTED: [string, null] = ['reported', null];

export const figure = (
  group: string,
  name: string,
  value: number | null,
  unit: string,
  [goal, check]: [string, Check | null],
  note?: string
): Figure => {
  const measured = value !== null && !Number.isNaN(value);
  return {
    group,
    name,
    value: measured ? round(value) : null,
    unit,
    goal,
    met: measured && check ? check(value) : null,
    ...(note ? { note } : {}),
  };
};

/** A figure whose goal is that something works at all (a boot, a read), not a number. */
export const works = (group: string, name: string, seconds: number | null, goal: string, error: string | null): Figure => ({
  ...figure(group, name, seconds, 's', REPORTED, error ?? undefined),
  goal,
  met: error === null,
});

/** The gist of a driver or boot error: its first error line, without the long SQL or the stack. */
export const gist = (error: unknown): string => {
  const text = (error instanceof Error ? error.message : String(error)).replace(/\x1b\[[0-9;]*m/g, '');
  const lines = text.split('\n');
  const line = lines.find((l) => /error/i.test(l) && !/^\s+at /.test(l)) ?? lines[0];
  const cut = line.lastIndexOf(' - ');
  return (line.length > 300 && cut > 0 ? `${line.slice(0, 120)}… - ${line.slice(cut + 3)}` : line).slice(0, 400);
};

const round = (value: number) => (Math.abs(value) >= 100 ? Math.round(value) : Math.round(value * 1000) / 1000);

export const machine = () => ({
  cpu: os.cpus()[0]?.model.trim() ?? 'unknown',
  cores: os.cpus().length,
  memoryGB: Math.round(os.totalmem() / 2 ** 30),
  node: process.version,
  platform: `${os.platform()} ${os.release()}`,
  date: new Date().toISOString(),
  /** The machine may be shared: its load when the bench started (1, 5, 15 minutes). */
  loadAverage: os.loadavg().map((l) => Math.round(l * 100) / 100),
});

export function table(figures: Figure[]): string {
  const rows = figures.map((f) => [
    f.group,
    f.name,
    f.value === null ? 'n/a' : `${f.value} ${f.unit}`.trim(),
    f.goal,
    f.value === null && f.met === null ? 'not measured' : f.met === null ? 'reported' : f.met ? 'met' : 'MISSED',
  ]);
  const header = ['Group', 'Figure', 'Value', 'Goal', 'Result'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i])).join('  ').trimEnd();
  const notes = figures.filter((f) => f.note).map((f) => `  - ${f.group} / ${f.name}: ${f.note}`);
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line), ...(notes.length ? ['', 'Notes:', ...notes] : [])].join('\n');
}
