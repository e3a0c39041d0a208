import type { Core } from '@strapi/strapi';
import { ALERT_WEBHOOK_EVENT } from '../../../shared/contracts/admin';
import { getService } from '../utils/get-service';

/** Bandits allocate and alerts are checked every 15 minutes: traffic moves in hours, not minutes. */
export const ROUND_EVERY_MS = 15 * 60 * 1000;

let timer: NodeJS.Timeout | null = null;
let round: Promise<void> | null = null;

/**
 * One round: every running bandit allocates, then the alerts are checked. Rounds on one instance
 * never overlap (a request during one waits for it); on several instances they may, harmlessly:
 * an allocation is deterministic from the counts and stored once per sequence, an alert once per cause.
 */
export const runRound = (strapi: Core.Strapi): Promise<void> =>
  (round ??= (async () => {
    try {
      await getService(strapi, 'bandits').allocateAll();
      await getService(strapi, 'alerts').check();
    } finally {
      round = null;
    }
  })());

/** The plugin's webhook event, offered in Settings > Webhooks and to the admin API's webhooks. */
export const registerWebhookEvents = (strapi: Core.Strapi) => {
  strapi.get('webhookStore').addAllowedEvent('PERSONALIZE_ALERT_OPENED', ALERT_WEBHOOK_EVENT);
};

export const startSchedule = (strapi: Core.Strapi) => {
  stopSchedule();
  timer = setInterval(() => {
    runRound(strapi).catch((error: Error) => strapi.log.warn(`[personalize] optimizer round failed: ${error.message}`));
  }, ROUND_EVERY_MS);
  timer.unref();
};

export const stopSchedule = () => {
  if (timer) clearInterval(timer);
  timer = null;
};
