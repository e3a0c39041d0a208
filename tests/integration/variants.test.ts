import { startApp, type TestApp } from './harness';

/** Integrity of variants over the REST content API (full-access token) and the admin API. */
let app: TestApp;
beforeAll(async () => {
  app = await startApp();
});
afterAll(async () => {
  await app?.stop();
});

const write = (method: 'post' | 'put', path: string, data: Record<string, unknown>, query = '') =>
  app.http()[method](`/api/${path}${query}`).set(app.fullAccess).send({ data });
const create = (type: string, data: Record<string, unknown>, status = 'published') =>
  write('post', type, data, `?status=${status}`);
const read = (type: string, documentId: string, query = '') =>
  app.http().get(`/api/${type}/${documentId}?populate=*${query}`).set(app.fullAccess);
const segmentId = async (slug: string) => {
  const res = await app.http().get(`/api/personalize/segments?filters[slug][$eq]=${slug}`).set(app.fullAccess);
  return res.body.data[0].documentId as string;
};

describe('a variant', () => {
  let base: string;
  let variant: string;

  beforeAll(async () => {
    base = (await create('offers', { title: 'Car cover', product: 'car' })).body.data.documentId;
    const res = await create('offers', {
      title: 'Car cover for prospects',
      product: 'car',
      variantOf: base,
      targetStage: 'inform',
      targetSegments: [await segmentId('prospect')],
    });
    expect(res.status).toBe(201);
    variant = res.body.data.documentId;
  });

  it('points at its base and carries its targeting', async () => {
    const res = await read('offers', variant);
    expect(res.status).toBe(200);
    expect(res.body.data.variantOf.documentId).toBe(base);
    expect(res.body.data.targetStage).toBe('inform');
    expect(res.body.data.targetSegments.map((s: any) => s.slug)).toEqual(['prospect']);
  });

  it('cannot have variants of its own', async () => {
    const res = await create('offers', { title: 'Nested', variantOf: variant });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/^variantOf: .*variants cannot have variants/);
  });

  it('cannot be a variant of itself', async () => {
    const res = await write('put', `offers/${base}`, { variantOf: base });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/variantOf: an entry cannot be a variant of itself/);
  });

  it('cannot be made of a base that already has variants', async () => {
    const other = (await create('offers', { title: 'Home cover', product: 'home' })).body.data.documentId;
    const res = await write('put', `offers/${base}`, { variantOf: other });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/variantOf: this entry is the base of other variants/);
  });

  it('must point at an existing entry of the same type', async () => {
    const res = await create('offers', { title: 'Lost', variantOf: 'nosuchdocumentid00000000' });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/variantOf: no api::offer.offer entry nosuchdocumentid00000000/);
    const article = (await create('articles', { title: 'Not an offer' })).body.data.documentId;
    const res2 = await create('offers', { title: 'Cross-type', variantOf: article });
    expect(res2.status).toBe(400);
    expect(res2.body.error.message).toMatch(/^variantOf: no api::offer.offer entry/);
  });

  it('keeps its base when the base is deleted: the delete is refused until its variants go', async () => {
    const refused = await app.http().delete(`/api/offers/${base}`).set(app.fullAccess);
    expect(refused.status).toBe(400);
    expect(refused.body.error.message).toMatch(/base of 1 variant/);
    expect((await read('offers', base)).status).toBe(200);

    expect((await app.http().delete(`/api/offers/${variant}`).set(app.fullAccess)).status).toBe(204);
    expect((await app.http().delete(`/api/offers/${base}`).set(app.fullAccess)).status).toBe(204);
  });
});

describe('draft & publish', () => {
  it('publishes a variant only once its base is published', async () => {
    const base = (await create('offers', { title: 'Travel cover' }, 'draft')).body.data.documentId;
    const variant = (await create('offers', { title: 'Travel, reassure', variantOf: base, targetStage: 'reassure' }, 'draft'))
      .body.data.documentId;

    const early = await write('put', `offers/${variant}`, {}, '?status=published');
    expect(early.status).toBe(400);
    expect(early.body.error.message).toMatch(new RegExp(`variantOf: publish the base entry ${base}`));
    expect((await read('offers', variant)).status).toBe(404);

    expect((await write('put', `offers/${base}`, {}, '?status=published')).status).toBe(200);
    expect((await write('put', `offers/${variant}`, {}, '?status=published')).status).toBe(200);
    expect((await read('offers', variant)).body.data.variantOf.documentId).toBe(base);
  });

  it('serves new targeting only once the variant is published', async () => {
    const base = (await create('offers', { title: 'Health cover' })).body.data.documentId;
    const variant = (await create('offers', { title: 'Health, inform', variantOf: base, targetStage: 'inform' })).body.data
      .documentId;

    expect((await write('put', `offers/${variant}`, { targetStage: 'reward' }, '?status=draft')).status).toBe(200);
    expect((await read('offers', variant)).body.data.targetStage).toBe('inform');
    expect((await read('offers', variant, '&status=draft')).body.data.targetStage).toBe('reward');

    expect((await write('put', `offers/${variant}`, {}, '?status=published')).status).toBe(200);
    expect((await read('offers', variant)).body.data.targetStage).toBe('reward');
  });

  it('takes variants back to draft when their base is unpublished, keeping their targeting', async () => {
    const base = (await create('offers', { title: 'Pet cover' })).body.data.documentId;
    const variant = (await create('offers', { title: 'Pet, reward', variantOf: base, targetStage: 'reward' })).body.data
      .documentId;

    const res = await app
      .http()
      .post(`/content-manager/collection-types/api::offer.offer/${base}/actions/unpublish`)
      .set(app.admin)
      .send({});
    expect(res.status).toBe(200);

    expect((await read('offers', variant)).status).toBe(404);
    const draft = await read('offers', variant, '&status=draft');
    expect(draft.body.data.targetStage).toBe('reward');
    expect(draft.body.data.variantOf.documentId).toBe(base);
  });
});

describe('locales', () => {
  it('keeps a variant in the locale of its base', async () => {
    const base = (await create('articles', { title: 'Choosing car insurance' })).body.data.documentId;

    const missing = await create('articles', { title: 'Bien choisir', variantOf: base }, 'published&locale=fr');
    expect(missing.status).toBe(400);
    expect(missing.body.error.message).toMatch(/variantOf: no api::article.article entry .* in locale "fr"/);

    expect((await write('put', `articles/${base}`, { title: 'Choisir son assurance auto' }, '?locale=fr')).status).toBe(200);
    const variant = await create('articles', { title: 'Bien choisir, jeunes', variantOf: base }, 'published&locale=fr');
    expect(variant.status).toBe(201);
    const res = await read('articles', variant.body.data.documentId, '&locale=fr');
    expect(res.body.data.locale).toBe('fr');
    expect(res.body.data.variantOf.documentId).toBe(base);
    expect(res.body.data.variantOf.locale).toBe('fr');
  });
});
