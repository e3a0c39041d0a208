import cases from './coverage.cases.json';
import {
  coverageCsv,
  coverageReport,
  entriesLacking,
  shadowedVariants,
  watchList,
  type CoverageBase,
  type CoverageCell,
  type CoverageGap,
  type CoverageReport,
  type CoverageSegment,
  type WatchList,
  type WatchListFamily,
} from './coverage';
import { decide, type VariantCandidate } from './decide';
import { buildSegmentCatalog, type SegmentCatalog } from './segment-catalog';
import { STAGES, type Stage } from './stages';
import { seededRandom } from '../tests/support/random';

/** A case segment: name defaults to the slug, reach and reachSource to null. */
type CaseSegment = Pick<CoverageSegment, 'slug' | 'priority'> & Partial<CoverageSegment>;
/** A group name of the file, or the segments themselves. */
type CaseSegments = string | CaseSegment[];
/** A case base: title defaults to the documentId, published to true; a variant's published to true, stage to null, segments to none. */
interface CaseBase {
  documentId: string;
  title?: string;
  published?: boolean;
  variants: Array<{ documentId: string; segments?: string[]; stage?: Stage | null; published?: boolean }>;
}
/** A cell as "published/drafts/missing"; a row's cells in journey order. */
type CaseCells = [string, string, string, string, string];
/** A gap as [segment, stage, missing, drafts]; name and reach are the segment's. */
type CaseGap = [segment: string, stage: Stage, missing: number, drafts: number];
interface ExpectedReport {
  bases: number;
  rows: Array<[segment: string, cells: CaseCells]>;
  anySegment: CaseCells;
  gaps: CaseGap[];
}

type ReportCase = [name: string, input: { segments: CaseSegments; bases: CaseBase[] }, expected: ExpectedReport];
type LackingCase = [
  name: string,
  input: { bases: CaseBase[]; segment: string; stage: Stage },
  expected: ReturnType<typeof entriesLacking>,
];
/** The CSV's records; the test joins them with CRLF, a CRLF after the last. */
type CsvCase = [name: string, input: { segments: CaseSegments; bases: CaseBase[] }, expected: string[]];
type ShadowCase = [
  name: string,
  input: { segments: CaseSegments; variants: VariantCandidate[] },
  expected: ReturnType<typeof shadowedVariants>,
];
type WatchCase = [name: string, input: { segments: CaseSegments; families: WatchListFamily[] }, expected: WatchList];

const reportCases = cases.coverageReport as unknown as ReportCase[];
const lackingCases = cases.entriesLacking as unknown as LackingCase[];
const csvCases = cases.coverageCsv as unknown as CsvCase[];
const shadowCases = cases.shadowedVariants as unknown as ShadowCase[];
const watchCases = cases.watchList as unknown as WatchCase[];
const groups = cases.segmentGroups as unknown as Record<string, CaseSegment[]>;

const CONTENT_TYPE = 'api::article.article';

function segmentsOf(items: CaseSegments): CoverageSegment[] {
  if (typeof items === 'string' && !(items in groups)) throw new Error(`unknown segment group "${items}"`);
  return (typeof items === 'string' ? groups[items] : items).map((s) => ({
    slug: s.slug,
    name: s.name ?? s.slug,
    priority: s.priority,
    reach: s.reach ?? null,
    reachSource: s.reachSource ?? null,
  }));
}

const catalogOf = (segments: CoverageSegment[]): SegmentCatalog =>
  buildSegmentCatalog(segments.map(({ slug, priority }) => ({ slug, priority, rules: null })));

const baseOf = ({ documentId, title, published = true, variants }: CaseBase): CoverageBase => ({
  documentId,
  title: title ?? documentId,
  published,
  variants: variants.map((v) => ({
    documentId: v.documentId,
    segments: v.segments ?? [],
    stage: v.stage ?? null,
    published: v.published ?? true,
  })),
});

function cellsOf(cells: CaseCells): Record<Stage, CoverageCell> {
  return Object.fromEntries(
    STAGES.map((stage, s) => {
      const [published, drafts, missing] = cells[s].split('/').map(Number);
      return [stage, { published, drafts, missing }];
    })
  ) as Record<Stage, CoverageCell>;
}

function expectedReport(segments: CoverageSegment[], expected: ExpectedReport): CoverageReport {
  const segment = (slug: string) => segments.find((s) => s.slug === slug)!;
  return {
    contentType: CONTENT_TYPE,
    bases: expected.bases,
    stages: [...STAGES],
    rows: expected.rows.map(([slug, cells]) => {
      const { name, reach, reachSource } = segment(slug);
      return { segment: slug, name, reach, reachSource, cells: cellsOf(cells) };
    }),
    anySegment: cellsOf(expected.anySegment),
    gaps: expected.gaps.map(([slug, stage, missing, drafts]) => {
      const { name, reach } = segment(slug);
      return { segment: slug, name, stage, reach, missing, drafts };
    }),
  };
}

describe('coverageReport cases', () => {
  test.each(reportCases)('%s', (_name, input, expected) => {
    const segments = segmentsOf(input.segments);
    expect(coverageReport(CONTENT_TYPE, input.bases.map(baseOf), segments)).toEqual(expectedReport(segments, expected));
  });
});

describe('entriesLacking cases', () => {
  test.each(lackingCases)('%s', (_name, input, expected) => {
    expect(entriesLacking(input.bases.map(baseOf), input.segment, input.stage)).toEqual(expected);
  });
});

describe('coverageCsv cases', () => {
  test.each(csvCases)('%s', (_name, input, expected) => {
    const report = coverageReport(CONTENT_TYPE, input.bases.map(baseOf), segmentsOf(input.segments));
    expect(coverageCsv(report)).toBe(expected.map((record) => `${record}\r\n`).join(''));
  });
});

describe('shadowedVariants cases', () => {
  test.each(shadowCases)('%s', (_name, input, expected) => {
    expect(shadowedVariants(input.variants, catalogOf(segmentsOf(input.segments)))).toEqual(expected);
  });
});

describe('watchList cases', () => {
  test.each(watchCases)('%s', (_name, input, expected) => {
    const segments = segmentsOf(input.segments);
    const listed = segments.map(({ slug, name }) => ({ slug, name }));
    expect(watchList(input.families, listed, catalogOf(segments))).toEqual(expected);
  });
});

describe('coverageReport', () => {
  test('a repeated slug keeps the first in segment order, as the catalog does', () => {
    const report = coverageReport(
      CONTENT_TYPE,
      [],
      [
        { slug: 'vip', name: 'Old VIP', priority: 1, reach: null, reachSource: null },
        { slug: 'vip', name: 'VIP', priority: 9, reach: 0.2, reachSource: 'estimate' },
      ]
    );
    expect(report.rows.map(({ segment, name, reach }) => ({ segment, name, reach }))).toEqual([
      { segment: 'vip', name: 'VIP', reach: 0.2 },
    ]);
  });

  test('leaves its input as it was', () => {
    const segments = segmentsOf('shop');
    const bases = [baseOf({ documentId: 'b1', variants: [{ documentId: 'v1', segments: ['vip'], stage: 'help' }] })];
    const before = JSON.stringify([segments, bases]);
    coverageReport(CONTENT_TYPE, bases, segments);
    expect(JSON.stringify([segments, bases])).toBe(before);
  });
});

// Generated data, checked against a brute force that follows the documented rules to the letter.

const pickOne = <T>(random: () => number, from: readonly T[]): T => from[Math.floor(random() * from.length)];

/** 12 segments with tied priorities, reach sometimes unknown or tied; and 'ghost', which no segment is. */
function generateSegments(random: () => number): CoverageSegment[] {
  return Array.from({ length: 12 }, (_, i) => {
    const reach = random() < 0.25 ? null : pickOne(random, [0, 0.1, 0.25, 0.5, Math.round(random() * 1000) / 1000]);
    return {
      slug: `s${String(i).padStart(2, '0')}`,
      name: `Segment ${i}`,
      priority: pickOne(random, [1, 5, 5, 10, 50]),
      reach,
      reachSource: reach === null ? null : pickOne(random, ['impressions', 'estimate'] as const),
    };
  });
}

function generateBases(random: () => number, count: number, slugs: readonly string[]): CoverageBase[] {
  const targeting = () => ({
    segments: Array.from({ length: pickOne(random, [0, 1, 1, 1, 2, 3]) }, () => pickOne(random, [...slugs, 'ghost'])),
    stage: random() < 0.4 ? null : pickOne(random, STAGES),
  });
  return Array.from({ length: count }, (_, b) => {
    const variants: CoverageBase['variants'] = [];
    for (let v = Math.floor(random() * 7); v > 0; v--) {
      const documentId = `b${b}-v${v}`;
      const published = random() < 0.6;
      variants.push({ documentId, ...targeting(), published });
      // Published with a newer draft: the same variant listed again, sometimes retargeted.
      if (published && random() < 0.3) {
        variants.push({ documentId, ...(random() < 0.5 ? targeting() : variants[variants.length - 1]), published: false });
      }
    }
    return { documentId: `b${b}`, title: `Entry ${Math.floor(random() * 500)}`, published: random() < 0.9, variants };
  });
}

function bruteForceReport(contentType: string, bases: CoverageBase[], segments: CoverageSegment[]): CoverageReport {
  const ordered = [...segments]
    .sort((a, b) => (a.priority !== b.priority ? b.priority - a.priority : a.slug < b.slug ? -1 : 1))
    .filter((segment, i, all) => all.findIndex((s) => s.slug === segment.slug) === i);
  const cell = (covers: (variant: CoverageBase['variants'][number]) => boolean): CoverageCell => {
    let published = 0;
    let drafts = 0;
    for (const base of bases) {
      if (base.variants.some((v) => v.published && covers(v))) published++;
      else if (base.variants.some((v) => !v.published && covers(v))) drafts++;
    }
    return { published, drafts, missing: bases.length - published };
  };
  const cells = (covers: (variant: CoverageBase['variants'][number], stage: Stage) => boolean) =>
    Object.fromEntries(STAGES.map((stage) => [stage, cell((v) => covers(v, stage))])) as Record<Stage, CoverageCell>;
  const rows = ordered.map((s) => ({
    segment: s.slug,
    name: s.name,
    reach: s.reach,
    reachSource: s.reachSource,
    cells: cells((v, stage) => v.segments.includes(s.slug) && (v.stage === null || v.stage === stage)),
  }));
  const ranked: Array<{ gap: CoverageGap; key: number[] }> = [];
  rows.forEach((row, r) =>
    STAGES.forEach((stage, s) => {
      const { missing, drafts } = row.cells[stage];
      if (missing === 0) return;
      const gap = { segment: row.segment, name: row.name, stage, reach: row.reach, missing, drafts };
      // Generated reach is never negative: -1 ranks unknown reach below every known one.
      ranked.push({ gap, key: [-(row.reach ?? -1), -missing, r, s] });
    })
  );
  ranked.sort((a, b) => {
    const i = a.key.findIndex((k, j) => k !== b.key[j]);
    return i === -1 ? 0 : a.key[i] - b.key[i];
  });
  return {
    contentType,
    bases: bases.length,
    stages: [...STAGES],
    rows,
    anySegment: cells((v, stage) => v.segments.length === 0 && v.stage === stage),
    gaps: ranked.map(({ gap }) => gap),
  };
}

describe('coverage on generated data', () => {
  const random = seededRandom(2024);
  const segments = generateSegments(random);
  const bases = generateBases(random, 2_000, segments.map((s) => s.slug));

  test('coverageReport agrees with the brute force', () => {
    // The segments are shuffled: the report's order must not depend on theirs.
    const shuffled = [...segments].sort(() => random() - 0.5);
    const report = coverageReport(CONTENT_TYPE, bases, shuffled);
    expect(report).toEqual(bruteForceReport(CONTENT_TYPE, bases, segments));
    // The data reaches every kind of cell.
    const all = [...report.rows.flatMap((row) => Object.values(row.cells)), ...Object.values(report.anySegment)];
    expect(all.some((c) => c.drafts > 0 && c.published > 0 && c.missing > c.drafts)).toBe(true);
    expect(report.gaps.some((gap) => gap.reach === null)).toBe(true);
  });

  test('entriesLacking lists, for every cell, the missing bases and the drafts the report counts', () => {
    const report = coverageReport(CONTENT_TYPE, bases, segments);
    const check = (segment: string, cells: Record<Stage, CoverageCell>) => {
      for (const stage of STAGES) {
        const lacking = entriesLacking(bases, segment, stage);
        expect([lacking.length, lacking.filter((entry) => entry.hasDraft).length]).toEqual([
          cells[stage].missing,
          cells[stage].drafts,
        ]);
      }
    };
    for (const row of report.rows) check(row.segment, row.cells);
    check('', report.anySegment);
  });
});

describe('shadowedVariants on generated families', () => {
  // Few segments, so every visitor can be tried: each subset of segments, at each stage or none.
  const catalog = buildSegmentCatalog([
    { slug: 'a', priority: 10, rules: null },
    { slug: 'b', priority: 10, rules: null },
    { slug: 'c', priority: 5, rules: null },
    { slug: 'd', priority: 1, rules: null },
  ]);
  const slugs = catalog.segments.map((s) => s.slug);
  const visitors = Array.from({ length: 1 << slugs.length }, (_, mask) => slugs.filter((_, i) => (mask >> i) & 1)).flatMap(
    (segments) => [...STAGES, null].map((stage) => ({ segments, stage, ignored: [] }))
  );

  test('a variant is shadowed exactly when no visitor at all is served it', () => {
    const random = seededRandom(99);
    let shadowedSeen = 0;
    for (let family = 0; family < 400; family++) {
      const variants: VariantCandidate[] = Array.from({ length: 1 + Math.floor(random() * 6) }, (_, i) => ({
        documentId: pickOne(random, ['x', 'y', 'z']) + i,
        segments: Array.from({ length: pickOne(random, [0, 1, 1, 2, 3]) }, () => pickOne(random, [...slugs, 'ghost'])),
        stage: random() < 0.5 ? null : pickOne(random, STAGES.slice(0, 2)),
      }));
      const served = new Set(
        visitors.map((visitor) => decide({ baseDocumentId: 'base', variants, visitor, catalog, enabled: true }).servedDocumentId)
      );
      const expected = variants.filter((v) => !served.has(v.documentId)).map((v) => v.documentId);
      const shadowed = shadowedVariants(variants, catalog);
      expect(shadowed.map((s) => s.documentId)).toEqual(expected);
      // Who shadows a variant is always a sibling that some visitor is served.
      for (const { shadowedBy } of shadowed) for (const id of shadowedBy) expect(served.has(id)).toBe(true);
      shadowedSeen += shadowed.length;
    }
    expect(shadowedSeen).toBeGreaterThan(50);
  });
});
