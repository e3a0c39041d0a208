/**
 * The engine alone, in this process, no HTTP: a decision (resolve the visitor against 50 compiled
 * segment rules, then choose among 20 variants), related-content ranking with TagIndex, and the
 * coverage matrix of the Personalization page.
 */
import { readContext } from '../plugin/context';
import { coverageReport, type CoverageBase, type CoverageSegment } from '../plugin/coverage';
import { decide, type VariantCandidate } from '../plugin/decide';
import { buildSegmentCatalog } from '../plugin/segment-catalog';
import { resolveVisitor } from '../plugin/visitor';
import type { RelatedQuery } from '../plugin/related';
import { TagIndex } from '../plugin/tag-index';
import { FUNNEL_SEGMENTS } from '../plugin/segments';
import { STAGES, type Stage } from '../plugin/stages';
import { DEMO_SEGMENTS } from '../playground/src/seed/data/taxonomy';
import { atMost, figure, REPORTED, type Figure } from './report';
import { documentIdFor, generatedSegments, pick, random, tagsFor, targetingFor, TOPIC_COUNT, topicSlug, visitorContexts, zipf } from './data';

const now = () => process.hrtime.bigint();
const micros = (from: bigint, to: bigint) => Number(to - from) / 1e3;

const summary = (samples: Float64Array) => {
  const sorted = Float64Array.from(samples).sort();
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
  return { p50: at(50), p95: at(95), iterations: sorted.length };
};

/** The same 50 segments as the generated database: the playground's 9 and the bench's 41. */
export const SEGMENTS = [...FUNNEL_SEGMENTS, ...DEMO_SEGMENTS, ...generatedSegments()];

export function decisionFigures({ warmup = 5_000, iterations = 50_000, throughputMs = 1_000 } = {}) {
  const rnd = random(11);
  const catalog = buildSegmentCatalog(SEGMENTS);
  const slugs = SEGMENTS.map((s) => s.slug);
  const contexts = visitorContexts(rnd, 256).map((c) => readContext(c).context);
  const variants: VariantCandidate[] = Array.from({ length: 20 }, () => ({ documentId: documentIdFor(rnd), ...targetingFor(rnd, slugs) }));
  let sink = 0;
  const once = (i: number) => {
    const visitor = resolveVisitor(contexts[i & 255], catalog);
    sink += decide({ baseDocumentId: 'base', variants, visitor, catalog, enabled: true }).isVariant ? 1 : 0;
  };
  for (let i = 0; i < warmup; i++) once(i);
  const samples = new Float64Array(iterations);
  for (let i = 0; i < iterations; i++) {
    const started = now();
    once(i);
    samples[i] = micros(started, now());
  }
  // Throughput without a clock read around each decision: batches of 1,000 for about a second.
  let done = 0;
  const started = now();
  const deadline = started + BigInt(throughputMs) * 1_000_000n;
  while (now() < deadline) for (let i = 0; i < 1_000; i++) once(done++);
  const perSecond = done / (micros(started, now()) / 1e6);
  // How much the visitors match, to read the figures by: segments each, and variants served.
  const segmentsPerVisitor = contexts.reduce((n, c) => n + resolveVisitor(c, catalog).segments.length, 0) / contexts.length;
  return { ...summary(samples), perSecond, segmentsPerVisitor, variantShare: sink / (warmup + iterations + done) };
}

const TYPES = ['api::offer.offer|', 'api::article.article|en', 'api::faq.faq|'];
const TAGS = Array.from({ length: 1_000 }, (_, i) => (i < TOPIC_COUNT ? topicSlug(i) : `demo-${i}`));

/** An index of `size` base entries (1-6 Zipf-popular tags of 1,000, a few stages), and queries from its entries. */
export function relatedFigures(size: number, { warmup = 300, iterations = 3_000 } = {}) {
  const rnd = random(size);
  const drawTag = zipf(TAGS.length, rnd);
  const index = new TagIndex();
  const sources: Array<{ id: string; tags: string[] }> = [];
  const built = now();
  for (let i = 0; i < size; i++) {
    const contentType = TYPES[i % TYPES.length];
    const id = `${contentType}|${documentIdFor(rnd)}`;
    const tags = tagsFor(rnd, drawTag, TAGS);
    const stages = STAGES.filter(() => rnd() < 0.3);
    index.upsert({ id, contentType, tags, stages });
    if (sources.length < warmup + iterations && rnd() < (warmup + iterations) / size + 0.001) sources.push({ id, tags });
  }
  const buildSeconds = micros(built, now()) / 1e6;
  const queries: RelatedQuery[] = sources.map(({ id, tags }) => ({
    tags,
    interests: [pick(rnd, TAGS), pick(rnd, TAGS)],
    stage: rnd() < 0.8 ? (pick(rnd, STAGES) as Stage) : null,
    types: TYPES,
    exclude: [id],
    limit: 5,
  }));
  let sink = 0;
  for (let i = 0; i < warmup; i++) sink += index.rank(queries[i % queries.length]).length;
  const samples = new Float64Array(iterations);
  for (let i = 0; i < iterations; i++) {
    const query = queries[(warmup + i) % queries.length];
    const started = now();
    sink += index.rank(query).length;
    samples[i] = micros(started, now()) / 1e3; // ms
  }
  if (sink === 0) throw new Error('related ranking returned nothing');
  return { ...summary(samples), buildSeconds, size };
}

/** The matrix of one type: `size` bases, 5 variants each (a third of them drafts), the 50 segments. */
export function coverageFigures(size = 10_000, { warmup = 3, iterations = 20 } = {}) {
  const rnd = random(size + 1);
  const slugs = SEGMENTS.map((s) => s.slug);
  const segments: CoverageSegment[] = SEGMENTS.map((s) => ({
    slug: s.slug,
    name: s.name,
    priority: s.priority,
    reach: rnd() < 0.2 ? null : rnd(),
    reachSource: 'estimate',
  }));
  const bases: CoverageBase[] = Array.from({ length: size }, () => ({
    documentId: documentIdFor(rnd),
    title: documentIdFor(rnd),
    published: rnd() < 0.9,
    variants: Array.from({ length: 5 }, () => ({ documentId: documentIdFor(rnd), ...targetingFor(rnd, slugs), published: rnd() < 0.67 })),
  }));
  let sink = 0;
  for (let i = 0; i < warmup; i++) sink += coverageReport('api::offer.offer', bases, segments).gaps.length;
  const samples = new Float64Array(iterations);
  for (let i = 0; i < iterations; i++) {
    const started = now();
    sink += coverageReport('api::offer.offer', bases, segments).gaps.length;
    samples[i] = micros(started, now()) / 1e3; // ms
  }
  if (sink === 0) throw new Error('the coverage matrix has no gaps: the generated data covers nothing');
  return summary(samples);
}

export function engineFigures(): Figure[] {
  const decisions = decisionFigures();
  const figures = [
    figure('engine', 'decision p50 (resolveVisitor, 50 rules + decide, 20 variants)', decisions.p50, 'us', atMost(10)),
    figure('engine', 'decision p95', decisions.p95, 'us', REPORTED),
    figure('engine', 'decisions per second, one core', decisions.perSecond, '/s', REPORTED,
      `visitors match ${decisions.segmentsPerVisitor.toFixed(1)} of 50 segments; ${(decisions.variantShare * 100).toFixed(0)}% served a variant`),
  ];
  for (const [size, goal, iterations] of [[100_000, 5, 5_000], [1_000_000, 20, 2_000]]) {
    const related = relatedFigures(size, { iterations });
    const label = size.toLocaleString('en');
    figures.push(
      figure('engine', `related ranking, ${label} entries, p50`, related.p50, 'ms', REPORTED),
      figure('engine', `related ranking, ${label} entries, p95`, related.p95, 'ms', atMost(goal), `index built in ${related.buildSeconds.toFixed(1)} s`)
    );
  }
  const coverage = coverageFigures();
  figures.push(
    figure('engine', 'coverage matrix, 10,000 entries x 50 segments x 5 stages', coverage.p50, 'ms', atMost(1000),
      `median of ${coverage.iterations} runs; 5 variants an entry`)
  );
  return figures;
}
