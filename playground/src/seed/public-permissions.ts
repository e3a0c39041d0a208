import type { Core } from '@strapi/strapi';
import { DEMO_TYPES } from './data';
import { SEGMENT_UID, TAG_UID } from './taxonomy';

/** Everything the Public role may read: the demo types, the plugin's segments and tags, related content; and send events, and forget a visitor. */
export const PUBLIC_READ_UIDS = [...DEMO_TYPES.map((t) => t.uid), SEGMENT_UID, TAG_UID];
const READ_ACTIONS = ['find', 'findOne'];
/** Related content is opted into per role, on top of reading the types it recommends. */
const RELATED_CONTENT = 'plugin::personalize.related.find';
/** Front-ends report impressions, clicks and conversions without a token. */
const SEND_EVENTS = 'plugin::personalize.events.create';
/** "Forget me" from the front-end kit: deletes the visitor's own events. */
const FORGET_VISITOR = 'plugin::personalize.events.forget';

/**
 * Grants find and findOne to the users-permissions Public role, so that the demo answers over
 * REST and GraphQL without a token. Adds only the missing rows; returns the actions it added.
 */
export async function grantPublicRead(strapi: Core.Strapi): Promise<string[]> {
  const role = await strapi.db
    .query('plugin::users-permissions.role')
    .findOne({ where: { type: 'public' } });
  if (!role) throw new Error('The users-permissions Public role is missing.');

  const permissions = strapi.db.query('plugin::users-permissions.permission');
  const existing = await permissions.findMany({ where: { role: role.id }, select: ['action'] });
  const granted = new Set(existing.map((p: { action: string }) => p.action));

  // A single type has `find` only.
  const actionsOf = (uid: string) => (strapi.contentType(uid as any)?.kind === 'singleType' ? ['find'] : READ_ACTIONS);
  const missing = [...PUBLIC_READ_UIDS.flatMap((uid) => actionsOf(uid).map((a) => `${uid}.${a}`)), RELATED_CONTENT, SEND_EVENTS, FORGET_VISITOR].filter(
    (action) => !granted.has(action)
  );
  for (const action of missing) {
    await permissions.create({ data: { action, role: role.id } });
  }
  return missing;
}
