/** Read-only: segments and tags are managed in the admin; `rules` are private and never returned. */
export default {
  type: 'content-api',
  routes: [
    { method: 'GET', path: '/segments', handler: 'segment.find', config: { policies: [] } },
    { method: 'GET', path: '/segments/:id', handler: 'segment.findOne', config: { policies: [] } },
    { method: 'GET', path: '/tags', handler: 'tag.find', config: { policies: [] } },
    { method: 'GET', path: '/tags/:id', handler: 'tag.findOne', config: { policies: [] } },
  ],
};
