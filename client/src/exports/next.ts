/**
 * `strapi-plugin-personalize/next`: helpers for Next.js written against the Web `Request`,
 * `Response` and `Headers` (no import of `next`), so they run in middleware (edge) and in server
 * components alike.
 *
 * - `visit(request)` in middleware: records the page view (a new visit after 30 minutes idle, the
 *   campaign, referrer, device, language, and the country from `x-vercel-ip-country` or
 *   `cf-ipcountry`), gives the request headers with the updated profile for the server render,
 *   and, with consent, writes the cookie on the response.
 * - `contextFromCookies(await cookies())` in a server component: the visitor's context.
 */
import { cookieFrom, DEFAULT_COOKIE, serializeCookie, type CookieOptions, type CookieSource } from '../cookie';
import { requestPage } from '../page';
import { createTracker } from '../tracker';
import { profileConfig, type Profile, type ProfileOptions } from '../../../plugin/profile';
import { encodeProfile } from '../../../plugin/profile-cookie';
import { createPersonalize, type ContextInput } from './client';

export interface VisitOptions {
  cookie?: Partial<CookieOptions>;
  profile?: ProfileOptions;
  /** Whether the visitor consented (e.g. from the consent tool's cookie); by default whether the profile cookie exists. */
  consent?: (request: Request) => boolean | undefined;
  /** The page's own tags, when the middleware knows them. */
  tags?: string[];
}

export interface Visit {
  profile: Profile;
  /** The request's headers with the updated profile: `NextResponse.next({ request: { headers } })`. */
  headers: Headers;
  /** Writes the profile cookie on the response when the visitor consented; returns the response. */
  apply<R extends Response>(response: R): R;
}

/** Prefetches are not page views. */
const isPrefetch = (headers: Headers) =>
  headers.has('next-router-prefetch') || /prefetch/i.test(`${headers.get('purpose')}${headers.get('sec-purpose')}`);

export function visit(request: Request, options: VisitOptions = {}): Visit {
  const cookie: CookieOptions = { ...DEFAULT_COOKIE, secure: request.url.startsWith('https:'), ...options.cookie };
  const config = profileConfig(options.profile);
  let setCookie: string | undefined;
  const tracker = createTracker(
    { read: () => cookieFrom(request.headers, cookie.name), write: (value) => void (setCookie = serializeCookie(value, cookie)) },
    config,
    Date.now,
    options.consent?.(request)
  );
  if (!isPrefetch(request.headers)) tracker.page({ ...requestPage(request), tags: options.tags });
  // Without consent nothing is stored, but this render still sees this page's signals.
  const headers = new Headers(request.headers);
  const others = (headers.get('cookie') ?? '').split(';').filter((part) => part.trim() && part.split('=')[0].trim() !== cookie.name);
  headers.set('cookie', [...others, ` ${cookie.name}=${encodeProfile(tracker.profile)}`].join(';').trim());
  return {
    profile: tracker.profile,
    headers,
    apply(response) {
      if (setCookie) response.headers.append('set-cookie', setCookie);
      return response;
    },
  };
}

/** The visitor's context from a request's cookies (Next's `cookies()`, a Cookie header or `Headers`). */
export function contextFromCookies(cookies: CookieSource, options: { cookie?: Partial<CookieOptions>; profile?: ProfileOptions } = {}): ContextInput {
  return createPersonalize({ url: '', cookies, ...options, page: false }).context();
}

export { createPersonalize };
