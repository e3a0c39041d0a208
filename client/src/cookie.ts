/**
 * The profile's first-party cookie: read and written through `document.cookie` in a browser, read
 * from the request's cookies on a server (a header, a Web `Headers`, or a framework's cookie
 * store such as Next's `cookies()`), whose writes go out as `Set-Cookie` values.
 */

export interface CookieOptions {
  name: string;
  maxAgeDays: number;
  path: string;
  domain?: string;
  sameSite: 'Lax' | 'Strict' | 'None';
  /** Secure-only; by default when the page is served over https. */
  secure?: boolean;
}

export const DEFAULT_COOKIE: CookieOptions = { name: 'pz_profile', maxAgeDays: 180, path: '/', sameSite: 'Lax' };

/** Where the profile is kept. A store without `write` is read-only (a server component). */
export interface ProfileStore {
  read(): string | null;
  /** null deletes the cookie. */
  write?(value: string | null): void;
}

/** A request's cookies: the Cookie header, a Web `Headers`, or a store with `get(name)` (Next's `cookies()`). */
export type CookieSource = string | Headers | { get(name: string): { value: string } | undefined } | null | undefined;

/** One cookie's value in a Cookie header; null when it is absent. */
export function readCookie(header: string | null | undefined, name: string): string | null {
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return null;
}

// A Headers has `append`; a cookie store's `get` takes the cookie's name.
export const cookieFrom = (source: CookieSource, name: string): string | null =>
  !source || typeof source == 'string' ? readCookie(source, name) : 'append' in source ? readCookie(source.get('cookie'), name) : (source.get(name)?.value ?? null);

/** A `Set-Cookie` value (or a `document.cookie` assignment); null expires the cookie. */
export function serializeCookie(value: string | null, options: CookieOptions): string {
  const maxAge = value === null ? 0 : Math.round(options.maxAgeDays * 86400);
  let cookie = `${options.name}=${value ?? ''}; Path=${options.path}; Max-Age=${maxAge}; SameSite=${options.sameSite}`;
  if (options.domain) cookie += `; Domain=${options.domain}`;
  if (options.secure) cookie += '; Secure';
  return cookie;
}

export const documentStore = (options: CookieOptions): ProfileStore => ({
  read: () => readCookie(document.cookie, options.name),
  write: (value) => {
    document.cookie = serializeCookie(value, options);
  },
});
