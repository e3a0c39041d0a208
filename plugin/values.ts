/**
 * What a value from the open internet is, in the words a problem message uses: shared by the
 * readers of contexts and rules so that both describe a wrong value the same way.
 */

/** GraphQL builds input objects without a prototype; both kinds are plain. */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** "a list", "an object", "a number", "null"...: what came instead of what was wanted. */
export function describe(value: unknown): string {
  if (value === null || value === undefined) return String(value);
  if (Array.isArray(value)) return 'a list';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}
