/**
 * Experiments: an A/B(/n) split of a base entry's visitors among arms (the base or a variant),
 * and a hold-out who always get the base. Assignment hashes the visitor id, so it needs no
 * storage: the same visitor gets the same arm on every request and every instance, until the
 * experiment's version is bumped.
 */
import murmurhash from 'murmurhash';
import { EXPERIMENT_LIMITS, HOLDOUT_ARM } from './experiment-names';

export interface ExperimentArm {
  name: string;
  /** the variant served, or null for the base entry */
  documentId: string | null;
  weight: number;
}

export interface Experiment {
  key: string;
  version: number;
  arms: ExperimentArm[];
  /** share of visitors (0 to <1) held out: they always get the base */
  holdout: number;
}

export interface Assignment {
  arm: string;
  documentId: string | null;
  holdout: boolean;
}

export interface ExperimentProblem {
  /** Where in the experiment, e.g. `arms[1].weight`. */
  field: string;
  message: string;
}

export { EXPERIMENT_LIMITS, HOLDOUT_ARM, isStickyKey, stickyKey } from './experiment-names';

const NOT_IN_KEY = /[^a-z0-9_-]/;
const TWO_TO_THE_32 = 4294967296;

/**
 * A number in [0, 1) from murmurhash v3 (32-bit) of `${key}:${version}:${visitorId}` / 2^32.
 * Same inputs, same bucket, on every instance. The key keeps two experiments' splits independent;
 * the version re-randomizes one.
 */
export function bucketOf(visitorId: string, key: string, version: number): number {
  return murmurhash.v3(`${key}:${version}:${visitorId}`) / TWO_TO_THE_32;
}

/**
 * The visitor's arm. null without a visitor id (no experiment applies) or for an invalid
 * experiment. The hold-out takes the bottom of the range (bucket < holdout); then `kept`, the arm
 * the visitor was given before (sticky: weights that moved since do not move the visitor), while
 * it is still one of the arms; otherwise the arms share the rest by cumulative normalised weight,
 * in the order given. A single arm with no hold-out (a bandit pinned to all the traffic) takes
 * every visitor.
 */
export function assignArm(experiment: Experiment, visitorId: string | null | undefined, kept?: string | null): Assignment | null {
  if (typeof visitorId !== 'string' || visitorId === '') return null;
  if (!isValid(experiment)) return null;
  const { arms } = experiment;
  // Stored data may leave it out or hold null, which validation reads as none.
  const holdout = experiment.holdout ?? 0;
  const bucket = bucketOf(visitorId, experiment.key, experiment.version);
  if (bucket < holdout) return { arm: HOLDOUT_ARM, documentId: null, holdout: true };
  if (typeof kept === 'string') {
    for (const arm of arms) if (arm.name === kept) return armAssignment(arm);
  }
  let total = 0;
  for (const arm of arms) total += arm.weight;
  // Where the visitor falls among the arms, scaled to the weights: no division per arm.
  const at = ((bucket - holdout) / (1 - holdout)) * total;
  let cumulative = 0;
  for (let i = 0; i < arms.length - 1; i++) {
    cumulative += arms[i].weight;
    if (at < cumulative) return armAssignment(arms[i]);
  }
  // The last arm also takes what rounding left above the sum.
  return armAssignment(arms[arms.length - 1]);
}

function armAssignment(arm: ExperimentArm): Assignment {
  return { arm: arm.name, documentId: arm.documentId, holdout: false };
}

/**
 * Validates an experiment as an editor saves it; problems name the field ("arms[1].weight: ...").
 * The experiment returned is a copy holding only the known fields. A missing or null holdout is 0;
 * an arm's documentId must be given, null for the base, so a misspelt field is not read as "base".
 */
export function validateExperiment(input: unknown): { experiment: Experiment | null; problems: ExperimentProblem[] } {
  const problems: ExperimentProblem[] = [];
  const valid = checkExperiment(input, (field, message) => {
    problems.push({ field, message });
    return true;
  });
  if (!valid) return { experiment: null, problems };
  const { key, version, arms, holdout } = input as Experiment;
  return {
    experiment: {
      key,
      version,
      arms: arms.map(({ name, documentId, weight }) => ({ name, documentId, weight })),
      holdout: holdout ?? 0,
    },
    problems,
  };
}

/** Told each problem; returns whether to go on looking for more. */
type Report = (field: string, message: string) => boolean;
const stopAtFirst: Report = () => false;

/**
 * Experiments reach every decision of their entry as the same object until they change, so each
 * is checked once, not on every request. Assignment takes a single arm without a hold-out, which
 * an editor may not save (nothing to compare) but a bandit's pin of all the traffic leaves.
 */
const valid = new WeakSet<Experiment>();
function isValid(experiment: Experiment): boolean {
  if (valid.has(experiment)) return true;
  if (!checkExperiment(experiment, stopAtFirst, false)) return false;
  valid.add(experiment);
  return true;
}

/**
 * The rules, shared by validation (every problem) and assignment, which runs on the request path
 * and stops at the first: messages are only written for a problem. True when valid.
 * `toCompare`: an editor's experiment needs two arms, or one and a hold-out.
 */
function checkExperiment(input: unknown, report: Report, toCompare = true): boolean {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    report('experiment', expected('an experiment: an object with key, version, arms and holdout', input));
    return false;
  }
  const { key, version, arms, holdout } = input as Record<string, unknown>;
  let valid = true;
  const fail = (field: string, message: string): boolean => {
    valid = false;
    return report(field, message);
  };

  const keyProblem = problemOfKey(key);
  if (keyProblem !== undefined && !fail('key', keyProblem)) return false;
  if (typeof version !== 'number' || !Number.isSafeInteger(version) || version < 1) {
    if (!fail('version', expected('a whole number, 1 or more', version))) return false;
  }
  let held = 0;
  if (holdout !== undefined && holdout !== null) {
    if (typeof holdout !== 'number' || !(holdout >= 0 && holdout <= EXPERIMENT_LIMITS.holdout)) {
      const share = `a share from 0 to ${EXPERIMENT_LIMITS.holdout}, e.g. 0.1 for 10% of visitors`;
      if (!fail('holdout', expected(share, holdout))) return false;
    } else held = holdout;
  }
  if (!Array.isArray(arms)) {
    fail('arms', expected('a list of arms, each { name, documentId, weight }', arms));
    return false;
  }
  if (arms.length === 0 || arms.length > EXPERIMENT_LIMITS.arms) {
    fail('arms', `from 1 to ${EXPERIMENT_LIMITS.arms} arms, not ${arms.length}`);
    return false;
  }
  for (let i = 0; i < arms.length; i++) {
    if (!checkArm(arms, i, fail)) return false;
  }
  if (toCompare && arms.length === 1 && held === 0) {
    fail('arms', 'at least 2 arms, or 1 arm and a hold-out, so there is something to compare');
  }
  return valid;
}

/** The key is hashed with every visitor id: kept short and plain, so it reads the same everywhere. */
function problemOfKey(key: unknown): string | undefined {
  const rule = `1 to ${EXPERIMENT_LIMITS.key} characters among a-z, 0-9, - and _`;
  if (typeof key !== 'string' || key === '') return expected(rule, key);
  if (key.length > EXPERIMENT_LIMITS.key) return `${rule}, not ${key.length} characters`;
  const other = NOT_IN_KEY.exec(key);
  return other === null ? undefined : `${rule}; ${JSON.stringify(other[0])} is not one of them`;
}

function checkArm(arms: unknown[], i: number, fail: Report): boolean {
  const arm: unknown = arms[i];
  const at = `arms[${i}]`;
  if (typeof arm !== 'object' || arm === null || Array.isArray(arm)) {
    return fail(at, expected('an arm: an object with name, documentId and weight', arm));
  }
  const { name, documentId, weight } = arm as Record<string, unknown>;
  // Earlier arms are compared as they are: a wrong one has already been reported.
  const earlier = (test: (other: Record<string, unknown>) => boolean): boolean => {
    for (let j = 0; j < i; j++) {
      const other: unknown = arms[j];
      if (typeof other === 'object' && other !== null && test(other as Record<string, unknown>)) return true;
    }
    return false;
  };

  const naming = `a name of 1 to ${EXPERIMENT_LIMITS.armName} characters`;
  if (typeof name !== 'string') {
    if (!fail(`${at}.name`, expected(naming, name))) return false;
  } else if (name.trim() === '') {
    if (!fail(`${at}.name`, `${naming}, not blank`)) return false;
  } else if (name.length > EXPERIMENT_LIMITS.armName) {
    if (!fail(`${at}.name`, `${naming}, not ${name.length} characters`)) return false;
  } else if (name.toLowerCase() === HOLDOUT_ARM) {
    if (!fail(`${at}.name`, `"${HOLDOUT_ARM}" names the hold-out: choose another name`)) return false;
  } else if (earlier((other) => other.name === name)) {
    if (!fail(`${at}.name`, `another arm is already named "${name}"`)) return false;
  }

  if (documentId === null) {
    if (earlier((other) => other.documentId === null)) {
      if (!fail(`${at}.documentId`, 'another arm already serves the base entry (documentId null)')) return false;
    }
  } else if (typeof documentId !== 'string' || documentId === '') {
    if (!fail(`${at}.documentId`, expected("the variant's documentId, or null for the base entry", documentId))) return false;
  } else if (earlier((other) => other.documentId === documentId)) {
    if (!fail(`${at}.documentId`, `another arm already serves ${documentId}`)) return false;
  }

  if (typeof weight !== 'number' || !Number.isFinite(weight) || weight <= 0) {
    if (!fail(`${at}.weight`, expected('a number above 0, e.g. 1 for an even split', weight))) return false;
  }
  return true;
}

/** What was wanted, and what came instead when something did. */
function expected(what: string, value: unknown): string {
  return value === undefined ? `missing: ${what}` : `${what}, not ${describe(value)}`;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'number') return String(value);
  if (value === '') return 'empty text';
  return typeof value === 'object' ? 'an object' : typeof value === 'string' ? 'text' : `a ${typeof value}`;
}
