import type { Core } from '@strapi/strapi';
import { eventsRateLimit } from '../events/rate-limit';
import { PLUGIN_ID } from '../fields';

type Limits = { rateLimit: { points: number; durationSeconds: number }; maxBodyBytes: number };

/** A Strapi-shaped error body, as the content API answers any other refusal. */
export const refuse = (ctx: any, status: number, name: string, message: string) => {
  ctx.status = status;
  ctx.body = { data: null, error: { status, name, message, details: {} } };
};

/**
 * Abuse limits of the events endpoint: a body size cap, and a rate limit per client address and
 * route (never per body field, which a client chooses), counted once for all instances in the
 * app's database on PostgreSQL and MySQL/MariaDB (events/rate-limit.ts).
 */
export const eventsGuard = (_config: unknown, { strapi }: { strapi: Core.Strapi }) => {
  let limit: ReturnType<typeof eventsRateLimit> | null = null;
  const limits = () => strapi.config.get(`plugin::${PLUGIN_ID}.events`) as Limits;

  return async (ctx: any, next: () => Promise<void>) => {
    const { rateLimit, maxBodyBytes } = limits();
    limit ??= eventsRateLimit(strapi, rateLimit);
    const length = Number(ctx.request.headers['content-length'] ?? 0);
    if (length > maxBodyBytes) return refuse(ctx, 413, 'PayloadTooLargeError', `body: at most ${maxBodyBytes} bytes`);
    const verdict = await limit(`${ctx.request.ip}|${ctx.method} ${ctx.path}`);
    if (!verdict.allowed) {
      ctx.set('Retry-After', String(Math.max(1, Math.ceil(verdict.msBeforeNext / 1000))));
      return refuse(ctx, 429, 'RateLimitError', `too many event batches from this address: at most ${rateLimit.points} per ${rateLimit.durationSeconds} s`);
    }
    return next();
  };
};
