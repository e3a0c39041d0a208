/** Segments and tags read-only (managed in the admin; `rules` stay private), related content, events. */
export default {
  type: 'content-api',
  routes: [
    { method: 'GET', path: '/segments', handler: 'segment.find', config: { policies: [] } },
    { method: 'GET', path: '/segments/:id', handler: 'segment.findOne', config: { policies: [] } },
    { method: 'GET', path: '/tags', handler: 'tag.find', config: { policies: [] } },
    { method: 'GET', path: '/tags/:id', handler: 'tag.findOne', config: { policies: [] } },
    // Needs this route's own permission, then `find` on each type it recommends (checked inside).
    { method: 'GET', path: '/related', handler: 'related.find', config: { policies: [] } },
    // What a preview link grants (the site's preview bar): the token is the credential, no role permission.
    { method: 'GET', path: '/preview', handler: 'preview-links.grant', config: { auth: false } },
    // Needs this route's own permission (give it to the roles front-ends use); rate-limited.
    { method: 'POST', path: '/events', handler: 'events.create', config: { policies: [], middlewares: ['plugin::personalize.events-guard'] } },
    { method: 'POST', path: '/events/forget', handler: 'events.forget', config: { policies: [], middlewares: ['plugin::personalize.events-guard'] } },
  ],
};
