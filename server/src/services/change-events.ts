import type { Core } from '@strapi/strapi';
import { CACHE_TAGS, WEBHOOK_EVENTS, type ChangeEvent, type ChangeWebhookBody } from '../../../shared/contracts/content-api';
import type { PersonalizationSettings } from '../../../shared/contracts/settings';
import { getService } from '../utils/get-service';

/**
 * How long changes gather before they are sent: a publish from the Content Manager is several
 * writes (the draft saved, then published; a base's variants unpublished with it), one event.
 */
export const COALESCE_MS = 500;

type Change = Omit<ChangeWebhookBody, 'event' | 'createdAt'>;
interface Pending {
  event: ChangeEvent;
  contentType: string | null;
  documentIds: Set<string>;
  locales: Set<string>;
  tags: Set<string>;
}

/** `webhookStore` keys, as Strapi names its own (`ENTRY_PUBLISH`). */
const storeKey = (event: string) => event.toUpperCase().replace(/\./g, '_');
const WRITES_THAT_SERVE = new Set(['publish', 'unpublish', 'delete']);
const differ = (a: readonly string[], b: readonly string[]) => [...a.filter((x) => !b.includes(x)), ...b.filter((x) => !a.includes(x))];

/**
 * "Publish reaches the site": the plugin's webhook events, emitted on Strapi's event hub so that
 * Strapi's webhook runner delivers them to the webhooks subscribed (its headers, its timeout). Only
 * changes to what is served are sent, gathered for COALESCE_MS into one event per cause and type,
 * each naming its base entries and the cache tags a site revalidates (CACHE_TAGS).
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const pending = new Map<string, Pending>();
  let timer: NodeJS.Timeout | null = null;

  const flush = () => {
    if (timer) clearTimeout(timer);
    timer = null;
    for (const { event, contentType, documentIds, locales, tags } of pending.values()) {
      const body: Change = { contentType, documentIds: [...documentIds], locales: [...locales], tags: [...tags] };
      strapi.eventHub.emit(event, body);
    }
    pending.clear();
  };

  const note = (event: ChangeEvent, contentType: string | null, change: { documentIds?: string[]; locales?: string[]; tags: string[] }) => {
    const key = `${event}|${contentType ?? ''}`;
    const entry = pending.get(key) ?? { event, contentType, documentIds: new Set(), locales: new Set(), tags: new Set() };
    pending.set(key, entry);
    for (const id of change.documentIds ?? []) entry.documentIds.add(id);
    for (const locale of change.locales ?? []) entry.locales.add(locale);
    for (const tag of change.tags) entry.tags.add(tag);
    if (!timer) {
      timer = setTimeout(flush, COALESCE_MS);
      timer.unref();
    }
  };

  const entries = (event: ChangeEvent, uid: string, bases: string[], locales: string[] = []) =>
    note(event, uid, { documentIds: bases, locales, tags: [CACHE_TAGS.list(uid), ...bases.map((base) => CACHE_TAGS.entry(uid, base))] });

  return {
    /** Offers the events to webhooks (Strapi refuses a webhook event it does not know). */
    register() {
      for (const event of Object.values(WEBHOOK_EVENTS)) strapi.get('webhookStore').addAllowedEvent(storeKey(event), event);
    },

    /** Sends what is pending now (shutdown, tests). */
    flush,

    /**
     * Before a write to an opted-in type: null when it cannot change what is served (a draft
     * saved), else what to call once it is done. The base is looked up on both sides of the write:
     * a variant may move to another base, and a deleted one is gone afterwards.
     */
    entryWrite(uid: string, action: string, params: { documentId?: string; locale?: unknown; status?: string }) {
      const contentTypes = getService(strapi, 'content-types');
      const served = WRITES_THAT_SERVE.has(action) || ((action === 'create' || action === 'update') && (params.status === 'published' || !contentTypes.hasDraftAndPublish(uid)));
      if (!served) return null;
      const index = getService(strapi, 'content-index');
      // Inside the write's transaction: the index as known here (see locateKnown).
      const before = params.documentId ? index.locateKnown(params.documentId)?.base : undefined;
      return (result: unknown) => {
        const written = result as { documentId?: string; locale?: unknown } | null;
        const documentId = params.documentId ?? written?.documentId;
        if (!documentId) return;
        const after = index.locateKnown(documentId)?.base;
        const bases = [...new Set([before, after].filter((base): base is string => Boolean(base)))];
        const locale = typeof params.locale === 'string' ? params.locale : written?.locale;
        const locales = contentTypes.isLocalized(uid) && typeof locale === 'string' ? [locale] : [];
        entries(WEBHOOK_EVENTS.content, uid, bases.length ? bases : [documentId], locales);
      };
    },

    experimentChanged(record: { contentType?: unknown; baseDocumentId?: unknown } | null | undefined) {
      if (typeof record?.contentType === 'string' && typeof record.baseDocumentId === 'string') {
        entries(WEBHOOK_EVENTS.experiment, record.contentType, [record.baseDocumentId]);
      }
    },

    segmentsChanged() {
      note(WEBHOOK_EVENTS.segments, null, { tags: [CACHE_TAGS.segments] });
    },

    /** What a settings write changed: everything (the global switch, the mapping), types, or entries. */
    settingsChanged(before: PersonalizationSettings, after: PersonalizationSettings) {
      const mapping = (settings: PersonalizationSettings) => JSON.stringify(Object.entries(settings.stageForStep ?? {}).sort());
      if (before.enabled !== after.enabled || mapping(before) !== mapping(after)) {
        note(WEBHOOK_EVENTS.settings, null, { tags: [CACHE_TAGS.settings] });
      }
      for (const uid of differ(before.disabledContentTypes, after.disabledContentTypes)) {
        note(WEBHOOK_EVENTS.settings, uid, { tags: [CACHE_TAGS.type(uid)] });
      }
      for (const documentId of differ(before.pausedEntries, after.pausedEntries)) {
        const found = getService(strapi, 'content-index').locate(documentId);
        if (found) entries(WEBHOOK_EVENTS.settings, found.uid, [found.base]);
      }
    },
  };
};
