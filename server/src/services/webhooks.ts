import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { PLUGIN_WEBHOOK_EVENTS, type WebhookSubscription, type WebhooksResponse } from '../../../shared/contracts/admin';

const { NotFoundError, ValidationError } = errors;

interface StrapiWebhook {
  id: string | number;
  name: string;
  url: string;
  headers: Record<string, string>;
  events: string[];
  isEnabled: boolean;
}

const isOurs = (event: string) => PLUGIN_WEBHOOK_EVENTS.includes(event);
const view = (webhook: StrapiWebhook): WebhookSubscription => ({
  id: String(webhook.id),
  name: webhook.name,
  url: webhook.url,
  isEnabled: webhook.isEnabled,
  events: (webhook.events ?? []).filter(isOurs),
});

/**
 * Which of Strapi's webhooks receive the plugin's events. Strapi's Community admin lists only its
 * own events in Settings > Webhooks: the plugin's Settings tab edits these, through Strapi's store
 * and runner as Strapi's own webhook routes do, and leaves every other event of a webhook as it is.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const store = () => strapi.get('webhookStore');

  return {
    async list(): Promise<WebhooksResponse['data']> {
      const webhooks = (await store().findWebhooks()) as StrapiWebhook[];
      return { events: [...PLUGIN_WEBHOOK_EVENTS], webhooks: webhooks.map(view) };
    },

    /** Sets the plugin's events a webhook receives. */
    async update(id: string, input: unknown): Promise<WebhookSubscription> {
      const events = (input as { events?: unknown } | null)?.events;
      if (!Array.isArray(events)) throw new ValidationError(`events: expected a list of the plugin's events (${PLUGIN_WEBHOOK_EVENTS.join(', ')})`);
      events.forEach((event, i) => {
        if (typeof event !== 'string' || !isOurs(event)) {
          throw new ValidationError(`events[${i}]: not one of the plugin's events (${PLUGIN_WEBHOOK_EVENTS.join(', ')})`);
        }
      });
      const webhook = /^\d{1,12}$/.test(id) ? ((await store().findWebhook(id)) as StrapiWebhook | null) : null;
      if (!webhook) throw new NotFoundError(`id: no webhook ${id.slice(0, 32)}`);
      const next = [...webhook.events.filter((event) => !isOurs(event)), ...new Set(events as string[])];
      const updated = (await store().updateWebhook(webhook.id, { ...webhook, events: next })) as StrapiWebhook;
      // As Strapi's own route does: the runner delivers to what it was last told.
      strapi.get('webhookRunner').update(updated);
      return view(updated);
    },
  };
};
