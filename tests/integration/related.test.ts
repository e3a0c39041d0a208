import { startApp, withoutPublicPermission, type TestApp } from './harness';

/** Related content: ranking by shared tags over GraphQL and REST, and the index kept in step. */
let app: TestApp;
const ids: Record<string, string> = {};
const tagIds: Record<string, string> = {};

const create = async (type: string, name: string, data: Record<string, unknown>, status = 'published') => {
  const res = await app.http().post(`/api/${type}?status=${status}`).set(app.fullAccess).send({ data });
  expect(res.status).toBe(201);
  ids[name] = res.body.data.documentId;
  return ids[name];
};
const tags = (...slugs: string[]) => slugs.map((slug) => tagIds[slug]);

const RELATED = `query($id: ID, $tags: [String!], $types: [String!], $limit: Int, $context: PersonalizationContextInput, $status: PublicationStatus) {
  relatedContent(documentId: $id, tags: $tags, types: $types, limit: $limit, context: $context, status: $status) {
    contentType documentId score sharedTags
    entry { __typename ... on Article { title } ... on Offer { title } ... on Testimonial { quote } }
    decision { reason isVariant servedDocumentId matchedSegment }
  }
}`;
const related = async (variables: Record<string, unknown>, headers: Record<string, string> = {}) => {
  const res = await app.gql(RELATED, variables, headers);
  expect(res.body.errors).toBeUndefined();
  return res.body.data.relatedContent as any[];
};
const label = (item: any) => item.entry.title ?? item.entry.quote;

beforeAll(async () => {
  app = await startApp();
  for (const slug of ['rx-common', 'rx-rare', 'rx-pets']) {
    const res = await app.http().post('/content-manager/collection-types/plugin::personalize.tag').set(app.admin).send({ name: slug, slug });
    expect(res.status).toBe(201);
    tagIds[slug] = res.body.data.documentId;
  }
  const customer = (await app.http().get('/api/personalize/segments?filters[slug][$eq]=customer')).body.data[0].documentId;

  const s = await create('offers', 'S', { title: 'S', contentTags: tags('rx-common', 'rx-rare') });
  await create('offers', 'S variant', { title: 'S variant', variantOf: s, contentTags: tags('rx-rare') });
  const a = await create('articles', 'A', { title: 'A', contentTags: tags('rx-rare') });
  await create('articles', 'A for customers', { title: 'A for customers', variantOf: a, targetSegments: [customer], contentTags: tags('rx-rare') });
  await create('offers', 'B', { title: 'B', contentTags: tags('rx-common') });
  await create('testimonials', 'C', { quote: 'C', contentTags: tags('rx-common') });
  for (const n of [1, 2, 3, 4]) await create('articles', `E${n}`, { title: `E${n}`, contentTags: tags('rx-common') });
  await create('offers', 'P', { title: 'P', contentTags: tags('rx-pets') });
  await create('articles', 'D (draft)', { title: 'D (draft)', contentTags: tags('rx-rare') }, 'draft');
});
afterAll(async () => {
  await app?.stop();
});

describe('ranking', () => {
  it('puts a shared rare tag before a shared common one, and never the entry or its variants', async () => {
    const items = await related({ id: ids.S, limit: 10 });
    expect(items[0]).toMatchObject({ documentId: ids.A, contentType: 'api::article.article', sharedTags: ['rx-rare'] });
    expect(items[0].score).toBeGreaterThan(items[1].score);
    const returned = items.map((i) => i.documentId);
    for (const name of ['B', 'C', 'E1', 'E2', 'E3', 'E4']) expect(returned).toContain(ids[name]);
    expect(returned).not.toContain(ids.S);
    expect(returned).not.toContain(ids['S variant']);
    expect(returned).not.toContain(ids['A for customers']);
    expect(returned).not.toContain(ids['D (draft)']);
  });

  it('crosses content types, with fields per type', async () => {
    const items = await related({ id: ids.S, limit: 10 });
    expect(new Set(items.map((i) => i.entry.__typename))).toEqual(new Set(['Article', 'Offer', 'Testimonial']));
    expect(items.find((i) => i.documentId === ids.C).entry).toEqual({ __typename: 'Testimonial', quote: 'C' });
  });

  it('is boosted by the visitor\'s interests, which can bring in entries on their own', async () => {
    const plain = await related({ id: ids.S, limit: 10 });
    expect(plain.map((i) => i.documentId)).not.toContain(ids.P);
    const items = await related({ id: ids.S, limit: 10, context: { interests: ['rx-pets'] } });
    const pets = items.find((i) => i.documentId === ids.P);
    expect(pets).toMatchObject({ sharedTags: [] });
    expect(pets.score).toBeGreaterThan(0);
  });

  it('personalizes every recommended entry for the visitor', async () => {
    const items = await related({ id: ids.S, limit: 3, context: { traits: { customer: true } } });
    expect(items[0]).toMatchObject({ documentId: ids.A, decision: { reason: 'SEGMENT', isVariant: true, matchedSegment: 'customer' } });
    expect(label(items[0])).toBe('A for customers');
  });

  it('takes tags instead of an entry, and restricts to the types asked for', async () => {
    const items = await related({ tags: ['rx-rare'], types: ['api::article.article'], limit: 10 });
    expect(items.map((i) => i.contentType)).toEqual(items.map(() => 'api::article.article'));
    expect(items[0].documentId).toBe(ids.A);
  });
});

describe('permissions and drafts', () => {
  it('leaves out the types the caller may not read', async () => {
    await withoutPublicPermission(app, 'api::testimonial.testimonial.find', async () => {
      const items = await related({ id: ids.S, limit: 10 });
      expect(items.map((i) => i.contentType)).not.toContain('api::testimonial.testimonial');
      const only = await app.gql(RELATED, { id: ids.S, types: ['api::testimonial.testimonial'] });
      expect(only.body.errors[0].extensions.code).toBe('FORBIDDEN');
      const token = await related({ id: ids.S, limit: 10 }, app.fullAccess);
      expect(token.map((i) => i.contentType)).toContain('api::testimonial.testimonial');
    });
  });

  it('needs the related-content permission of its own', async () => {
    await withoutPublicPermission(app, 'plugin::personalize.related.find', async () => {
      expect((await app.gql(RELATED, { id: ids.S })).body.errors[0].extensions.code).toBe('FORBIDDEN');
      expect((await app.http().get('/api/personalize/related').query({ documentId: ids.S })).status).toBe(403);
    });
  });

  it('serves drafts only to API tokens', async () => {
    const refused = await app.gql(RELATED, { id: ids.S, status: 'DRAFT' });
    expect(refused.body.errors[0].extensions.code).toBe('FORBIDDEN');
    const drafts = await related({ id: ids.S, status: 'DRAFT', limit: 10 }, app.fullAccess);
    expect(drafts.map((i) => i.documentId)).toContain(ids['D (draft)']);
  });
});

describe('the index keeps in step', () => {
  it('after update, unpublish, delete and create', async () => {
    const ranked = async () => (await related({ id: ids.S, limit: 20 })).map((i) => i.documentId);

    await app.http().put(`/api/offers/${ids.B}`).set(app.fullAccess).send({ data: { contentTags: tags('rx-rare') } }).expect(200);
    const updated = await related({ id: ids.S, limit: 20 });
    expect(updated.find((i) => i.documentId === ids.B).sharedTags).toEqual(['rx-rare']);

    await app.http().post(`/content-manager/collection-types/api::article.article/${ids.A}/actions/unpublish`).set(app.admin).send({}).expect(200);
    expect(await ranked()).not.toContain(ids.A);

    await app.http().delete(`/api/testimonials/${ids.C}`).set(app.fullAccess).expect(204);
    expect(await ranked()).not.toContain(ids.C);

    const f = await create('offers', 'F', { title: 'F', contentTags: tags('rx-rare') });
    expect(await ranked()).toContain(f);

    await app.http().put(`/api/articles/${ids['D (draft)']}?status=published`).set(app.fullAccess).send({ data: {} }).expect(200);
    expect(await ranked()).toContain(ids['D (draft)']);
  });
});

describe('bad input', () => {
  it.each([
    [{}, /^documentId:/],
    [{ tags: ['rx-rare'], limit: 0 }, /^limit:/],
    [{ tags: ['rx-rare'], types: ['api::faq.faq'] }, /^types\[0\]:/],
  ])('names the field (%#)', async (variables, message) => {
    const res = await app.gql(RELATED, variables);
    expect(res.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(res.body.errors[0].message).toMatch(message);
  });

  it('answers not found for an unknown entry', async () => {
    const res = await app.gql(RELATED, { id: 'nosuchdocument000000000000' });
    expect(res.body.errors[0].extensions.code).toBe('STRAPI_NOT_FOUND_ERROR');
  });
});

describe('REST', () => {
  it('ranks as GraphQL does, with sanitized entries', async () => {
    const gql = await related({ id: ids.S, limit: 5, context: { interests: ['rx-pets'] } });
    const res = await app.http().get('/api/personalize/related').query({ documentId: ids.S, limit: '5', interests: 'rx-pets' });
    expect(res.status).toBe(200);
    expect(res.body.data.map((i: any) => [i.documentId, i.contentType, i.sharedTags])).toEqual(gql.map((i) => [i.documentId, i.contentType, i.sharedTags]));
    expect(res.body.data[0].entry).toHaveProperty('documentId');
    expect(res.body.data[0].entry).not.toHaveProperty('__type');
    const bad = await app.http().get('/api/personalize/related').query({ documentId: ids.S, limit: '500' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/^limit:/);
  });
});
