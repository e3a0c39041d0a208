/**
 * Coverage: which (segment, stage) cells of a content type have variants, and which lack them,
 * read by content leads to decide what to write next; and the watch-list of targeting that
 * cannot work (segments nobody targets, variants that can never win, bases never served).
 * Pure functions over plain data: the server reads the rows, these count them.
 */
import { decide, type VariantCandidate } from './decide';
import type { SegmentCatalog } from './segment-catalog';
import type { Visitor } from './visitor';
import { STAGES, type Stage } from './stages';

/** A variant's targeting in one version. */
export interface CoverageVariant {
  documentId: string;
  segments: string[];
  stage: Stage | null;
  published: boolean;
}

/**
 * A base entry (one locale) and all its variants, draft and published versions both listed (a
 * variant published with a draft also appears twice: once published:true, once published:false).
 */
export interface CoverageBase {
  documentId: string;
  title: string;
  published: boolean;
  variants: CoverageVariant[];
}

export interface CoverageSegment {
  slug: string;
  name: string;
  priority: number;
  /** share of visitors or impressions; null = unknown */
  reach: number | null;
  reachSource: 'impressions' | 'estimate' | null;
}

export interface CoverageCell {
  /** bases with a published variant covering the cell */
  published: number;
  /** bases with no published but a draft variant covering it */
  drafts: number;
  /** bases with no published variant covering it */
  missing: number;
}

export interface CoverageRow {
  segment: string;
  name: string;
  reach: number | null;
  reachSource: 'impressions' | 'estimate' | null;
  cells: Record<Stage, CoverageCell>;
}

export interface CoverageGap {
  segment: string;
  name: string;
  stage: Stage;
  reach: number | null;
  missing: number;
  drafts: number;
}

export interface CoverageReport {
  contentType: string;
  /** number of base entries considered */
  bases: number;
  /** STAGES in journey order */
  stages: Stage[];
  /** one row per segment, in segment order (priority desc, then slug asc) */
  rows: CoverageRow[];
  /** variants that target a stage but no segment: they serve every segment at that stage */
  anySegment: Record<Stage, CoverageCell>;
  /** cells with missing > 0, most important first */
  gaps: CoverageGap[];
}

const STAGE_COUNT = STAGES.length;
const ALL_STAGES = (1 << STAGE_COUNT) - 1;
const STAGE_BITS: ReadonlyMap<string, number> = new Map(STAGES.map((stage, i) => [stage, 1 << i]));

/** The stages a variant covers as a bit mask: null is every stage; not a stage (bad data) is none. */
const stageMaskOf = (stage: Stage | null): number => (stage === null ? ALL_STAGES : (STAGE_BITS.get(stage) ?? 0));

/** Code-unit order, the same on every instance whatever its locale. */
const byCodeUnit = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Segment order, the visitor order of the engine: priority descending, then slug ascending. */
const bySegmentOrder = (a: CoverageSegment, b: CoverageSegment): number =>
  b.priority - a.priority || byCodeUnit(a.slug, b.slug);

/**
 * The coverage matrix of one content type.
 *
 * A variant covers cell (S, X) when its segments include S and its stage is X or null (any
 * stage). A variant with no segment and stage X covers anySegment[X]. A variant with neither
 * (untargeted) covers nothing: it replaces the base for everyone, which is no personalization.
 * Segments a variant names that are not in `segments` are ignored. Every base counts, published
 * or not: an unpublished base is the watch-list's concern, not a hole in the matrix.
 *
 * Counts are of bases, not variants: a base with three variants covering a cell counts once.
 * `missing = bases - published`; `drafts` counts the missing bases that have a draft covering it.
 *
 * One pass over the bases: per base, two small stage masks per segment it touches (published,
 * draft), added to flat counters and reset; no scan of the bases per cell.
 */
export function coverageReport(contentType: string, bases: CoverageBase[], segments: CoverageSegment[]): CoverageReport {
  // Slugs are unique in storage; should one repeat, the first in segment order is kept, as the catalog does.
  const ordered: CoverageSegment[] = [];
  const indexOf = new Map<string, number>();
  for (const segment of [...segments].sort(bySegmentOrder)) {
    if (indexOf.has(segment.slug)) continue;
    indexOf.set(segment.slug, ordered.length);
    ordered.push(segment);
  }
  // Row `any` (the last) is the anySegment row.
  const any = ordered.length;
  const published = new Int32Array((any + 1) * STAGE_COUNT);
  const drafts = new Int32Array((any + 1) * STAGE_COUNT);
  const publishedMask = new Uint8Array(any + 1);
  const draftMask = new Uint8Array(any + 1);
  const touched = new Int32Array(any + 1);

  for (const base of bases) {
    let touchedCount = 0;
    for (const variant of base.variants) {
      const stages = stageMaskOf(variant.stage);
      if (stages === 0 || !Array.isArray(variant.segments)) continue;
      const masks = variant.published ? publishedMask : draftMask;
      const targets = variant.segments;
      if (targets.length === 0) {
        if (variant.stage === null) continue; // untargeted: not coverage
        if (publishedMask[any] === 0 && draftMask[any] === 0) touched[touchedCount++] = any;
        masks[any] |= stages;
        continue;
      }
      for (let t = 0; t < targets.length; t++) {
        const row = indexOf.get(targets[t]);
        if (row === undefined) continue;
        if (publishedMask[row] === 0 && draftMask[row] === 0) touched[touchedCount++] = row;
        masks[row] |= stages;
      }
    }
    for (let k = 0; k < touchedCount; k++) {
      const row = touched[k];
      const live = publishedMask[row];
      const waiting = draftMask[row] & ~live;
      for (let s = 0; s < STAGE_COUNT; s++) {
        if ((live >> s) & 1) published[row * STAGE_COUNT + s]++;
        else if ((waiting >> s) & 1) drafts[row * STAGE_COUNT + s]++;
      }
      publishedMask[row] = 0;
      draftMask[row] = 0;
    }
  }

  const total = bases.length;
  const cellsOf = (row: number): Record<Stage, CoverageCell> => {
    const cells = {} as Record<Stage, CoverageCell>;
    STAGES.forEach((stage, s) => {
      const at = row * STAGE_COUNT + s;
      cells[stage] = { published: published[at], drafts: drafts[at], missing: total - published[at] };
    });
    return cells;
  };
  const rows: CoverageRow[] = ordered.map((segment, row) => ({
    segment: segment.slug,
    name: segment.name,
    reach: segment.reach,
    reachSource: segment.reachSource,
    cells: cellsOf(row),
  }));

  const gaps: CoverageGap[] = [];
  for (const row of rows) {
    for (const stage of STAGES) {
      const { missing, drafts: waiting } = row.cells[stage];
      if (missing > 0) gaps.push({ segment: row.segment, name: row.name, stage, reach: row.reach, missing, drafts: waiting });
    }
  }
  // Gaps are made in segment order then journey order, and sort is stable: ties keep that order.
  gaps.sort((a, b) => reachRank(b.reach) - reachRank(a.reach) || b.missing - a.missing);

  return { contentType, bases: total, stages: [...STAGES], rows, anySegment: cellsOf(any), gaps };
}

/** Unknown reach ranks below any known one (NaN is as good as unknown). */
const reachRank = (reach: number | null): number =>
  typeof reach === 'number' && !Number.isNaN(reach) ? reach : -Infinity;

/** Whether a variant covers the cell; segment '' is the anySegment row (a stage, no segment). */
function covers(variant: CoverageVariant, segment: string, stage: Stage): boolean {
  if (!Array.isArray(variant.segments)) return false;
  if (segment === '') return variant.segments.length === 0 && variant.stage === stage;
  return (variant.stage === null || variant.stage === stage) && variant.segments.includes(segment);
}

/**
 * The bases that lack a published variant for (segment, stage); segment '' means the anySegment
 * row. Sorted by title then documentId, by code unit so every instance agrees.
 */
export function entriesLacking(
  bases: CoverageBase[],
  segment: string,
  stage: Stage
): Array<{ documentId: string; title: string; hasDraft: boolean }> {
  const lacking: Array<{ documentId: string; title: string; hasDraft: boolean }> = [];
  for (const base of bases) {
    let live = false;
    let hasDraft = false;
    for (const variant of base.variants) {
      if (!covers(variant, segment, stage)) continue;
      if (variant.published) live = true;
      else hasDraft = true;
    }
    if (!live) lacking.push({ documentId: base.documentId, title: base.title, hasDraft });
  }
  return lacking.sort((a, b) => byCodeUnit(a.title, b.title) || byCodeUnit(a.documentId, b.documentId));
}

const CSV_HEADER = ['segment', 'name', 'reach', 'stage', 'published', 'drafts', 'missing'];
/** What the anySegment row is called in the CSV. */
const ANY_SEGMENT = { slug: '*', name: 'Any segment' };

/**
 * A text cell: a leading = + - @ (or tab, carriage return) would make a spreadsheet run it as a
 * formula, so it gets a ' first (OWASP's advice); then RFC 4180 quoting when needed.
 */
function csvText(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** Numbers are ours, never a formula: written as they are; unknown is an empty cell. */
const csvNumber = (value: number | null): string => (value === null ? '' : String(value));

/**
 * The matrix as CSV (RFC 4180: CRLF line ends, fields quoted when they hold a comma, a quote or
 * a line break), with header segment,name,reach,stage,published,drafts,missing: one line per row
 * and stage, then the anySegment row as segment "*".
 */
export function coverageCsv(report: CoverageReport): string {
  const lines = [CSV_HEADER.join(',')];
  const add = (segment: string, name: string, reach: number | null, cells: Record<Stage, CoverageCell>) => {
    for (const stage of report.stages) {
      const { published, drafts, missing } = cells[stage];
      lines.push(
        [csvText(segment), csvText(name), csvNumber(reach), csvText(stage), csvNumber(published), csvNumber(drafts), csvNumber(missing)].join(',')
      );
    }
  };
  for (const row of report.rows) add(row.segment, row.name, row.reach, row.cells);
  add(ANY_SEGMENT.slug, ANY_SEGMENT.name, null, report.anySegment);
  return lines.map((line) => `${line}\r\n`).join('');
}

const STAGES_OR_UNKNOWN: ReadonlyArray<Stage | null> = [...STAGES, null];

/**
 * Variants among one base's siblings (one version) that can never be served, whatever the
 * visitor: each with the siblings that take every visitor it could serve.
 *
 * Asks the engine itself (`decide`, enabled), for every "minimal visitor": in no segment or in
 * one segment some sibling names, at each stage or none. V can win some visitor iff it wins a
 * minimal one. Proof: take a visitor V wins, at stage t, and m the segment V matched (none when
 * V targets no segment). In the visitor ({m}, t) V is eligible, with the same specificity and
 * matched segment. Every competitor there was eligible in the original visitor too (fewer
 * segments only remove competitors), with the same specificity and a matched segment no better
 * (it can only match m, which the original visitor also had). So V still beats each of them.
 *
 * shadowedBy lists the siblings that won the minimal visitors V was eligible for, in sibling
 * order. A variant eligible for none of them (say, every segment it names is unknown) is listed
 * with shadowedBy []. Variants the engine refuses (bad data) prove nothing: the answer is [].
 */
export function shadowedVariants(
  variants: VariantCandidate[],
  catalog: SegmentCatalog
): Array<{ documentId: string; shadowedBy: string[] }> {
  const named = new Set<string>();
  for (const variant of variants) {
    if (!Array.isArray(variant?.segments)) return [];
    for (const slug of variant.segments) if (catalog.bySlug.has(slug)) named.add(slug);
  }
  // The winner of each minimal visitor, keyed `<stage index>:<slug>` ('' for no segment).
  const winners = new Map<string, string>();
  const keyOf = (stage: Stage | null, slug: string) => `${STAGES_OR_UNKNOWN.indexOf(stage)}:${slug}`;
  for (const stage of STAGES_OR_UNKNOWN) {
    for (const slug of ['', ...named]) {
      const visitor: Visitor = { segments: slug === '' ? [] : [slug], stage, ignored: [] };
      const decision = decide({ baseDocumentId: '', variants, visitor, catalog, enabled: true });
      if (decision.error !== null) return [];
      winners.set(keyOf(stage, slug), decision.servedDocumentId);
    }
  }

  const shadowed: Array<{ documentId: string; shadowedBy: string[] }> = [];
  for (const variant of variants) {
    const slugs = variant.segments.length === 0 ? [''] : variant.segments.filter((slug) => named.has(slug));
    const stages = variant.stage === null ? STAGES_OR_UNKNOWN : [variant.stage];
    const won = new Set<string>();
    let serves = false;
    for (const stage of stages) {
      for (const slug of slugs) {
        const winner = winners.get(keyOf(stage, slug));
        if (winner === undefined) continue;
        if (winner === variant.documentId) serves = true;
        else won.add(winner);
      }
    }
    if (serves) continue;
    const shadowedBy: string[] = [];
    for (const sibling of variants) {
      if (won.has(sibling.documentId) && !shadowedBy.includes(sibling.documentId)) shadowedBy.push(sibling.documentId);
    }
    shadowed.push({ documentId: variant.documentId, shadowedBy });
  }
  return shadowed;
}

export interface WatchList {
  /** segments that no variant of any opted-in type targets */
  untargetedSegments: Array<{ slug: string; name: string }>;
  shadowedVariants: Array<{ contentType: string; baseDocumentId: string; documentId: string; title: string; shadowedBy: string[] }>;
  /** bases with variants but no published version of their own: their variants can never be served */
  unpublishedBases: Array<{ contentType: string; documentId: string; title: string; variants: number }>;
}

export interface WatchListFamily {
  contentType: string;
  base: { documentId: string; title: string; published: boolean };
  variants: Array<VariantCandidate & { title: string; published: boolean }>;
}

/**
 * What is set up but cannot work: segments no variant targets (a variant in draft counts: the
 * work is under way), variants that never win among their siblings (each family's list taken as
 * one version), and bases with variants but no published version (nothing to serve them from).
 * Each list follows the order given: segments, then families and their variants.
 */
export function watchList(
  families: WatchListFamily[],
  segments: Array<{ slug: string; name: string }>,
  catalog: SegmentCatalog
): WatchList {
  const targeted = new Set<string>();
  const shadowed: WatchList['shadowedVariants'] = [];
  const unpublishedBases: WatchList['unpublishedBases'] = [];
  for (const { contentType, base, variants } of families) {
    for (const variant of variants) if (Array.isArray(variant.segments)) for (const slug of variant.segments) targeted.add(slug);
    const titles = new Map(variants.map((variant) => [variant.documentId, variant.title]));
    for (const { documentId, shadowedBy } of shadowedVariants(variants, catalog)) {
      shadowed.push({ contentType, baseDocumentId: base.documentId, documentId, title: titles.get(documentId) ?? documentId, shadowedBy });
    }
    if (!base.published && variants.length > 0) {
      unpublishedBases.push({ contentType, documentId: base.documentId, title: base.title, variants: variants.length });
    }
  }
  return {
    untargetedSegments: segments.filter((segment) => !targeted.has(segment.slug)).map(({ slug, name }) => ({ slug, name })),
    shadowedVariants: shadowed,
    unpublishedBases,
  };
}
