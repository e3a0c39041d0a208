/**
 * The visitor context as REST query parameters, as the kit writes them; `contextFromQuery`
 * (context-query.ts) reads them back on the server. Its own module so that a front-end bundle
 * carries the writing without the reading and its messages. One writer per field, so that a
 * field added to the context without its query form does not compile.
 */
import { CONTEXT_FIELDS, type ContextField, type ContextInput } from './context';

/** The query parameters of a context value: [name suffix, text] pairs, e.g. ['', 'a,b'] or ['[]', 'a']. */
type Write = (value: never) => Array<[string, string]>;

/** Comma-separated, or repeated (`segments[]=a`) when an item holds a comma; an empty list is left out. */
const list = (items: readonly string[]): Array<[string, string]> =>
  items.some((item) => item.includes(',')) ? items.map((item) => ['[]', item]) : items.length ? [['', items.join(',')]] : [];
const text = (value: string): Array<[string, string]> => [['', value]];
/** One parameter of JSON: numbers and booleans keep their type. */
const json = (value: Record<string, unknown>) => text(JSON.stringify(value));

const WRITERS: { [F in ContextField]: Write } = {
  segments: list,
  traits: json,
  stage: text,
  journeyStep: text,
  interests: list,
  visitorId: text,
  arms: json,
};

/** The query parameters of a context, in field order: what `contextFromQuery` reads back. Absent and null fields are left out. */
export function contextToQuery(context: ContextInput): Array<[name: string, value: string]> {
  const params: Array<[string, string]> = [];
  for (const field of CONTEXT_FIELDS) {
    const value = context[field];
    if (value === undefined || value === null) continue;
    for (const [suffix, text] of WRITERS[field](value as never)) params.push([`${field}${suffix}`, text]);
  }
  return params;
}
