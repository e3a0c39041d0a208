/**
 * The visitor context as REST query parameters: the server reads it from a GET query (so that
 * caches can key on the URL); the kit writes it with `contextToQuery`, re-exported here from its
 * own module so that a front-end bundle leaves the reading and its messages out. One reader per
 * field, so that a field added to the context without its query form does not compile.
 *
 * - `segments`, `interests`: comma-separated (`segments=a,b`), or repeated (`segments[]=a`) when
 *   an item holds a comma;
 * - `traits`: JSON (`traits={"visits":3}`), so that numbers and booleans keep their type: the
 *   bracket form (`traits[visits]=3`) would turn them into text and is refused;
 * - `arms`: JSON as well (`arms={"home-hero@1":"guide"}`), one parameter like traits;
 * - `stage`, `journeyStep`, `visitorId`: the value as it is.
 * What a parameter holds is then checked by `readContext`, like any other context.
 */
import { CONTEXT_FIELDS, type ContextField, type ContextProblem } from './context';

export { contextToQuery } from './context-to-query';

/** A parsed query string, as Strapi (qs) gives it: strings, lists and objects. */
export type QueryValues = Record<string, unknown>;

/** The context value of a query value; a string is a problem. */
type Read = (value: unknown) => { value: unknown } | { problem: string };

const list: Read = (value) => {
  if (typeof value === 'string') return { value: value.split(',').filter((item) => item !== '') };
  // qs turns `segments[]=a&segments[]=b` (and `segments[0]=a`) into a list.
  if (Array.isArray(value)) return { value };
  return { problem: 'expected a comma-separated list, e.g. a,b' };
};

const text: Read = (value) => (typeof value === 'string' ? { value } : { problem: 'expected one value' });

/** A JSON object in one parameter; `why` says why the bracket form is refused. */
function json(value: unknown, field: ContextField, example: string, why: string): ReturnType<Read> {
  if (typeof value !== 'string') return { problem: `send ${field} as JSON, e.g. ${example}: ${why}` };
  try {
    return { value: JSON.parse(value) };
  } catch {
    return { problem: `expected a JSON object, e.g. ${example}` };
  }
}

const READERS: { [F in ContextField]: Read } = {
  segments: list,
  traits: (value) => json(value, 'traits', 'traits={"visits":4}', 'the bracket form turns numbers and booleans into text'),
  stage: text,
  journeyStep: text,
  interests: list,
  visitorId: text,
  arms: (value) => json(value, 'arms', 'arms={"home-hero@1":"guide"}', 'one parameter, as traits'),
};

/**
 * The context parameters of a query, and problems naming `context.<field>` for those that cannot
 * be read. Other parameters are left alone; the result is then read by `readContext`.
 */
export function contextFromQuery(query: QueryValues): { input: Record<string, unknown>; problems: ContextProblem[] } {
  const input: Record<string, unknown> = {};
  const problems: ContextProblem[] = [];
  for (const field of CONTEXT_FIELDS) {
    const raw = query[field];
    if (raw === undefined) continue;
    const read = READERS[field](raw);
    if ('problem' in read) problems.push({ field: `context.${field}`, message: read.problem });
    else input[field] = read.value;
  }
  return { input, problems };
}
