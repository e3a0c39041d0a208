/**
 * Every page request (navigations included): the kit records the page view (a new visit after 30
 * minutes idle, the campaign, referrer, device, language) and hands the updated profile to the
 * server render, so this very page is personalized for it. With consent (the profile cookie
 * exists) it also writes the cookie back; without, nothing is stored.
 */
import { NextResponse, type NextRequest } from 'next/server';
import { visit } from 'strapi-plugin-personalize/next';
import { CONSENT_HEADER, PATH_HEADER, PREVIEW_COOKIE } from './lib/names';
import { PROFILE } from './lib/site';

export function proxy(request: NextRequest) {
  // A preview is an editor looking, not a visit: their profile is left as it is.
  if (request.cookies.has(PREVIEW_COOKIE)) return NextResponse.next({ request: { headers: withPath(request, new Headers(request.headers)) } });
  const consented = request.cookies.has('pz_profile');
  const page = visit(request, { profile: PROFILE });
  page.headers.set(CONSENT_HEADER, consented ? 'yes' : 'no');
  withPath(request, page.headers);
  return page.apply(NextResponse.next({ request: { headers: page.headers } }));
}

/** The page's path, for the preview bar's way back. */
function withPath(request: NextRequest, headers: Headers): Headers {
  headers.set(PATH_HEADER, request.nextUrl.pathname + request.nextUrl.search);
  return headers;
}

export const config = {
  // Pages only: not the bundles, the preview and revalidation routes, or the icon.
  matcher: ['/((?!_next/|api/|favicon.ico|icon.svg).*)'],
};
