/**
 * Personalized reads over REST and GraphQL with the visitor's context. REST parameters carry the
 * context exactly as the server reads it (`contextToQuery`), and the core parameters (`populate`,
 * `filters`, ...) in Strapi's bracket form. Entries come with their tags' slugs unless `populate`
 * says otherwise, so that what the visitor sees can feed their interests.
 */
import { CONTENT_API_PREFIX, contextToQuery, type ContextInput } from '../../shared/contracts/content-api';

/** The core parameters of a read, as Strapi's REST API takes them. */
export type ReadOptions = {
  locale?: string;
  status?: 'draft' | 'published';
  populate?: unknown;
  fields?: string[];
  filters?: Record<string, unknown>;
  sort?: string | string[];
  pagination?: Record<string, number>;
};

/** A failed request: the HTTP status and Strapi's error message and details. */
export type PersonalizeError = Error & { status: number; details?: unknown };

export type Fetcher = ReturnType<typeof createFetcher>;

export function createFetcher(base: string, fetchFn: typeof fetch, headers?: Record<string, string>) {
  const call = async (path: string, init?: RequestInit) => {
    const res = await fetchFn(base + path, { ...init, headers: { ...headers, ...(init?.headers as Record<string, string>) } });
    const body = await res.json().catch(() => null);
    const error = body?.error ?? body?.errors?.[0];
    if (!res.ok || (error && !body?.data)) throw Object.assign(new Error(error?.message ?? `HTTP ${res.status}`), { status: res.status, details: error?.details ?? body?.errors });
    return body;
  };
  return {
    /** GET /api/personalize/<path> with the context and the core parameters. */
    rest(path: string, context: ContextInput, query: Record<string, unknown> = {}) {
      const params = new URLSearchParams(contextToQuery(context));
      for (const [name, value] of Object.entries(query)) brackets(value, name, params);
      return call(`${CONTENT_API_PREFIX}${path}?${params}`);
    },
    /** POST /graphql; `context` goes in as the `$context` variable unless the caller gives one. */
    async graphql<T>(query: string, variables: Record<string, unknown>, context: ContextInput): Promise<T> {
      const body = JSON.stringify({ query, variables: { context, ...variables } });
      return (await call('/graphql', { method: 'POST', body, headers: { 'Content-Type': 'application/json' } })).data;
    },
    post(path: string, body: unknown) {
      return call(`${CONTENT_API_PREFIX}${path}`, { method: 'POST', body: JSON.stringify(body), headers: { 'Content-Type': 'application/json' } });
    },
  };
}

/** The query of a read; without `populate`, the entry's tag slugs (an app's own `populate` should name `contentTags`). */
export const readQuery = (options: ReadOptions = {}): Record<string, unknown> => ({ ...options, populate: options.populate ?? { contentTags: { fields: ['slug'] } } });

/** A value in qs's bracket form, as Strapi parses it: `populate[image][fields][0]=url`. */
function brackets(value: unknown, name: string, params: URLSearchParams): void {
  if (value === undefined || value === null) return;
  if (typeof value !== 'object') return params.append(name, String(value));
  for (const [key, item] of Object.entries(value)) brackets(item, `${name}[${key}]`, params);
}
