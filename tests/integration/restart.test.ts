import { startApp, freshDatabaseFile } from './harness';

/** A later boot must never overwrite what editors did to the seeded funnel audiences. */
it('keeps editors\' changes to the funnel segments across a restart', async () => {
  const databaseFile = freshDatabaseFile();
  const first = await startApp(databaseFile);
  const segments = 'plugin::personalize.segment';
  const bySlug = (slug: string) => first.strapi.documents(segments).findFirst({ filters: { slug } });
  const suspect = await bySlug('suspect');
  const anonymous = await bySlug('anonymous');
  const edited = await first.http()
    .put(`/content-manager/collection-types/${segments}/${suspect.documentId}`)
    .set(first.admin)
    .send({ ...suspect, priority: 99, rules: { traits: { visits: { $gte: 3 } } } });
  expect(edited.status).toBe(200);
  const removed = await first.http().delete(`/content-manager/collection-types/${segments}/${anonymous.documentId}`).set(first.admin);
  expect(removed.status).toBe(200);
  await first.stop({ keepDatabase: true });

  const second = await startApp(databaseFile);
  try {
    const all = await second.strapi.db.query(segments).findMany({ where: { kind: 'funnel' } });
    expect(all.map((s: any) => s.slug).sort()).toEqual(['customer', 'prospect', 'suspect']);
    const after = all.find((s: any) => s.slug === 'suspect');
    expect(after.priority).toBe(99);
    expect(after.rules).toEqual({ traits: { visits: { $gte: 3 } } });
  } finally {
    await second.stop();
  }
});
