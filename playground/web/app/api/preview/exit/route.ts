/** GET /api/preview/exit?path=...: back to the site as its visitors see it. */
import { cookies, draftMode } from 'next/headers';
import { redirect } from 'next/navigation';
import type { NextRequest } from 'next/server';
import { PREVIEW_COOKIE } from '../../../../lib/names';
import { sitePath } from '../../../../lib/site';

export async function GET(request: NextRequest) {
  (await draftMode()).disable();
  (await cookies()).delete(PREVIEW_COOKIE);
  redirect(sitePath(request.nextUrl.searchParams.get('path')));
}
