/** What the inspector shows about a page: the visitor as the server saw them, and each decision. */
import type { ContextInput, Profile, Read, RelatedItem, StageExplanation } from 'strapi-plugin-personalize/client';

export interface DecisionRow {
  /** Where it is on the page, e.g. "Home hero". */
  place: string;
  /** The served entry's title. */
  title: string;
  contentType: string;
  baseDocumentId: string;
  servedDocumentId: string;
  isVariant: boolean;
  reason: string;
  matchedSegment: string | null;
  matchedStage: string | null;
  arm: string | null;
  visitorSegments: string[];
  error: string | null;
}

export interface PageSnapshot {
  consented: boolean;
  /** The audience a preview link asked for, when this page is a preview. */
  preview: string | null;
  profile: Profile;
  stage: StageExplanation;
  /** Exactly what the reads of this page sent. */
  context: ContextInput;
  decisions: DecisionRow[];
}

export const titleOf = (entry: Record<string, unknown>): string =>
  String(entry.title ?? entry.headline ?? entry.quote ?? entry.documentId ?? '');

export function decisionRow(place: string, item: Read | RelatedItem): DecisionRow {
  const d = item.decision;
  return {
    place,
    title: titleOf(item.entry as Record<string, unknown>),
    contentType: item.contentType ?? '',
    baseDocumentId: d.baseDocumentId,
    servedDocumentId: d.servedDocumentId,
    isVariant: d.isVariant,
    reason: d.reason,
    matchedSegment: d.matchedSegment ?? null,
    matchedStage: d.matchedStage ?? null,
    arm: d.arm ?? null,
    visitorSegments: d.visitorSegments ?? [],
    error: d.error ?? null,
  };
}

/** The reasons in a newcomer's words. */
export const REASON_WORDS: Record<string, string> = {
  SEGMENT_AND_STAGE: 'a variant for one of your segments at your stage',
  SEGMENT: 'a variant for one of your segments (any stage)',
  STAGE: 'a variant for your stage (any segment)',
  UNTARGETED: 'a variant for everyone',
  DEFAULT: 'no variant fits you: the default entry',
  DISABLED: 'personalization is switched off here: the default entry',
  EXPERIMENT: 'an experiment chose it (your arm is fixed by your visitor id)',
  HOLDOUT: 'you are in the experiment’s hold-out: the default entry',
};
