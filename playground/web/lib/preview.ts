/**
 * Previews, "for your eyes only": the admin opens `/api/preview?token=...&path=...`; the site keeps
 * the token in a cookie of this browser (with Next's draft mode) and sends it with every read,
 * where Strapi serves the token's audience and drafts instead of the visitor's. The token is
 * Strapi's to check: the site asks it what the token grants (for the preview bar) and never
 * decides anything from it.
 */
import { cookies, draftMode } from 'next/headers';
import { cache } from 'react';
import { PREVIEW_HEADER, type PreviewGrant } from 'strapi-plugin-personalize/contracts';
import { PREVIEW_COOKIE } from './names';
import { strapiUrl } from './site';

export interface Preview {
  token: string;
  /** What the token grants; null when Strapi refused it (expired, or not minted there). */
  grant: PreviewGrant | null;
  /** Strapi's reason when it refused the token. */
  problem: string | null;
}

/** What Strapi says a token grants: `{ grant }`, or `{ status, problem }` when refused. */
export async function checkToken(token: string): Promise<{ grant: PreviewGrant } | { status: number; problem: string }> {
  const res = await fetch(`${strapiUrl()}/api/personalize/preview`, { headers: { [PREVIEW_HEADER]: token }, cache: 'no-store' });
  const body = await res.json().catch(() => null);
  if (res.ok && body?.data) return { grant: body.data };
  return { status: res.status, problem: body?.error?.message ?? `Strapi answered ${res.status}` };
}

/** This request's preview, once per render (the layout and the page both ask). */
export const currentPreview = cache(async (): Promise<Preview | null> => {
  if (!(await draftMode()).isEnabled) return null;
  const token = (await cookies()).get(PREVIEW_COOKIE)?.value;
  if (!token) return null;
  const checked = await checkToken(token);
  return 'grant' in checked ? { token, grant: checked.grant, problem: null } : { token, grant: null, problem: checked.problem };
});

/** The audience in words, for the preview bar and the inspector. */
export function describeAudience(grant: PreviewGrant): string {
  const { segments, stage, journeyStep, interests, traits } = grant.audience;
  const parts = [
    segments?.length ? `segments ${segments.join(', ')}` : null,
    stage ? `stage ${stage}` : journeyStep ? `journey step ${journeyStep}` : null,
    interests?.length ? `interests ${interests.join(', ')}` : null,
    traits && Object.keys(traits).length ? `traits ${JSON.stringify(traits)}` : null,
  ].filter(Boolean);
  return parts.length ? parts.join('; ') : 'a first visit';
}
