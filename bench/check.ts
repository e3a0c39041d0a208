/**
 * After the bulk insert: the plugin re-reads what it holds in memory, then a spot check through
 * the document service and GraphQL proves the rows are what Strapi itself would have written.
 */
import { readContext } from '../plugin/context';
import { decide, type Decision } from '../plugin/decide';
import { buildSegmentCatalog } from '../plugin/segment-catalog';
import { resolveVisitor } from '../plugin/visitor';
import { SEGMENT_UID } from '../server/src/fields';
import { OFFER, type InProcessApp } from './app';
import { BENCH_CONTEXT } from './data';
import type { Generated } from './generate';
import { checkAnswer, requests } from './queries';
import { gist } from './report';


/** The plugin read the database at boot, before the generated rows: segments and index are re-read. */
export async function reloadPlugin(strapi: any): Promise<{ seconds: number; error: string | null }> {
  const started = process.hrtime.bigint();
  const plugin = strapi.plugin('personalize');
  plugin.service('segment-catalog').invalidate();
  try {
    await plugin.service('content-index').build();
    return { seconds: Number(process.hrtime.bigint() - started) / 1e9, error: null };
  } catch (error) {
    return { seconds: Number(process.hrtime.bigint() - started) / 1e9, error: gist(error) };
  }
}

export interface BenchEntry {
  documentId: string;
  variant: { documentId: string; segments: string[]; stage: string | null; title: string };
  expected: Decision;
}

/** The first generated base whose best variant for the bench visitor targets a segment and a stage. */
export async function pickEntry(strapi: any, generated: Generated): Promise<BenchEntry> {
  const rows = await strapi.db.query(SEGMENT_UID).findMany({ select: ['slug', 'priority', 'rules'] });
  const catalog = buildSegmentCatalog(rows.map((r: any) => ({ slug: r.slug, priority: r.priority ?? 0, rules: r.rules })));
  const visitor = resolveVisitor(readContext(BENCH_CONTEXT).context, catalog);
  for (const documentId of generated.bases) {
    const variants = generated.variants.get(documentId)!;
    const expected = decide({ baseDocumentId: documentId, variants: variants as any, visitor, catalog, enabled: true });
    if (expected.reason === 'SEGMENT_AND_STAGE') {
      return { documentId, variant: variants.find((v) => v.documentId === expected.servedDocumentId)!, expected };
    }
  }
  throw new Error('no generated base has a segment-and-stage variant for the bench visitor');
}

/** Returns the problems found; none means the generated data reads back as intended. */
export async function spotCheck(app: InProcessApp, generated: Generated, entry: BenchEntry): Promise<string[]> {
  const problems: string[] = [];
  const expect = (ok: boolean, what: string) => ok || problems.push(what);
  const documents = app.strapi.documents(OFFER);
  try {
    const published = await documents.count({ status: 'published' });
    expect(published >= generated.bases.length * 6, `published offers: ${published}`);
    for (const status of ['draft', 'published']) {
      const variant = await documents.findOne({
        documentId: entry.variant.documentId,
        status,
        populate: { variantOf: { fields: ['documentId'] }, targetSegments: { fields: ['slug'] }, contentTags: { fields: ['slug'] } },
      });
      expect(variant?.variantOf?.documentId === entry.documentId, `${status} variant: variantOf`);
      expect(variant?.targetStage === entry.variant.stage, `${status} variant: targetStage`);
      const slugs = (variant?.targetSegments ?? []).map((s: { slug: string }) => s.slug).sort();
      expect(JSON.stringify(slugs) === JSON.stringify([...entry.variant.segments].sort()), `${status} variant: targetSegments`);
      expect((variant?.contentTags ?? []).length > 0, `${status} variant: contentTags`);
    }
    const { personalizedOne } = requests(entry.documentId);
    const data = checkAnswer('personalizedOne', await app.send(personalizedOne));
    expect(data.decision.servedDocumentId === entry.expected.servedDocumentId, `GraphQL served ${data.decision.servedDocumentId}`);
    expect(data.entry.title === entry.variant.title, `GraphQL entry title ${data.entry.title}`);
  } catch (error) {
    problems.push(gist(error));
  }
  return problems;
}
