/**
 * POST /api/revalidate: the receiver of the plugin's webhook events (personalize.content.changed,
 * .experiment.changed, .segments.changed, .settings.changed). Strapi's webhook runner sends them
 * a moment after a publish with the cache tags that changed; the site revalidates exactly those
 * (every read is tagged with `readTags`), so the next page load reads them again and nothing
 * else is refetched. The webhook carries `Authorization: Bearer <PERSONALIZE_WEBHOOK_SECRET>`.
 */
import { revalidateTag } from 'next/cache';
import { timingSafeEqual } from 'node:crypto';
import { webhookSecret } from '../../../lib/site';

const MAX_TAGS = 500;
const MAX_TAG_LENGTH = 256;

const sameSecret = (given: string, expected: string) => {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
};

export async function POST(request: Request) {
  const secret = webhookSecret();
  if (!secret) return Response.json({ error: 'PERSONALIZE_WEBHOOK_SECRET is not set: this site takes no webhook' }, { status: 503 });
  if (!sameSecret(request.headers.get('authorization') ?? '', `Bearer ${secret}`)) {
    return Response.json({ error: 'authorization: expected the webhook secret' }, { status: 401 });
  }
  const body = await request.json().catch(() => null);
  if (typeof body !== 'object' || body === null) return Response.json({ error: 'body: expected the JSON of a webhook event' }, { status: 400 });
  // Another event of the plugin (an alert) changes no content: nothing to revalidate.
  const tags: unknown = body.tags ?? [];
  if (!Array.isArray(tags) || tags.length > MAX_TAGS) return Response.json({ error: `tags: expected a list of at most ${MAX_TAGS} cache tags` }, { status: 400 });
  const bad = tags.findIndex((tag) => typeof tag !== 'string' || tag === '' || tag.length > MAX_TAG_LENGTH);
  if (bad >= 0) return Response.json({ error: `tags[${bad}]: expected a cache tag (text of 1 to ${MAX_TAG_LENGTH} characters)` }, { status: 400 });
  // Gone at once: the next read waits for fresh content rather than being served the old one.
  for (const tag of tags as string[]) revalidateTag(tag, { expire: 0 });
  return Response.json({ event: body.event ?? null, revalidated: tags });
}
