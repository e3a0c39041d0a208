/**
 * The visitor context as REST query parameters, as the kit writes them; `contextFromQuery`
 * (context-query.ts) reads them back on the server. Its own module so that a front-end bundle
 * carries the writing without the reading and its messages.
 */
import { CONTEXT_FIELDS, type ContextInput } from './context';

/**
 * The query parameters of a context, in field order: what `contextFromQuery` reads back. Absent
 * and null fields are left out. A field's form follows its type, so a new field needs no writer:
 * a list is comma-separated, or repeated (`segments[]=a`) when an item holds a comma (an empty
 * one is left out); an object is one parameter of JSON (numbers and booleans keep their type);
 * a text is itself.
 */
export function contextToQuery(context: ContextInput): Array<[name: string, value: string]> {
  const params: Array<[string, string]> = [];
  for (const field of CONTEXT_FIELDS) {
    const value = context[field];
    if (value === undefined || value === null) continue;
    if (!Array.isArray(value)) params.push([field, typeof value === 'object' ? JSON.stringify(value) : value]);
    else if (value.some((item) => item.includes(','))) for (const item of value) params.push([`${field}[]`, item]);
    else if (value.length) params.push([field, value.join(',')]);
  }
  return params;
}
