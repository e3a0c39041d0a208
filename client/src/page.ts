/** A page view as the engine takes it, from a page's URL and referrer, or from a Web `Request`. */
import type { PageView } from '../../plugin/profile';

/** The path, campaign (`utm_*`) and hosts of a page URL and its referrer; `extra` adds what else is known. */
export function pageView(url: string, referrer?: string | null, extra?: PageView): PageView {
  const page = new URL(url);
  const utm = (name: string) => page.searchParams.get(`utm_${name}`);
  return { path: page.pathname, host: page.hostname, utm: { source: utm('source'), medium: utm('medium'), campaign: utm('campaign') }, referrerHost: hostOf(referrer), ...extra };
}

/** The page a request asks for, with its Referer, User-Agent, Accept-Language and a CDN's country header. */
export function requestPage(request: Request): PageView {
  const header = (name: string) => request.headers.get(name);
  return pageView(request.url, header('referer'), {
    userAgent: header('user-agent'),
    language: header('accept-language'),
    country: header('x-vercel-ip-country') ?? header('cf-ipcountry'),
  });
}

function hostOf(url: string | null | undefined): string | null {
  try {
    return url ? new URL(url).hostname : null;
  } catch {
    return null;
  }
}
