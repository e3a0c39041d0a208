import { FIELDS } from '../../server/src/fields';
import { backfillVariantFlag } from '../../server/src/variant-flag';
import { startApp, type TestApp } from './harness';

/**
 * `hasVariantOf`, the denormalized "has a variantOf" that base-entry lists filter on: it follows
 * every way to make, change, clear, publish and copy a variant, is backfilled at boot, takes the
 * variant link table out of the list queries, and never reaches the content API.
 */
let app: TestApp;
const OFFER = 'api::offer.offer';
const OPTED_IN = ['api::offer.offer', 'api::hero-banner.hero-banner', 'api::article.article', 'api::testimonial.testimonial', 'api::homepage.homepage'];

beforeAll(async () => {
  app = await startApp();
});
afterAll(async () => {
  await app?.stop();
});

const meta = (uid: string) => app.strapi.db.metadata.get(uid);
const flagColumn = (uid: string) => meta(uid).attributes[FIELDS.isVariant].columnName as string;
const linkTable = (uid: string) => meta(uid).attributes[FIELDS.variantOf].joinTable as { name: string; joinColumn: { name: string } };

/** Rows whose flag says otherwise than their link table, by id: none, whatever was written. */
const disagreeing = async (uid: string) => {
  const knex = app.strapi.db.connection;
  const link = linkTable(uid);
  const rows = await knex(meta(uid).tableName).select('id', { flag: flagColumn(uid) }, { linked: knex.raw('EXISTS (SELECT 1 FROM ?? WHERE ??.?? = ??.id)', [link.name, link.name, link.joinColumn.name, meta(uid).tableName]) });
  return rows.filter((r: any) => r.flag === null || Boolean(Number(r.flag)) !== Boolean(Number(r.linked))).map((r: any) => r.id);
};
const expectInStep = async () => {
  for (const uid of OPTED_IN) expect({ uid, rows: await disagreeing(uid) }).toEqual({ uid, rows: [] });
};

/** The flag of the draft and the published row of a document, as stored. */
const flags = async (documentId: string, uid = OFFER) => {
  const rows = await app.strapi.db.connection(meta(uid).tableName).select({ flag: flagColumn(uid) }, { published: meta(uid).attributes.publishedAt.columnName }).where(meta(uid).attributes.documentId.columnName, documentId);
  const of = (published: boolean) => {
    const row = rows.find((r: any) => (r.published != null) === published);
    return row ? Boolean(Number(row.flag)) : undefined;
  };
  return { draft: of(false), published: of(true) };
};

const documents = () => app.strapi.documents(OFFER);
const newBase = async (title: string) => (await documents().create({ data: { title, product: 'car' }, status: 'published' } as any)).documentId as string;
const rowId = async (documentId: string) => (await app.strapi.db.query(OFFER).findOne({ where: { documentId, publishedAt: null }, select: ['id'] })).id as number;

describe('the seeded playground', () => {
  it('has every row in step, variants flagged', async () => {
    await expectInStep();
    const variants = await app.strapi.db.connection(linkTable(OFFER).name).count({ n: '*' });
    expect(Number(variants[0].n)).toBeGreaterThan(0);
  });
});

describe('the flag follows the variant', () => {
  it('through the document service: a documentId, connect, disconnect, set, and publish', async () => {
    const base = await newBase('Flag base DS');
    const other = await newBase('Flag other base DS');
    const variant = (await documents().create({ data: { title: 'Flag variant DS', variantOf: base } } as any)).documentId as string;
    expect(await flags(variant)).toEqual({ draft: true, published: undefined });

    await documents().publish({ documentId: variant } as any);
    expect(await flags(variant)).toEqual({ draft: true, published: true });

    await documents().update({ documentId: variant, data: { variantOf: { disconnect: [base] } } } as any);
    expect(await flags(variant)).toEqual({ draft: false, published: true });
    await documents().publish({ documentId: variant } as any);
    expect(await flags(variant)).toEqual({ draft: false, published: false });

    await documents().update({ documentId: variant, data: { variantOf: { connect: [{ documentId: other }] } } } as any);
    expect(await flags(variant)).toEqual({ draft: true, published: false });
    await documents().update({ documentId: variant, data: { variantOf: { set: [] } } } as any);
    expect((await flags(variant)).draft).toBe(false);
    await documents().update({ documentId: variant, data: { variantOf: { set: [{ documentId: base }] } } } as any);
    expect((await flags(variant)).draft).toBe(true);
    await documents().update({ documentId: variant, data: { variantOf: null } } as any);
    expect((await flags(variant)).draft).toBe(false);
    await documents().update({ documentId: variant, data: { variantOf: await rowId(base) } } as any);
    expect((await flags(variant)).draft).toBe(true);

    // A write that leaves variantOf alone leaves the flag alone, whatever it says about the flag.
    await documents().update({ documentId: variant, data: { title: 'Renamed', [FIELDS.isVariant]: false } } as any);
    expect((await flags(variant)).draft).toBe(true);
    const forced = (await documents().create({ data: { title: 'Forced', [FIELDS.isVariant]: true } } as any)).documentId;
    expect((await flags(forced)).draft).toBe(false);
    await expectInStep();
  });

  it('through discarding a draft: the draft takes the published row’s flag back', async () => {
    const base = await newBase('Flag base discard');
    const variant = (await documents().create({ data: { title: 'Flag variant discard', variantOf: base }, status: 'published' } as any)).documentId;
    await documents().update({ documentId: variant, data: { variantOf: null } } as any);
    expect(await flags(variant)).toEqual({ draft: false, published: true });
    await documents().discardDraft({ documentId: variant } as any);
    expect(await flags(variant)).toEqual({ draft: true, published: true });
    await expectInStep();
  });

  it('over REST', async () => {
    const base = await newBase('Flag base REST');
    const created = await app.http().post('/api/offers?status=published').set(app.fullAccess).send({ data: { title: 'Flag variant REST', variantOf: base } });
    expect(created.status).toBe(201);
    const variant = created.body.data.documentId;
    expect(await flags(variant)).toEqual({ draft: true, published: true });
    const cleared = await app.http().put(`/api/offers/${variant}?status=published`).set(app.fullAccess).send({ data: { variantOf: { disconnect: [base] } } });
    expect(cleared.status).toBe(200);
    expect(await flags(variant)).toEqual({ draft: false, published: false });
    const again = await app.http().put(`/api/offers/${variant}?status=published`).set(app.fullAccess).send({ data: { variantOf: { connect: [base] } } });
    expect(again.status).toBe(200);
    expect(await flags(variant)).toEqual({ draft: true, published: true });
    await expectInStep();
  });

  it('a caller cannot set the flag over REST', async () => {
    const res = await app.http().post('/api/offers').set(app.fullAccess).send({ data: { title: 'Flag forced REST', [FIELDS.isVariant]: true } });
    expect([201, 400]).toContain(res.status);
    if (res.status === 201) expect((await flags(res.body.data.documentId)).draft).toBe(false);
    else expect(res.body.error.message).toMatch(FIELDS.isVariant);
    await expectInStep();
  });

  it('over GraphQL', async () => {
    const base = await newBase('Flag base GraphQL');
    const create = await app.gql(
      'mutation($data: OfferInput!) { createOffer(data: $data, status: PUBLISHED) { documentId } }',
      { data: { title: 'Flag variant GraphQL', variantOf: base } },
      app.fullAccess
    );
    expect(create.body.errors).toBeUndefined();
    const variant = create.body.data.createOffer.documentId;
    expect(await flags(variant)).toEqual({ draft: true, published: true });
    const clear = await app.gql(
      'mutation($id: ID!, $data: OfferInput!) { updateOffer(documentId: $id, data: $data, status: PUBLISHED) { documentId } }',
      { id: variant, data: { variantOf: null } },
      app.fullAccess
    );
    expect(clear.body.errors).toBeUndefined();
    expect(await flags(variant)).toEqual({ draft: false, published: false });
    await expectInStep();
  });

  it('in the Content Manager: create, change, publish, duplicate', async () => {
    const cm = `/content-manager/collection-types/${OFFER}`;
    const base = await newBase('Flag base CM');
    const baseRow = { id: await rowId(base), documentId: base };
    const created = await app.http().post(cm).set(app.admin).send({ title: 'Flag variant CM', variantOf: { connect: [baseRow], disconnect: [] } });
    expect(created.status).toBe(201);
    const variant = created.body.data.documentId;
    expect(await flags(variant)).toEqual({ draft: true, published: undefined });
    // The edit view sends the relation unchanged as empty connect and disconnect lists.
    const edited = await app.http().put(`${cm}/${variant}`).set(app.admin).send({ title: 'Flag variant CM, edited', variantOf: { connect: [], disconnect: [] } });
    expect(edited.status).toBe(200);
    expect((await flags(variant)).draft).toBe(true);
    const published = await app.http().post(`${cm}/${variant}/actions/publish`).set(app.admin).send({});
    expect(published.status).toBe(200);
    expect(await flags(variant)).toEqual({ draft: true, published: true });

    const duplicate = await app.http().post(`${cm}/clone/${variant}`).set(app.admin).send({ title: 'Flag variant CM, copy' });
    expect(duplicate.status).toBe(200);
    expect(await flags(duplicate.body.data.documentId)).toEqual({ draft: true, published: undefined });

    const detached = await app.http().put(`${cm}/${variant}`).set(app.admin).send({ variantOf: { connect: [], disconnect: [baseRow] } });
    expect(detached.status).toBe(200);
    expect((await flags(variant)).draft).toBe(false);
    await expectInStep();
  });

  it('through the variant panel, which makes a variant from a copy of its base', async () => {
    const base = await newBase('Flag base panel');
    const res = await app.http().post('/personalize/variants').set(app.admin).send({ contentType: OFFER, baseDocumentId: base, segments: [], stage: 'inform' });
    expect(res.status).toBe(200);
    expect(await flags(res.body.data.documentId)).toEqual({ draft: true, published: undefined });
    expect(await flags(base)).toEqual({ draft: false, published: false });
    await expectInStep();
  });

  it('through a targeting import, which writes rows below the document service', async () => {
    const base = await newBase('Flag base import');
    const variant = (await documents().create({ data: { title: 'Flag variant import', variantOf: base }, status: 'published' } as any)).documentId;
    const exported = await app.http().get('/personalize/targeting/export').set(app.admin);
    expect(exported.status).toBe(200);
    const entry = exported.body.entries.find((e: any) => e.documentId === variant && !e.published);
    expect(entry.variantOf).toBe(base);

    const detach = { ...exported.body, entries: [{ ...entry, variantOf: null }] };
    expect((await app.http().post('/personalize/targeting/import').set(app.admin).send(detach)).status).toBe(200);
    expect(await flags(variant)).toEqual({ draft: false, published: true });
    const restore = { ...exported.body, entries: [entry] };
    expect((await app.http().post('/personalize/targeting/import').set(app.admin).send(restore)).status).toBe(200);
    expect(await flags(variant)).toEqual({ draft: true, published: true });
    await expectInStep();
  });

  it('in a localized type, per locale', async () => {
    const articles = app.strapi.documents('api::article.article');
    const base = (await articles.create({ data: { title: 'Flag article base' }, locale: 'en', status: 'published' } as any)).documentId;
    const variant = (await articles.create({ data: { title: 'Flag article variant', variantOf: base }, locale: 'en' } as any)).documentId;
    expect((await flags(variant, 'api::article.article')).draft).toBe(true);
    await expectInStep();
  });
});

describe('the backfill at boot', () => {
  it('sets the flag of rows written without it, from their link, once', async () => {
    const knex = app.strapi.db.connection;
    for (const uid of OPTED_IN) await knex(meta(uid).tableName).update({ [flagColumn(uid)]: null });
    // A base marked as a variant by a write below the document service.
    const wrong = await rowId(await newBase('Flag base marked wrongly'));
    await knex(meta(OFFER).tableName).update({ [flagColumn(OFFER)]: true }).where('id', wrong);
    const wrongly = await disagreeing(OFFER);
    expect(wrongly).toContain(wrong);
    expect(wrongly.length).toBeGreaterThan(1);

    // Exactly the rows that disagree: the NULLs and the wrong one, not the new base's published row.
    expect(await backfillVariantFlag(app.strapi, OFFER)).toBe(wrongly.length);
    expect(await disagreeing(OFFER)).toEqual([]);
    expect(await backfillVariantFlag(app.strapi, OFFER)).toBe(0);
  });

  it('on a database written before the column existed: the restart adds it and fills it', async () => {
    const knex = app.strapi.db.connection;
    for (const uid of OPTED_IN) {
      await knex.raw('ALTER TABLE ?? DROP COLUMN ??', [meta(uid).tableName, flagColumn(uid)]);
    }
    // As an upgrade finds it: the schema Strapi stored last is not the one the plugin now declares.
    await knex('strapi_database_schema').update({ hash: 'before hasVariantOf' });
    const { databaseFile } = app;
    await app.stop({ keepDatabase: true });
    app = await startApp(databaseFile);
    await expectInStep();
    // Base entries only, as before the column.
    const rest = await app.http().get('/api/offers?pagination[pageSize]=100&populate=variantOf').set(app.fullAccess);
    expect(rest.status).toBe(200);
    expect(rest.body.data.length).toBeGreaterThan(0);
    for (const entry of rest.body.data) expect(entry.variantOf).toBeNull();
  });
});

describe('lists of an opted-in type', () => {
  /** The statements of one request, transaction control left out, once caches are warm. */
  const statementsOf = async (send: () => Promise<{ status: number; body: any }>) => {
    expect((await send()).status).toBe(200);
    await app.strapi.plugin('personalize').service('content-index').settled();
    const seen: string[] = [];
    const listener = (event: { sql: string }) => {
      if (!/^(BEGIN|COMMIT|ROLLBACK|SAVEPOINT|RELEASE)/i.test(event.sql)) seen.push(event.sql);
    };
    app.strapi.db.connection.client.on('query', listener);
    try {
      const res = await send();
      expect(res.status).toBe(200);
      expect(res.body.errors).toBeUndefined();
    } finally {
      app.strapi.db.connection.client.removeListener('query', listener);
    }
    return seen;
  };
  const expectNoVariantJoin = (statements: string[]) => {
    const link = linkTable(OFFER).name;
    const table = meta(OFFER).tableName;
    const pages = statements.filter((sql) => new RegExp(`from (?:[\`"]?\\w+[\`"]?\\.)?[\`"]?${table}[\`"]?(\\s|$)`, 'i').test(sql) && sql.includes(flagColumn(OFFER)));
    expect(pages.length).toBeGreaterThan(0);
    for (const sql of pages) expect(sql).not.toContain(link);
  };

  it('read a page and its count without joining the variant link table: core REST and GraphQL', async () => {
    expectNoVariantJoin(await statementsOf(() => app.http().get('/api/offers?pagination[pageSize]=25')));
    expectNoVariantJoin(await statementsOf(() => app.gql('{ offers(pagination: { limit: 25 }) { documentId } offers_connection { pageInfo { total } } }')));
  });

  it('and personalized REST and GraphQL', async () => {
    expectNoVariantJoin(await statementsOf(() => app.http().get('/api/personalize/content/offers?pagination[pageSize]=25')));
    expectNoVariantJoin(await statementsOf(() => app.gql('{ personalizedOffers(pagination: { limit: 25 }) { entry { documentId } decision { reason } } }')));
  });
});

describe('the content API', () => {
  const variantId = async () => (await app.strapi.db.query(OFFER).findOne({ where: { [FIELDS.isVariant]: true, publishedAt: { $notNull: true } } })).documentId;

  it('never answers with the flag', async () => {
    const id = await variantId();
    const answers = [
      await app.http().get('/api/offers?pagination[pageSize]=100'),
      await app.http().get(`/api/offers/${id}`),
      await app.http().get(`/api/offers/${id}`).set(app.fullAccess),
      await app.http().get('/api/personalize/content/offers?pagination[pageSize]=100'),
      await app.http().get(`/api/personalize/content/offers/${id}`),
      await app.http().get('/api/homepage'),
      await app.http().get('/api/personalize/content/homepage'),
    ];
    for (const res of answers) {
      expect(res.status).toBe(200);
      expect(JSON.stringify(res.body)).not.toContain(FIELDS.isVariant);
    }
    const type = await app.gql('{ __type(name: "Offer") { fields { name } } filters: __type(name: "OfferFiltersInput") { inputFields { name } } }');
    expect(type.body.data.__type.fields.map((f: any) => f.name)).not.toContain(FIELDS.isVariant);
    expect(type.body.data.filters.inputFields.map((f: any) => f.name)).not.toContain(FIELDS.isVariant);
  });

  it('refuses to filter, sort or select on it, as on any private field', async () => {
    for (const path of ['/api/offers', '/api/personalize/content/offers']) {
      for (const query of [`filters[${FIELDS.isVariant}][$eq]=true`, `filters[$or][0][${FIELDS.isVariant}][$null]=true`, `sort=${FIELDS.isVariant}:asc`, `fields[0]=${FIELDS.isVariant}`]) {
        const res = await app.http().get(`${path}?${query}`).set(app.fullAccess);
        expect({ path, query, status: res.status }).toEqual({ path, query, status: 400 });
      }
    }
    const gql = await app.gql(`{ offers(filters: { ${FIELDS.isVariant}: { eq: true } }) { documentId } }`);
    expect(gql.status).toBe(400);
    expect(gql.body.errors[0].message).toContain(FIELDS.isVariant);
  });

  it('is hidden from the Content Manager’s edit view', async () => {
    const res = await app.http().get(`/content-manager/content-types/${OFFER}/configuration`).set(app.admin);
    expect(res.status).toBe(200);
    const shown = JSON.stringify(res.body.data.contentType.layouts.edit);
    expect(shown).toContain('variantOf');
    expect(shown).not.toContain(FIELDS.isVariant);
  });
});
