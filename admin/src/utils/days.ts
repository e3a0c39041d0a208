/** Days as the analytics name them: YYYY-MM-DD, UTC. */
export const DAY = /^\d{4}-\d{2}-\d{2}$/;
const DAY_MS = 86_400_000;
/** The server reads at most this many days at once. */
const MAX_DAYS = 366;

export const isDay = (value: string | null | undefined): value is string =>
  typeof value === 'string' && DAY.test(value) && !Number.isNaN(Date.parse(value));

/** Every day from `from` to `to`, both included; [] when either is not a day or they are reversed. */
export function daysBetween(from: string, to: string): string[] {
  if (!isDay(from) || !isDay(to)) return [];
  const days: string[] = [];
  for (let at = Date.parse(from); at <= Date.parse(to) && days.length < MAX_DAYS; at += DAY_MS) {
    days.push(new Date(at).toISOString().slice(0, 10));
  }
  return days;
}

/** A report's daily rows over its whole range, days without events at 0. */
export function fillDays<T extends { day: string }>(rows: T[], from: string, to: string, empty: (day: string) => T): T[] {
  const days = daysBetween(from, to);
  if (days.length === 0) return rows;
  const byDay = new Map(rows.map((row) => [String(row.day).slice(0, 10), row]));
  return days.map((day) => byDay.get(day) ?? empty(day));
}
