/**
 * GET /api/preview?token=...&path=...: the link the admin's "Open on the site" makes. Checks the
 * token with Strapi, keeps it in this browser (a cookie and Next's draft mode) until it expires,
 * and opens the page. A refused token is said as Strapi says it, and nothing is kept.
 */
import { cookies, draftMode } from 'next/headers';
import { redirect } from 'next/navigation';
import type { NextRequest } from 'next/server';
import { PREVIEW_COOKIE } from '../../../lib/names';
import { checkToken } from '../../../lib/preview';
import { sitePath } from '../../../lib/site';

export async function GET(request: NextRequest) {
  const token = request.nextUrl.searchParams.get('token');
  if (!token) return Response.json({ error: 'token: the preview link has no token' }, { status: 400 });
  const checked = await checkToken(token);
  if (!('grant' in checked)) return Response.json({ error: checked.problem }, { status: checked.status === 401 ? 401 : 403 });
  (await draftMode()).enable();
  const seconds = Math.max(0, Math.floor((Date.parse(checked.grant.expiresAt) - Date.now()) / 1000));
  (await cookies()).set(PREVIEW_COOKIE, token, { httpOnly: true, sameSite: 'lax', path: '/', maxAge: seconds });
  redirect(sitePath(request.nextUrl.searchParams.get('path')));
}
