import { AsyncResource } from 'async_hooks';
import { OFFERS } from '../../playground/src/seed/data';
import { CONTENT_INDEX_FRESHNESS_MS } from '../../server/src/services/content-index';
import { startApp, type TestApp } from './harness';

/**
 * A write made in a transaction never waits for the content index's background re-read. The
 * Content Manager publishes, and deletes in bulk, inside a transaction of its own; on SQLite that
 * transaction holds Strapi's one connection, and a re-read needs a connection too. A write that
 * waited for the re-read (the index's refresh queued behind it) waited knex's
 * acquireConnectionTimeout, 60 s, for itself. Each write here comes while a re-read is due (the
 * index looks for other instances' writes at most every CONTENT_INDEX_FRESHNESS_MS) and must answer
 * well within BOUND_MS. On PostgreSQL and MySQL the pool has more connections: the same tests
 * pass there, but they could not fail.
 */
const BOUND_MS = 10_000;
const OFFER = OFFERS.uid;
const TAG = 'plugin::personalize.tag';
const CM = '/content-manager/collection-types';

const ONE = `query($id: ID!, $context: PersonalizationContextInput) {
  personalizedOffer(documentId: $id, context: $context) { decision { servedDocumentId } }
}`;
const RELATED = `query($id: ID) { relatedContent(documentId: $id, limit: 20) { documentId sharedTags } }`;

/** Runs `fn` in this module's own async context: as another request would, outside any write's transaction. */
const elsewhere = AsyncResource.bind(<T>(fn: () => T): T => fn());
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let app: TestApp;
const timings: string[] = [];
beforeAll(async () => {
  app = await startApp();
});
afterAll(async () => {
  await app?.stop();
  if (timings.length) console.log(`Writes in a transaction while the index's re-read was due (bound ${BOUND_MS} ms):\n${timings.join('\n')}`);
});

const index = () => app.strapi.plugin('personalize').service('content-index');
/** No look for a while: the next lookup starts a re-read. */
const reReadDue = async () => {
  await index().settled();
  await sleep(CONTENT_INDEX_FRESHNESS_MS + 200);
};
/** An app's own document middleware that calls `fn` when `action` runs on `documentId`, inside the write; returns its removal. */
const during = (action: string, documentId: string, fn: () => void): (() => void) =>
  (app.strapi.documents as any).use(async (ctx: { action: string; params: { documentId?: string } }, next: () => Promise<unknown>) => {
    if (ctx.action === action && ctx.params.documentId === documentId) fn();
    return next();
  });
const timed = async <T>(name: string, write: () => Promise<T>) => {
  const started = Date.now();
  const result = await write();
  const ms = Date.now() - started;
  timings.push(`  ${name}: ${ms} ms`);
  return { result, ms };
};
const servedTo = async (base: string, segments: string[]) => {
  const res = await app.gql(ONE, { id: base, context: { segments } });
  expect(res.body.errors).toBeUndefined();
  return res.body.data.personalizedOffer.decision.servedDocumentId as string;
};

/** A published base and a draft variant of it for customers. */
const baseWithDraftVariant = async (title: string) => {
  const offers = app.strapi.documents(OFFER);
  const customer = await app.strapi.documents('plugin::personalize.segment').findFirst({ filters: { slug: 'customer' } });
  const base = (await offers.create({ data: { title, product: 'car' }, status: 'published' })).documentId as string;
  const variant = (await offers.create({ data: { title: `${title} for customers`, product: 'car', variantOf: base, targetSegments: [customer.documentId] } }))
    .documentId as string;
  return { base, variant };
};

describe('a Content Manager publish while the index re-read is due', () => {
  it.each([
    ['the publish itself looks the entry up (an app middleware asking the index inside the transaction)', (ids: { variant: string }) => () => index().locate(ids.variant)],
    ['another request starts the re-read while the publish holds the connection', (ids: { base: string }) => () => elsewhere(() => index().locate(ids.base))],
  ])('answers at once when %s', async (when, lookup) => {
    const ids = await baseWithDraftVariant(`Tx ${when.slice(0, 20)}`);
    const warn = jest.spyOn(app.strapi.log, 'warn');
    const off = during('publish', ids.variant, lookup(ids));
    try {
      await reReadDue();
      const { result, ms } = await timed(`publish: ${when}`, () => app.http().post(`${CM}/${OFFER}/${ids.variant}/actions/publish`).set(app.admin).send({}));
      expect(result.status).toBe(200);
      expect(ms).toBeLessThan(BOUND_MS);
      // Applied here by the time the publish answers.
      expect(await servedTo(ids.base, ['customer'])).toBe(ids.variant);
      // Whatever re-read was started went through once the transaction let the connection go.
      await index().settled();
      expect(warn.mock.calls.map(([message]) => String(message)).filter((m) => m.includes('content index'))).toEqual([]);
    } finally {
      off();
      warn.mockRestore();
    }
  });
});

it('a bulk delete of tags in the Content Manager (one transaction) answers at once, and related content forgets them', async () => {
  const tags = app.strapi.documents(TAG);
  const gone = [(await tags.create({ data: { name: 'tx-gone-1', slug: 'tx-gone-1' } })).documentId, (await tags.create({ data: { name: 'tx-gone-2', slug: 'tx-gone-2' } })).documentId];
  const offers = app.strapi.documents(OFFER);
  const [source, target] = [
    (await offers.create({ data: { title: 'Tx related source', product: 'car', contentTags: gone }, status: 'published' })).documentId,
    (await offers.create({ data: { title: 'Tx related target', product: 'car', contentTags: gone }, status: 'published' })).documentId,
  ];
  const relatedTo = async (id: string) => {
    const res = await app.gql(RELATED, { id });
    expect(res.body.errors).toBeUndefined();
    return res.body.data.relatedContent as Array<{ documentId: string; sharedTags: string[] }>;
  };
  expect((await relatedTo(source)).find((item) => item.documentId === target)?.sharedTags).toEqual(['tx-gone-1', 'tx-gone-2']);

  await reReadDue();
  const { result, ms } = await timed('bulk delete of two tags', () => app.http().post(`${CM}/${TAG}/actions/bulkDelete`).set(app.admin).send({ documentIds: gone }));
  expect(result.status).toBe(200);
  expect(result.body.count).toBe(2);
  expect(ms).toBeLessThan(BOUND_MS);
  await index().settled();
  expect((await relatedTo(source)).find((item) => item.documentId === target)).toBeUndefined();
});
