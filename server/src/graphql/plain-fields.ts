/**
 * Strapi's GraphQL plugin wraps every field of every object type in an async auth and policy
 * step, even a plain property with nothing to check. On a personalized list the decision's
 * fields were as many wrapped calls again as the entry's own (measured: twice the CPU of the
 * core list). The plugin's output types carry no auth scope, policy nor middleware, so their
 * fields are read as plain properties; the entry's own fields keep Strapi's wrapper.
 */
interface Schema {
  getType(name: string): unknown;
}
type Field = { resolve?: unknown };

/** schema → the types already read plainly in it */
const done = new WeakMap<Schema, Set<string>>();
const property = (parent: Record<string, unknown> | null, _args: unknown, _ctx: unknown, info: { fieldName: string }) =>
  parent?.[info.fieldName];

/** Once per schema (Strapi builds a new one when it reloads), from the plugin's query resolvers. */
export const readPlainFields = (schema: Schema | undefined, typeNames: readonly string[]) => {
  if (!schema) return;
  const seen = done.get(schema) ?? done.set(schema, new Set()).get(schema)!;
  for (const name of typeNames) {
    if (seen.has(name)) continue;
    seen.add(name);
    const type = schema.getType(name) as { getFields?: () => Record<string, Field> } | undefined;
    for (const field of Object.values(type?.getFields?.() ?? {})) field.resolve = property;
  }
};
