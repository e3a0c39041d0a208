/**
 * The cache key of a decision, and the decision as the content API answers it (with its key).
 */
import type { Decision } from './decide';

/** A decision with the key a CDN or an app cache keys the served entry on. */
export interface PersonalizedDecision extends Decision {
  cacheKey: string;
}

/**
 * A cache key made only of what the choice depended on: the served entry and its version, the
 * locale, why it won, and the experiment arm. Never the visitor's id or full segment list: every
 * visitor who gets the same answer shares one key, and one segment's (or arm's) answer is never
 * keyed for another.
 * Format: `v1:<served>:<version>:<locale>:<reason>:<segment>:<stage>`, then `:<arm>` only when an
 * arm applied (keys without one are unchanged), `-` for null, with `%`, `:` and a lone `-`
 * percent-escaped inside parts so that two different decisions never collide.
 */
export function cacheKey(decision: Decision, servedVersion: string, locale: string | null): string {
  const parts = [
    'v1',
    decision.servedDocumentId,
    servedVersion,
    locale,
    decision.reason,
    decision.matchedSegment,
    decision.matchedStage,
  ];
  // `!= null`: a decision built before arms existed has none.
  if (decision.arm != null) parts.push(decision.arm);
  return parts.map(keyPart).join(':');
}

const ESCAPED = /[%:]/;

function keyPart(part: string | null): string {
  if (part === null) return '-';
  if (part === '-') return '%2D';
  // Most parts (ids, dates, slugs) hold neither character: skip the two replacements.
  return ESCAPED.test(part) ? part.replace(/%/g, '%25').replace(/:/g, '%3A') : part;
}
