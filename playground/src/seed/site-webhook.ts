import type { Core } from '@strapi/strapi';

/** The plugin's change events (the contract's WEBHOOK_EVENTS): what may change the site's content. */
export const SITE_WEBHOOK_EVENTS = [
  'personalize.content.changed',
  'personalize.experiment.changed',
  'personalize.segments.changed',
  'personalize.settings.changed',
];
const NAME = 'Demo site: revalidate';
/** Demo app: a public, dev-only fallback, as for the other secrets; `npm run playground` gives both sides the same. */
export const siteWebhookSecret = () => process.env.PERSONALIZE_WEBHOOK_SECRET ?? 'playground-site-webhook-secret';

interface Webhook {
  id: string | number;
  name: string;
  url: string;
  headers: Record<string, string>;
  events: string[];
  isEnabled: boolean;
}

/**
 * Subscribes the demo site (PLAYGROUND_SITE_URL, set by `npm run playground`) to the plugin's
 * change events, so that a publish revalidates its pages: one webhook, created or brought up to
 * date at each start (the site's port may change), through Strapi's store and runner as Strapi's
 * own webhook routes do. Without a site URL, nothing.
 */
export async function ensureSiteWebhook(strapi: Core.Strapi): Promise<void> {
  const site = process.env.PLAYGROUND_SITE_URL;
  if (!site) return;
  const wanted = {
    name: NAME,
    url: `${site.replace(/\/+$/, '')}/api/revalidate`,
    headers: { Authorization: `Bearer ${siteWebhookSecret()}` },
    events: SITE_WEBHOOK_EVENTS,
    isEnabled: true,
  };
  const store = strapi.get('webhookStore');
  const runner = strapi.get('webhookRunner');
  const existing = ((await store.findWebhooks()) as Webhook[]).find((webhook) => webhook.name === NAME);
  if (existing) runner.update(await store.updateWebhook(existing.id, { ...existing, ...wanted }));
  else runner.add(await store.createWebhook(wanted));
}
