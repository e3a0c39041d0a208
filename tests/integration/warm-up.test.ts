import { pickEntry } from '../../bench/check';
import { BENCH_CONTEXT } from '../../bench/data';
import { generate } from '../../bench/generate';
import { OFFERS } from '../../playground/src/seed/data';
import { FIELDS } from '../../server/src/fields';
import { WAIT_FOR_INDEX_UP_TO_ROWS } from '../../server/src/services/content-index';
import { freshDatabaseFile, startApp, type TestApp } from './harness';

/**
 * A boot with more rows than WAIT_FOR_INDEX_UP_TO_ROWS serves at once and builds the variant index
 * in the background: meanwhile every answer is a valid one (the base entry, saying why), never an
 * error; once it is warm, the variants. The rows come from the bench's generator. A large index
 * takes seconds to read; here the database is made that slow on purpose: the index's read of
 * one link table waits until the test lets it go (knex's query runner, patched in this process).
 */
const BASES = 2_500;
const OFFER = OFFERS.uid;
const ONE = `query($id: ID!, $context: PersonalizationContextInput) {
  personalizedOffer(documentId: $id, context: $context) { entry { documentId } decision { servedDocumentId reason error } }
}`;
const RELATED = `query($id: ID, $context: PersonalizationContextInput) { relatedContent(documentId: $id, context: $context) { documentId } }`;

const Runner = require('knex/lib/execution/runner');
const run = Runner.prototype.run;
let held: { table: string; until: Promise<void> } | null = null;
beforeAll(() => {
  Runner.prototype.run = async function (this: { builder: { toString(): string } }, ...args: unknown[]) {
    if (held && this.builder.toString().includes(held.table)) await held.until;
    return run.apply(this, args);
  };
});

let app: TestApp | undefined;
afterAll(async () => {
  Runner.prototype.run = run;
  await app?.stop();
});

it('serves base entries while the index warms up, then the variants', async () => {
  const databaseFile = freshDatabaseFile();
  const first = await startApp(databaseFile);
  let entry;
  let tagLinks: string;
  try {
    const generated = await generate(first.strapi, { bases: BASES, variantsPerBase: 5 });
    expect(generated.counts.offers).toBeGreaterThan(WAIT_FOR_INDEX_UP_TO_ROWS);
    entry = await pickEntry(first.strapi, generated);
    tagLinks = first.strapi.db.metadata.get(OFFER).attributes[FIELDS.tags].joinTable.name;
  } finally {
    await first.stop({ keepDatabase: true });
  }
  const { documentId } = entry;
  const event = { id: 'warm-up-1', type: 'impression', contentType: OFFER, baseDocumentId: documentId, servedDocumentId: documentId };

  let letGo = () => {};
  held = { table: tagLinks, until: new Promise<void>((resolve) => (letGo = resolve)) };
  const during: Record<string, any> = {};
  try {
    app = await startApp(databaseFile, {
      onLoaded: async (strapi, http) => {
        const index = strapi.plugin('personalize').service('content-index');
        during.warmAtStart = index.isWarm();
        during.one = await http().post('/graphql').send({ query: ONE, variables: { id: documentId, context: BENCH_CONTEXT } });
        during.related = await http().post('/graphql').send({ query: RELATED, variables: { id: documentId, context: BENCH_CONTEXT } });
        during.events = await http().post('/api/personalize/events').send({ consent: true, events: [event] });
        during.warmAtEnd = index.isWarm();
      },
    });
  } finally {
    held = null;
    letGo();
  }

  // Strapi served before the index was warm, and every request was answered meanwhile.
  expect([during.warmAtStart, during.warmAtEnd]).toEqual([false, false]);
  expect(during.one.status).toBe(200);
  expect(during.one.body.errors).toBeUndefined();
  expect(during.one.body.data.personalizedOffer).toEqual({
    entry: { documentId },
    decision: { servedDocumentId: documentId, reason: 'DEFAULT', error: expect.stringMatching(/warming up/) },
  });
  expect(during.related.body).toEqual({ data: { relatedContent: [] } });
  // Events name entries the index checks: the client is asked to retry.
  expect(during.events.status).toBe(503);
  expect(Number(during.events.headers['retry-after'])).toBeGreaterThan(0);
  expect(during.events.body.error.name).toBe('ServiceUnavailableError');

  const index = app.strapi.plugin('personalize').service('content-index');
  await index.settled();
  expect(index.isWarm()).toBe(true);
  const after = await app.gql(ONE, { id: documentId, context: BENCH_CONTEXT });
  expect(after.body.data.personalizedOffer.decision).toEqual({ servedDocumentId: entry.variant.documentId, reason: 'SEGMENT_AND_STAGE', error: null });
  expect((await app.gql(RELATED, { id: documentId, context: BENCH_CONTEXT })).body.data.relatedContent.length).toBeGreaterThan(0);
  expect((await app.http().post('/api/personalize/events').send({ consent: true, events: [event] })).status).toBe(200);
});
