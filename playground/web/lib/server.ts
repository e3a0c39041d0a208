/**
 * The kit on the server, for one render: the visitor from the request's cookies (as the proxy
 * updated them), reads sent with that context, and the decisions noted for the inspector.
 */
import { cookies, headers } from 'next/headers';
import { notFound } from 'next/navigation';
import { createPersonalize, type Entry, type Read, type ReadWith, type RelatedItem, type RelatedQuery } from 'strapi-plugin-personalize/client';
import { PREVIEW_HEADER } from 'strapi-plugin-personalize/contracts';
import { CONSENT_HEADER } from './names';
import { decisionRow, type DecisionRow, type PageSnapshot } from './inspect';
import { currentPreview, describeAudience } from './preview';
import { kitOptions, strapiUrl } from './site';
import { tagsOfRead } from './tags';

/**
 * Reads are kept in Next's data cache, per URL (the context is in it), tagged with the contract's
 * cache tags: the plugin's webhook revalidates exactly what a publish changed (app/api/revalidate).
 * Without the webhook, what is kept is read again after a minute at the latest.
 */
const taggedFetch: typeof fetch = (input, init) => fetch(input, { ...init, next: { revalidate: 60, tags: tagsOfRead(String(input)) } });
/** A preview's reads are its holder's alone: never kept. */
const previewFetch: typeof fetch = (input, init) => fetch(input, { ...init, cache: 'no-store' });

export type VisitorPage = Awaited<ReturnType<typeof visitorPage>>;

export async function visitorPage() {
  const preview = await currentPreview();
  const kit = createPersonalize({
    ...kitOptions(strapiUrl()),
    cookies: await cookies(),
    page: false,
    // A link Strapi refused (expired) is not sent: the page shows as the public sees it, and the bar says why.
    ...(preview?.grant ? { fetch: previewFetch, headers: { [PREVIEW_HEADER]: preview.token } } : { fetch: taggedFetch }),
  });
  const consented = (await headers()).get(CONSENT_HEADER) === 'yes';
  // One slot per read, taken when the read starts: the inspector lists them in the page's order
  // whichever answer comes first.
  const slots: DecisionRow[][] = [];
  const slot = () => {
    const rows: DecisionRow[] = [];
    slots.push(rows);
    return <T extends Read | RelatedItem>(place: string, item: T): T => {
      rows.push(decisionRow(place, item));
      return item;
    };
  };

  return {
    consented,
    /** One entry; a 404 from Strapi is this page's 404. */
    async get<E extends Entry>(place: string, type: string, documentId: string, options?: ReadWith) {
      const note = slot();
      try {
        return note(place, await kit.get<E>(type, documentId, options));
      } catch (error) {
        if ((error as { status?: number }).status === 404) notFound();
        throw error;
      }
    },
    async list<E extends Entry>(place: string, type: string, options?: ReadWith) {
      const note = slot();
      const { data } = await kit.list<E>(type, options);
      return data.map((item, i) => note(data.length > 1 ? `${place} ${i + 1}` : place, item));
    },
    async single<E extends Entry>(place: string, type: string) {
      const note = slot();
      return note(place, await kit.single<E>(type));
    },
    async related<E extends Entry>(place: string, query: RelatedQuery) {
      const note = slot();
      const items = await kit.related<E>(query);
      return items.map((item, i) => note(`${place} ${i + 1}`, item));
    },
    /** Everything the inspector shows, once the page's reads are done. */
    snapshot(): PageSnapshot {
      return { consented, preview: preview?.grant ? describeAudience(preview.grant) : null, profile: kit.profile, stage: kit.stage(), context: kit.context(), decisions: slots.flat() };
    },
  };
}
