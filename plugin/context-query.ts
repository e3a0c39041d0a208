/**
 * The visitor context as REST query parameters, both ways: the server reads it from a GET query
 * (so that caches can key on the URL), the kit writes it. One codec per field, so that a field
 * added to the context without its query form does not compile.
 *
 * - `segments`, `interests`: comma-separated (`segments=a,b`), or repeated (`segments[]=a`) when
 *   an item holds a comma;
 * - `traits`: JSON (`traits={"visits":3}`), so that numbers and booleans keep their type: the
 *   bracket form (`traits[visits]=3`) would turn them into text and is refused;
 * - `arms`: JSON as well (`arms={"home-hero@1":"guide"}`), one parameter like traits;
 * - `stage`, `journeyStep`, `visitorId`: the value as it is.
 * What a parameter holds is then checked by `readContext`, like any other context.
 */
import { CONTEXT_FIELDS, type ContextField, type ContextInput, type ContextProblem } from './context';

/** A parsed query string, as Strapi (qs) gives it: strings, lists and objects. */
export type QueryValues = Record<string, unknown>;

interface Codec {
  /** The context value of a query value; a string is a problem. */
  read(value: unknown): { value: unknown } | { problem: string };
  /** The query parameters of a context value: [name suffix, text] pairs, e.g. ['', 'a,b'] or ['[]', 'a']. */
  write(value: never): Array<[string, string]>;
}

const list: Codec = {
  read(value) {
    if (typeof value === 'string') return { value: value.split(',').filter((item) => item !== '') };
    // qs turns `segments[]=a&segments[]=b` (and `segments[0]=a`) into a list.
    if (Array.isArray(value)) return { value };
    return { problem: 'expected a comma-separated list, e.g. a,b' };
  },
  write(items: readonly string[]) {
    if (items.some((item) => item.includes(','))) return items.map((item) => ['[]', item]);
    return items.length ? [['', items.join(',')]] : [];
  },
};

const text: Codec = {
  read(value) {
    if (typeof value === 'string') return { value };
    return { problem: 'expected one value' };
  },
  write(value: string) {
    return [['', value]];
  },
};

/** A JSON object in one parameter; `why` says why the bracket form is refused. */
const json = (field: ContextField, example: string, why: string): Codec => ({
  read(value) {
    if (typeof value !== 'string') return { problem: `send ${field} as JSON, e.g. ${example}: ${why}` };
    try {
      return { value: JSON.parse(value) };
    } catch {
      return { problem: `expected a JSON object, e.g. ${example}` };
    }
  },
  write(value: Record<string, unknown>) {
    return [['', JSON.stringify(value)]];
  },
});

const CODECS: { [F in ContextField]: Codec } = {
  segments: list,
  traits: json('traits', 'traits={"visits":4}', 'the bracket form turns numbers and booleans into text'),
  stage: text,
  journeyStep: text,
  interests: list,
  visitorId: text,
  arms: json('arms', 'arms={"home-hero@1":"guide"}', 'one parameter, as traits'),
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
    const read = CODECS[field].read(raw);
    if ('problem' in read) problems.push({ field: `context.${field}`, message: read.problem });
    else input[field] = read.value;
  }
  return { input, problems };
}

/** The query parameters of a context, in field order: what `contextFromQuery` reads back. Absent and null fields are left out. */
export function contextToQuery(context: ContextInput): Array<[name: string, value: string]> {
  const params: Array<[string, string]> = [];
  for (const field of CONTEXT_FIELDS) {
    const value = context[field];
    if (value === undefined || value === null) continue;
    for (const [suffix, text] of CODECS[field].write(value as never)) params.push([`${field}${suffix}`, text]);
  }
  return params;
}
