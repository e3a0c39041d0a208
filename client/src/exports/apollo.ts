/**
 * `strapi-plugin-personalize/apollo`: type policies for Apollo Client's `InMemoryCache`.
 *
 * - `RelatedContentItem` and `PersonalizationDecision` are never normalized: a related item's
 *   `documentId` is the recommended *base* entry's, so an app that normalizes by `documentId`
 *   would merge two contexts' items into one and show one context the other's variant. Kept
 *   inside their query's answer, each context's answer stays its own.
 * - Personalized query fields are keyed by their arguments without `context.visitorId`: one cache
 *   entry per query and context, not one per visitor id.
 */

type Args = Record<string, unknown> | null | undefined;

/** The arguments a personalized field is cached under: all of them but the visitor id, keys sorted. */
export function personalizedKeyArgs(args: Args): string {
  const context = args?.context as Record<string, unknown> | null | undefined;
  const { visitorId: _ignored, ...rest } = context ?? {};
  return stable({ ...args, context: context ? rest : context });
}

/**
 * `new InMemoryCache({ typePolicies: personalizeTypePolicies(['personalizedHeroBanner', ...]) })`:
 * name the app's personalized query fields (`relatedContent` is always included). Merge with the
 * app's own policies by spreading.
 */
export function personalizeTypePolicies(queryFields: string[] = []) {
  return {
    RelatedContentItem: { keyFields: false as const },
    PersonalizationDecision: { keyFields: false as const },
    Query: { fields: Object.fromEntries(['relatedContent', ...queryFields].map((field) => [field, { keyArgs: personalizedKeyArgs }])) },
  };
}

/** JSON with object keys sorted at every level, so that equal arguments give one key. */
function stable(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stable).join(',')}]`;
  if (value && typeof value == 'object') {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : 1));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stable(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
