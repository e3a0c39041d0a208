/**
 * The segments, compiled once per change and shared by every request: each segment's rules become
 * a closure, and the segments are ranked in visitor order (priority descending, then slug).
 */
import { compileOptionalRule, type CompiledRule } from './rules';

/** A segment as stored: its rules may be null, `{}` or anything, even no longer valid. */
export interface SegmentDefinitionLike {
  slug: string;
  priority: number;
  rules: unknown;
}

export interface CatalogSegment {
  readonly slug: string;
  readonly priority: number;
  /** Position in visitor order (priority descending, then slug ascending): lower comes first. */
  readonly rank: number;
  readonly matches: CompiledRule;
}

export interface SegmentCatalog {
  /** In visitor order: priority descending, then slug ascending. */
  readonly segments: readonly CatalogSegment[];
  readonly bySlug: ReadonlyMap<string, CatalogSegment>;
  /** Segments whose stored rules no longer compile (slug → why), in visitor order. */
  readonly broken: ReadonlyMap<string, string>;
}

const never: CompiledRule = () => false;

/**
 * Compiles every segment's rules once. A segment whose stored rules no longer compile is kept,
 * so a front-end can still name it, but never matches by rule and is listed in `broken`.
 * Slugs are unique in storage; should one repeat, the first in visitor order is kept.
 */
export function buildSegmentCatalog(definitions: SegmentDefinitionLike[]): SegmentCatalog {
  const sorted = [...definitions].sort(
    (a, b) => b.priority - a.priority || (a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0)
  );
  const segments: CatalogSegment[] = [];
  const bySlug = new Map<string, CatalogSegment>();
  const broken = new Map<string, string>();
  for (const { slug, priority, rules } of sorted) {
    if (bySlug.has(slug)) continue;
    let matches: CompiledRule;
    try {
      matches = compileOptionalRule(rules);
    } catch (error) {
      matches = never;
      broken.set(slug, error instanceof Error ? error.message : String(error));
    }
    const segment: CatalogSegment = { slug, priority, rank: segments.length, matches };
    segments.push(segment);
    bySlug.set(slug, segment);
  }
  return { segments, bySlug, broken };
}
