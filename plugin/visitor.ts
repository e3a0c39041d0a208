/**
 * Who the visitor is for this request: their segments (named, or matched by rule) and their
 * funnel stage. Resolved once per request and shared by every decision of it.
 */
import type { VisitorContext } from './context';
import type { CatalogSegment, SegmentCatalog } from './segment-catalog';
import { DEFAULT_STAGE_FOR_STEP, type JourneyStep, type Stage } from './stages';

export interface Visitor {
  /** Known segments, in visitor order. */
  segments: string[];
  stage: Stage | null;
  /** Slugs the context named that no segment has, then `<slug>: rule does not parse` notes. */
  ignored: string[];
  /** Assigns experiment arms; absent is the same as null: no experiment applies. */
  visitorId?: string | null;
  /** The arms the visitor was given before, by sticky key (`key@version`); absent is none. */
  arms?: Readonly<Record<string, string>>;
}

/**
 * The segments named in the context that exist, plus every segment whose rule matches the traits
 * and interests; and the funnel stage, given or else derived from the journey step.
 */
export function resolveVisitor(
  context: VisitorContext,
  catalog: SegmentCatalog,
  stageForStep: Readonly<Record<JourneyStep, Stage>> = DEFAULT_STAGE_FOR_STEP
): Visitor {
  const ignored: string[] = [];
  let named: Set<CatalogSegment> | undefined;
  for (const slug of context.segments) {
    const segment = catalog.bySlug.get(slug);
    if (segment === undefined) ignored.push(slug);
    else (named ??= new Set()).add(segment);
  }
  // Walking the catalog in its order gives the visitor's segments already sorted.
  const segments: string[] = [];
  for (const segment of catalog.segments) {
    // The context carries traits and interests: it is the rule's facts as it is.
    if (named?.has(segment) || segment.matches(context)) segments.push(segment.slug);
  }
  // Always reported, so developers notice a segment that silently stopped matching.
  for (const slug of catalog.broken.keys()) ignored.push(`${slug}: rule does not parse`);
  const fromStep = context.journeyStep === null ? null : (stageForStep[context.journeyStep] ?? null);
  return { segments, stage: context.stage ?? fromStep, ignored, visitorId: context.visitorId ?? null, arms: context.arms };
}
