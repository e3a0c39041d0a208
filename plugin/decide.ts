/**
 * The decision: which entry a visitor is served, a base entry or one of its variants, and why.
 * Pure and deterministic: the same catalog, visitor and variants give the same answer on every
 * instance. Built for the request path: each decision is a single pass over the base's variants
 * (two when an experiment arm's variant is looked up first).
 */
import { assignArm, HOLDOUT_ARM, stickyKey, type Experiment } from './experiment';
import type { SegmentCatalog } from './segment-catalog';
import { isStage, type Stage } from './stages';
import type { Visitor } from './visitor';

/**
 * Why the served entry was chosen; the first four name what the winning variant targets.
 * EXPERIMENT: the visitor's experiment arm chose it; HOLDOUT: the visitor is held out (the base).
 * DEFAULT: no variant applies (or the engine failed: `error` says why); DISABLED: switched off.
 * PREVIEW: an editor's preview link asked for this entry (the base or one of its variants).
 */
export const REASONS = [
  'SEGMENT_AND_STAGE',
  'SEGMENT',
  'STAGE',
  'UNTARGETED',
  'DEFAULT',
  'DISABLED',
  'EXPERIMENT',
  'HOLDOUT',
  'PREVIEW',
] as const;
export type Reason = (typeof REASONS)[number];

export interface VariantCandidate {
  documentId: string;
  /** Slugs it targets; empty means any segment. */
  segments: string[];
  /** null means any stage. */
  stage: Stage | null;
}

export interface Decision {
  baseDocumentId: string;
  servedDocumentId: string;
  isVariant: boolean;
  reason: Reason;
  matchedSegment: string | null;
  matchedStage: Stage | null;
  /** The visitor's, shared by every decision of one request: read, do not change. */
  visitorSegments: string[];
  ignored: string[];
  /** Set when the engine failed on bad data and served the base instead (fail-open). */
  error: string | null;
  /** The experiment arm that chose the entry (`holdout` for the hold-out); null when none applied. */
  arm: string | null;
  /**
   * The experiment of that arm, as `key@version`: a front-end keeps `arm` under it and sends it
   * back in the context's `arms`, so the visitor keeps the arm when the weights move. null with no arm.
   */
  experiment: string | null;
}

export interface DecideInput {
  baseDocumentId: string;
  variants: VariantCandidate[];
  visitor: Visitor;
  catalog: SegmentCatalog;
  enabled: boolean;
  /** The base entry's running experiment, if any. */
  experiment?: Experiment | null;
  /** The entry a preview link shows for this base: the base itself or one of `variants`. */
  forced?: string | null;
}

// By specificity, least specific first: the index is what `decide` compares.
const TARGETED_REASONS = ['UNTARGETED', 'STAGE', 'SEGMENT', 'SEGMENT_AND_STAGE'] as const;

/**
 * Chooses the entry to serve among a base and its variants.
 *
 * A variant is eligible when it targets no segment or one of the visitor's, and no stage or the
 * visitor's (a stage variant is not eligible while the visitor's stage is unknown).
 * Among eligible variants, the winner is decided by, in order:
 * 1. specificity: segment and stage > segment only > stage only > untargeted;
 * 2. its matched segment (the highest-priority segment it shares with the visitor, ties by slug
 *    ascending): the higher priority wins, then the slug ascending;
 * 3. fewer targeted segments: the narrower variant wins;
 * 4. documentId ascending, compared by code unit so every instance agrees.
 * No eligible variant serves the base (DEFAULT); a disabled switch serves the base (DISABLED).
 *
 * An experiment, when the visitor has an id, comes before targeting: the hold-out gets the base
 * (HOLDOUT), an arm its entry (EXPERIMENT), whatever the entry targets. The arm the visitor
 * carries for it (`visitor.arms`) is kept while it is a live arm: still an arm, and its variant
 * among `variants`; otherwise the weights assign one. An arm whose variant is not among
 * `variants` (unpublished, deleted) falls back to the choice above: an experiment never serves
 * what is not live.
 * A preview's `forced` entry comes first of all (PREVIEW), switches and experiments included: an
 * editor sees the variant before it goes live. One that is neither the base nor among `variants`
 * (not in this version, or another base's) is ignored: the choice above applies.
 * Bad data never throws: the base is served with reason DEFAULT and `error` set.
 */
export function decide(input: DecideInput): Decision {
  try {
    const { baseDocumentId, visitor, variants } = input;
    if (input.forced === baseDocumentId) return decision(baseDocumentId, visitor, null, 'PREVIEW', null);
    const forced = input.forced ? findVariant(variants, input.forced) : null;
    if (forced !== null) return decision(baseDocumentId, visitor, forced, 'PREVIEW', null);
    if (!input.enabled) return decision(baseDocumentId, visitor, null, 'DISABLED', null);
    const { catalog } = input;
    const { experiment } = input;
    const assignment = experiment ? assignArm(experiment, visitor.visitorId, liveArm(experiment, visitor, variants)) : null;
    if (experiment && assignment !== null) {
      const key = stickyKey(experiment.key, experiment.version);
      if (assignment.holdout) return decision(baseDocumentId, visitor, null, 'HOLDOUT', null, HOLDOUT_ARM, key);
      if (assignment.documentId === null) {
        return decision(baseDocumentId, visitor, null, 'EXPERIMENT', null, assignment.arm, key);
      }
      const armVariant = findVariant(variants, assignment.documentId);
      if (armVariant !== null) return decision(baseDocumentId, visitor, armVariant, 'EXPERIMENT', null, assignment.arm, key);
    }
    // The best so far, kept in locals: one pass, no sorting, nothing allocated.
    let best: VariantCandidate | null = null;
    let bestSpecificity = -1;
    let bestRank = -1;
    let bestSegment: string | null = null;
    for (let i = 0; i < variants.length; i++) {
      const variant = variants[i];
      assertVariant(variant, i);
      if (variant.stage !== null && variant.stage !== visitor.stage) continue;
      const targets = variant.segments;
      let rank = -1;
      let segment: string | null = null;
      for (let t = 0; t < targets.length; t++) {
        const target = catalog.bySlug.get(targets[t]);
        if (target !== undefined && (rank === -1 || target.rank < rank) && visitor.segments.includes(target.slug)) {
          rank = target.rank;
          segment = target.slug;
        }
      }
      if (targets.length > 0 && segment === null) continue;
      const specificity = (segment === null ? 0 : 2) + (variant.stage === null ? 0 : 1);
      if (best === null || beats(variant, specificity, rank, best, bestSpecificity, bestRank)) {
        best = variant;
        bestSpecificity = specificity;
        bestRank = rank;
        bestSegment = segment;
      }
    }
    if (best === null) return decision(baseDocumentId, visitor, null, 'DEFAULT', null);
    return decision(baseDocumentId, visitor, best, TARGETED_REASONS[bestSpecificity], bestSegment);
  } catch (error) {
    return failOpen(input, error);
  }
}

/** The order documented on `decide`; `rank` is the matched segment's rank, -1 for none. */
function beats(
  variant: VariantCandidate,
  specificity: number,
  rank: number,
  best: VariantCandidate,
  bestSpecificity: number,
  bestRank: number
): boolean {
  if (specificity !== bestSpecificity) return specificity > bestSpecificity;
  if (rank !== bestRank) return rank < bestRank;
  if (variant.segments.length !== best.segments.length) return variant.segments.length < best.segments.length;
  return variant.documentId < best.documentId;
}

/** The arm the visitor carries for this experiment while it is live (an arm, serving the base or a listed variant); else null. */
function liveArm(experiment: Experiment, visitor: Visitor, variants: VariantCandidate[]): string | null {
  const kept = visitor.arms?.[stickyKey(experiment.key, experiment.version)];
  if (kept === undefined || !Array.isArray(experiment.arms)) return null;
  const arm = experiment.arms.find((candidate) => candidate?.name === kept);
  if (arm === undefined) return null;
  return arm.documentId === null || variants.some((variant) => variant?.documentId === arm.documentId) ? kept : null;
}

/** The candidate with this documentId, every candidate checked as `decide` would; null when none. */
function findVariant(variants: VariantCandidate[], documentId: string): VariantCandidate | null {
  let found: VariantCandidate | null = null;
  for (let i = 0; i < variants.length; i++) {
    assertVariant(variants[i], i);
    if (found === null && variants[i].documentId === documentId) found = variants[i];
  }
  return found;
}

function decision(
  baseDocumentId: string,
  visitor: Visitor,
  variant: VariantCandidate | null,
  reason: Reason,
  matchedSegment: string | null,
  arm: string | null = null,
  experiment: string | null = null
): Decision {
  const servedDocumentId = variant === null ? baseDocumentId : variant.documentId;
  return {
    baseDocumentId,
    servedDocumentId,
    isVariant: servedDocumentId !== baseDocumentId,
    reason,
    matchedSegment,
    // An arm's or a preview's variant is served for it, not for its stage: nothing was matched.
    matchedStage: variant === null || arm !== null || reason === 'PREVIEW' ? null : variant.stage,
    visitorSegments: visitor.segments,
    ignored: visitor.ignored,
    error: null,
    arm,
    experiment,
  };
}

/** The base is always a valid answer: a request never breaks on one entry's bad data. */
function failOpen(input: DecideInput, error: unknown): Decision {
  const visitor: Partial<Visitor> | null | undefined = input.visitor;
  return {
    ...servingTheBase(input.baseDocumentId, error instanceof Error ? error.message : 'the decision failed'),
    visitorSegments: Array.isArray(visitor?.segments) ? visitor.segments : [],
    ignored: Array.isArray(visitor?.ignored) ? visitor.ignored : [],
  };
}

/**
 * The fallback every failure ends in: the base, reason DEFAULT, `error` saying why, no arm (the
 * base served by accident is credited to no arm). `decision` keeps the visitor's own fields.
 */
export function servingTheBase(baseDocumentId: string, error: string, decision?: Decision): Decision {
  return {
    baseDocumentId,
    servedDocumentId: baseDocumentId,
    isVariant: false,
    reason: 'DEFAULT',
    matchedSegment: null,
    matchedStage: null,
    visitorSegments: decision?.visitorSegments ?? [],
    ignored: decision?.ignored ?? [],
    error,
    arm: null,
    experiment: null,
  };
}

/** Variants come from stored data: a wrong shape must fail loudly here, not match by accident. */
function assertVariant(variant: VariantCandidate, index: number): void {
  if (typeof variant !== 'object' || variant === null) throw new TypeError(`variants[${index}] is not an object`);
  if (typeof variant.documentId !== 'string') throw new TypeError(`variants[${index}].documentId is not a string`);
  if (!Array.isArray(variant.segments)) throw new TypeError(`variants[${index}].segments is not a list`);
  if (variant.stage !== null && !isStage(variant.stage)) throw new TypeError(`variants[${index}].stage is not a stage`);
}
