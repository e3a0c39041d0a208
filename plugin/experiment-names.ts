/**
 * What names an experiment and its arms, apart from assignment: the limits an editor saves
 * within, the hold-out's arm name, and the sticky key a front-end keeps a visitor's arm under.
 * No hash function here, so the visitor context (and the front-end kit) can read arms without
 * bringing assignment along.
 */

/** The arm name events and reports give the hold-out; no arm may take it. */
export const HOLDOUT_ARM = 'holdout';

export const EXPERIMENT_LIMITS = Object.freeze({
  key: 64,
  arms: 10,
  armName: 40,
  /** More would leave too few visitors in the experiment to learn anything. */
  holdout: 0.5,
} as const);

/** A key, `@`, a version: `home-hero@2`. Keys hold none of `@`, so the two never mix. */
const STICKY_KEY = /^[a-z0-9_-]{1,64}@[1-9][0-9]{0,14}$/;

/**
 * Where a front-end keeps the arm a visitor was assigned: the experiment's key and version, so a
 * new version (re-randomizing) starts without the arms kept for the one before.
 */
export function stickyKey(key: string, version: number): string {
  return `${key}@${version}`;
}

export function isStickyKey(value: string): boolean {
  return STICKY_KEY.test(value) && Number.isSafeInteger(Number(value.slice(value.indexOf('@') + 1)));
}
