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
  const json = { 'Content-Type': 'application/json' };
  const eventsUrl = `${base}${CONTENT_API_PREFIX}/events`;
  /** The answer's body (a GET, or a POST of `body` as JSON); a failed request throws with its status and Strapi's message. */
  const call = async (path: string, body?: unknown) => {
    const res = await fetchFn(base + path, body === undefined ? { headers } : { method: 'POST', body: JSON.stringify(body), headers: { ...headers, ...json } });
    const answer = await res.json().catch(() => null);
    const error = answer?.error ?? answer?.errors?.[0];
    if (!res.ok || (error && !answer?.data)) throw Object.assign(new Error(error?.message ?? `HTTP ${res.status}`), { status: res.status, details: error?.details ?? answer?.errors });
    return answer;
  };
  return {
    /** GET /api/personalize/<path> with the context and the core parameters. */
    rest(path: string, context: ContextInput, query: Record<string, unknown> = {}) {
      const params = new URLSearchParams(contextToQuery(context));
      for (const [name, value] of Object.entries(query)) brackets(value, name, params);
      return call(`${CONTENT_API_PREFIX}${path}?${params}`);
    },
    /** POST /graphql; `context` goes in as the `$context` variable unless the caller gives one. */
    graphql: async <T>(query: string, variables: Record<string, unknown>, context: ContextInput): Promise<T> =>
      (await call('/graphql', { query, variables: { context, ...variables } })).data,
    post: (path: string, body: unknown) => call(CONTENT_API_PREFIX + path, body),
    /**
     * A batch of events (JSON text), without the app's headers (a server's token may not have the
     * events permission); `keepalive` lets it outlive the page. The queue reads the status itself.
     */
    events: (body: string) => fetchFn(eventsUrl, { method: 'POST', body, keepalive: true, headers: json }),
    /** Where event batches go, for a beacon too. */
    eventsUrl,
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
