import { OFFERS } from '../../playground/src/seed/data';
import { startApp, type TestApp } from './harness';

/**
 * The content index's look for other instances' writes (polling: SQLite, MySQL/MariaDB,
 * PostgreSQL while not listening). Another instance's write is simulated below this instance's
 * document service, as it looks from here: rows changed with a later update, added or deleted,
 * links moved, nothing said. The look re-reads the families of the rows added or changed since
 * the last one; the whole table only when a row was deleted elsewhere (a deletion leaves no row
 * to follow). A whole read shows as the statements that read link tables by ranges of ids.
 */
const OFFER = OFFERS.uid;
const SEGMENT = 'plugin::personalize.segment';
const ONE = `query($id: ID!, $context: PersonalizationContextInput) {
  personalizedOffer(documentId: $id, context: $context) { decision { servedDocumentId } }
}`;

let app: TestApp;
beforeAll(async () => {
  app = await startApp();
});
afterAll(async () => {
  await app?.stop();
});

const index = () => app.strapi.plugin('personalize').service('content-index');
const offers = () => app.strapi.documents(OFFER);
const servedTo = async (base: string, segments: string[]) => {
  const res = await app.gql(ONE, { id: base, context: { segments } });
  expect(res.body.errors).toBeUndefined();
  return res.body.data.personalizedOffer.decision.servedDocumentId as string;
};
const segmentId = async (slug: string) => (await app.strapi.db.query(SEGMENT).findOne({ where: { slug } })).id as number;
const publishedRow = async (documentId: string) =>
  (await app.strapi.db.query(OFFER).findOne({ where: { documentId, publishedAt: { $notNull: true } } })).id as number;

/** Looks now (as a lookup would once due); answers whether the look read the whole table. */
const look = async () => {
  await index().settled();
  const whole: string[] = [];
  const listener = (event: { sql: string }) => {
    if (/ between /i.test(event.sql)) whole.push(event.sql);
  };
  app.strapi.db.connection.client.on('query', listener);
  try {
    await index().lookNow(false);
  } finally {
    app.strapi.db.connection.client.removeListener('query', listener);
  }
  return { whole: whole.length > 0 };
};

/** A published base and a published variant of it for `segment`. */
const family = async (title: string, segment: string) => {
  const base = (await offers().create({ data: { title, product: 'car' }, status: 'published' })).documentId as string;
  const targetSegments = [(await app.strapi.documents(SEGMENT).findFirst({ filters: { slug: segment } })).documentId];
  const variant = (await offers().create({ data: { title: `${title}, variant`, product: 'car', variantOf: base, targetSegments }, status: 'published' })).documentId as string;
  return { base, variant };
};

it('reads again the family of a row changed elsewhere, not the table', async () => {
  const { base, variant } = await family('Look retarget', 'customer');
  await look();
  expect(await servedTo(base, ['customer'])).toBe(variant);
  // Elsewhere: the published variant retargeted to prospects.
  const row = await publishedRow(variant);
  await app.strapi.db.query(OFFER).update({ where: { id: row }, data: { targetSegments: [await segmentId('prospect')], updatedAt: new Date() } });
  expect(await servedTo(base, ['customer'])).toBe(variant);

  expect(await look()).toEqual({ whole: false });
  expect(await servedTo(base, ['customer'])).toBe(base);
  expect(await servedTo(base, ['prospect'])).toBe(variant);
});

it('reads again the family of a row added elsewhere, not the table', async () => {
  const { base } = await family('Look added', 'customer');
  await look();
  // Elsewhere: a second variant, for prospects, created and published (a row with a larger id).
  const { documentId } = await app.strapi.db.query(OFFER).create({
    data: { documentId: `look-added-${Date.now()}`, title: 'Look added, second variant', product: 'car', publishedAt: new Date(), updatedAt: new Date(), variantOf: await publishedRow(base), targetSegments: [await segmentId('prospect')] },
  });
  expect(await servedTo(base, ['prospect'])).toBe(base);

  expect(await look()).toEqual({ whole: false });
  expect(await servedTo(base, ['prospect'])).toBe(documentId);
});

it('reads the whole table when a row was deleted elsewhere, and not after a delete made here', async () => {
  const { base, variant } = await family('Look deleted', 'customer');
  // The last write before the look is another entry's: the family is not among the rows a look
  // reads again (those changed from the last look's last update on).
  await new Promise((resolve) => setTimeout(resolve, 5));
  await offers().create({ data: { title: 'Look deleted, another entry', product: 'car' }, status: 'published' });
  await look();
  // Elsewhere: the variant unpublished (its published row deleted; nothing else changes).
  await app.strapi.db.query(OFFER).delete({ where: { id: await publishedRow(variant) } });
  expect(index().variantsOf(OFFER, base, null, 'published').map((v: { documentId: string }) => v.documentId)).toEqual([variant]);
  expect(await look()).toEqual({ whole: true });
  expect(index().variantsOf(OFFER, base, null, 'published')).toEqual([]);
  expect(await servedTo(base, ['customer'])).toBe(base);

  // Here: applied at once, and the look after it finds every row accounted for.
  await offers().publish({ documentId: variant });
  expect(await servedTo(base, ['customer'])).toBe(variant);
  await offers().unpublish({ documentId: variant });
  expect(await servedTo(base, ['customer'])).toBe(base);
  expect(await look()).toEqual({ whole: false });
  expect(await servedTo(base, ['customer'])).toBe(base);
});

it('reads again the variants that carry a segment renamed elsewhere', async () => {
  const segments = app.strapi.documents(SEGMENT);
  const slug = `look-renamed-${Date.now()}`;
  await segments.create({ data: { name: 'Look renamed', slug, kind: 'custom', priority: 10, rules: { traits: { tier: { $eq: 'never' } } } } });
  const { base, variant } = await family('Look renamed', slug);
  await look();
  expect(await servedTo(base, [slug])).toBe(variant);
  // Elsewhere: the segment's slug changed; no entry row changes.
  await app.strapi.db.query(SEGMENT).update({ where: { slug }, data: { slug: `${slug}-2`, updatedAt: new Date() } });
  // The segments' cache expires on its own (5 s); the index's look is the subject here.
  app.strapi.plugin('personalize').service('segment-catalog').invalidate();
  expect(await servedTo(base, [`${slug}-2`])).toBe(base);

  expect(await look()).toEqual({ whole: false });
  expect(await servedTo(base, [`${slug}-2`])).toBe(variant);
  expect(await servedTo(base, [slug])).toBe(base);
});
