import crypto from 'crypto';
import type { Core } from '@strapi/strapi';
import { OFFERS, TRAVEL_OFFER, TRAVEL_PRICE_CTA, variantFields } from './data';
import { documentsOf } from './documents';

/**
 * The demo experiment: the travel offer's call to action with its price (arm `price`) against its
 * own (arm `base`), with a 10% hold-out. On an offer the journey does not follow, so that the home
 * hero shows targeting at work while the offers show an experiment.
 */
export const DEMO_EXPERIMENT = { key: 'travel-offer-cta', name: 'Travel offer: call to action', holdout: 0.1 };
export const DEMO_VISITORS = 1200;
const DEMO_DAYS = 6;
/** Click and quote rates the simulated visitors follow, per arm: the price is meant to win. */
const CLICK_RATE: Record<string, number> = { base: 0.08, price: 0.12, holdout: 0.08 };
const QUOTE_RATE = 0.3;
const AUDIENCES: Array<[string, number]> = [['anonymous', 0.55], ['suspect', 0.2], ['prospect', 0.12], ['customer', 0.13]];

/** A deterministic draw in [0, 1) per visitor and purpose: the demo is the same on every machine. */
const draw = (...parts: Array<string | number>) => crypto.createHash('sha256').update(parts.join(':')).digest().readUInt32BE(0) / 2 ** 32;

const audienceOf = (visitor: string) => {
  let at = draw(visitor, 'audience');
  for (const [slug, share] of AUDIENCES) if ((at -= share) < 0) return slug;
  return AUDIENCES[0][0];
};

/**
 * An experiment on the travel offer and a week of simulated traffic, sent through the plugin's own
 * decision and ingestion services, so that the analytics page has something to show.
 */
export async function seedEvents(strapi: Core.Strapi) {
  const plugin = strapi.plugin('personalize');
  const uid = OFFERS.uid;
  const base = await documentsOf(strapi, uid).findFirst({ filters: { slug: TRAVEL_OFFER.data.slug as string } });
  const price = await documentsOf(strapi, uid).findFirst({ filters: { slug: variantFields(OFFERS, TRAVEL_OFFER, TRAVEL_PRICE_CTA).slug as string } });
  if (!base || !price) throw new Error('The demo travel offer or its call-to-action variant is missing.');

  await plugin.service('experiments').create({
    ...DEMO_EXPERIMENT,
    contentType: uid,
    baseDocumentId: base.documentId,
    arms: [
      { name: 'base', documentId: null, weight: 1 },
      { name: 'price', documentId: price.documentId, weight: 1 },
    ],
  });
  // Its simulated week of traffic starts DEMO_DAYS ago: so does the experiment, whose counts (the
  // sequential test's, a bandit's) start on its first day.
  await strapi.db.query('plugin::personalize.experiment').update({
    where: { key: DEMO_EXPERIMENT.key },
    data: { createdAt: new Date(Date.now() - DEMO_DAYS * 86_400_000) },
  });

  const delivery = plugin.service('delivery');
  const events: Array<Record<string, unknown>> = [];
  for (let i = 0; i < DEMO_VISITORS; i++) {
    const visitorId = `demo-visitor-${i}`;
    const audience = await delivery.audience({ visitorId, segments: [audienceOf(visitorId)] });
    const [decision] = await delivery.decideAll([{ uid, documentId: base.documentId, locale: null }], { audience, status: 'published' });
    const occurredAt = new Date(Date.now() - Math.floor(draw(visitorId, 'day') * DEMO_DAYS) * 86_400_000).toISOString();
    const event = (type: string, extra: Record<string, unknown> = {}) => ({
      id: `demo-${i}-${type}`,
      type,
      contentType: uid,
      baseDocumentId: base.documentId,
      servedDocumentId: decision.servedDocumentId,
      segment: decision.matchedSegment ?? audience.visitor.segments[0] ?? null,
      stage: decision.matchedStage,
      arm: decision.arm,
      visitorId,
      occurredAt,
      ...extra,
    });
    events.push(event('impression'));
    if (draw(visitorId, 'click') < (CLICK_RATE[decision.arm ?? 'base'] ?? 0.08)) {
      events.push(event('click'));
      if (draw(visitorId, 'quote') < QUOTE_RATE) events.push(event('conversion', { goal: 'quote' }));
    }
  }
  for (let i = 0; i < events.length; i += 200) {
    await plugin.service('events').ingest({ consent: true, events: events.slice(i, i + 200) });
  }
}
