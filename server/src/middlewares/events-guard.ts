import type { Core } from '@strapi/strapi';
import { RateLimiterMemory } from 'rate-limiter-flexible';
import { PLUGIN_ID } from '../fields';

type Limits = { rateLimit: { points: number; durationSeconds: number }; maxBodyBytes: number };

/** A Strapi-shaped error body, as the content API answers any other refusal. */
const refuse = (ctx: any, status: number, name: string, message: string) => {
  ctx.status = status;
  ctx.body = { data: null, error: { status, name, message, details: {} } };
};

/**
 * Abuse limits of the events endpoint: a body size cap, and a rate limit per client address and
 * route (never per body field, which a client chooses). In memory, so per instance: put a shared
 * limit in the reverse proxy when running several.
 */
export const eventsGuard = (_config: unknown, { strapi }: { strapi: Core.Strapi }) => {
  let limiter: RateLimiterMemory | null = null;
  const limits = () => strapi.config.get(`plugin::${PLUGIN_ID}.events`) as Limits;

  return async (ctx: any, next: () => Promise<void>) => {
    const { rateLimit, maxBodyBytes } = limits();
    limiter ??= new RateLimiterMemory({ points: rateLimit.points, duration: rateLimit.durationSeconds });
    const length = Number(ctx.request.headers['content-length'] ?? 0);
    if (length > maxBodyBytes) return refuse(ctx, 413, 'PayloadTooLargeError', `body: at most ${maxBodyBytes} bytes`);
    try {
      await limiter.consume(`${ctx.request.ip}|${ctx.method} ${ctx.path}`);
    } catch (rejection: any) {
      ctx.set('Retry-After', String(Math.ceil((rejection?.msBeforeNext ?? 1000) / 1000)));
      return refuse(ctx, 429, 'RateLimitError', `too many event batches from this address: at most ${rateLimit.points} per ${rateLimit.durationSeconds} s`);
    }
    return next();
  };
};
