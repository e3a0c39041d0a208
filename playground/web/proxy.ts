/**
 * Every page request (navigations included): the kit records the page view (a new visit after 30
 * minutes idle, the campaign, referrer, device, language) and hands the updated profile to the
 * server render, so this very page is personalized for it. With consent (the profile cookie
 * exists) it also writes the cookie back; without, nothing is stored.
 */
import { NextResponse, type NextRequest } from 'next/server';
import { visit } from 'strapi-plugin-personalize/next';
import { CONSENT_HEADER } from './lib/consent';
import { PROFILE } from './lib/site';

export function proxy(request: NextRequest) {
  const consented = request.cookies.has('pz_profile');
  const page = visit(request, { profile: PROFILE });
  page.headers.set(CONSENT_HEADER, consented ? 'yes' : 'no');
  return page.apply(NextResponse.next({ request: { headers: page.headers } }));
}

export const config = {
  // Pages only: not the bundles, the preview and revalidation routes, or the icon.
  matcher: ['/((?!_next/|api/|favicon.ico|icon.svg).*)'],
};
