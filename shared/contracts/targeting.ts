import type { SegmentDefinition } from '../../plugin/segments';

/** One row's targeting: a draft or a published version of an entry in one locale. */
export interface EntryTargeting {
  contentType: string;
  documentId: string;
  locale: string | null;
  published: boolean;
  variantOf: string | null;
  segments: string[];
  stage: string | null;
  tags: string[];
}

/** Everything editors set up for personalization, to keep before a schema change and restore after. */
export interface TargetingExport {
  version: 1;
  exportedAt: string;
  segments: SegmentDefinition[];
  tags: Array<{ name: string; slug: string }>;
  entries: EntryTargeting[];
}

export interface TargetingImportResult {
  segments: { created: number; updated: number };
  tags: { created: number; updated: number };
  entries: { updated: number; skipped: Array<{ index: number; reason: string }> };
}
