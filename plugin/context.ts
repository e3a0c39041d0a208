/**
 * The visitor context a front-end sends with a request (GraphQL input or REST query), read into
 * a bounded, normalized VisitorContext. It comes from the open internet: every size is capped,
 * nothing is coerced, and reading it never throws.
 */
import { EXPERIMENT_LIMITS, isStickyKey } from './experiment-names';
import { isJourneyStep, isStage, JOURNEY_STEPS, STAGES, type JourneyStep, type Stage } from './stages';
import { describe, isPlainObject } from './values';

/** The fields of a visitor context, in the order the documentation lists them. */
export const CONTEXT_FIELDS = ['segments', 'traits', 'stage', 'journeyStep', 'interests', 'visitorId', 'arms'] as const;
export type ContextField = (typeof CONTEXT_FIELDS)[number];

/**
 * The visitor context as a front-end sends it: the GraphQL input, the REST query parameters, the
 * kit's `toContext`. Every field is optional; null counts as absent, as GraphQL sends it.
 */
export interface ContextInput {
  /** Segment slugs the front-end already knows (a CRM segment); unknown ones are ignored. */
  segments?: string[] | null;
  /** Facts that segment rules read, e.g. `{ visits: 3, identified: true }`. */
  traits?: Record<string, unknown> | null;
  /** The funnel stage, when the front-end knows it; wins over `journeyStep`. */
  stage?: Stage | null;
  /** The journey step, mapped to a stage by the settings' `stageForStep`. */
  journeyStep?: JourneyStep | null;
  /** Tag slugs the visitor showed interest in. */
  interests?: string[] | null;
  /** A pseudonymous id, for sticky experiment arms; never personal data. */
  visitorId?: string | null;
  /**
   * The arms this visitor was given, by the decision's `experiment` (`key@version`): each is kept
   * while it is still a live arm, however the weights move since, e.g. `{ "home-hero@1": "guide" }`.
   */
  arms?: Record<string, string> | null;
}

/** The context as read: every field present, validated and bounded. */
export interface VisitorContext {
  segments: string[];
  traits: Record<string, unknown>;
  interests: string[];
  stage: Stage | null;
  journeyStep: JourneyStep | null;
  visitorId: string | null;
  arms: Record<string, string>;
}

export interface ContextProblem {
  /** Where in the context, e.g. `context.segments[3]`, `context.traits.address.city`. */
  field: string;
  message: string;
}

/** Caps on what a request may carry, so one visitor cannot make a request expensive. */
export const CONTEXT_LIMITS = Object.freeze({
  segments: 50,
  interests: 50,
  /** Length of a segment slug, an interest, a visitorId. */
  text: 128,
  /** Keys in all the traits, nested objects included. */
  traitKeys: 100,
  /** Levels of objects, the traits object itself the first: `traits.a.b.c` is the deepest object. */
  traitDepth: 4,
  /** Size of the traits as JSON, in UTF-8 bytes. */
  traitBytes: 8192,
  /** Length of a string trait value. */
  traitText: 512,
  /** Experiments whose arm a visitor may carry. */
  arms: 20,
} as const);

// Enough to show what is wrong, without echoing a hostile payload back.
const MAX_PROBLEMS = 20;
const MAX_SHOWN_KEY = 64;

// Compile-time: the input, the read context and the list of fields name the very same fields.
type SameKeys<A, B> = [Exclude<keyof A, B>, Exclude<B, keyof A>] extends [never, never] ? true : never;
const inputHasTheFields: SameKeys<ContextInput, ContextField> = true;
const contextHasTheFields: SameKeys<VisitorContext, ContextField> = true;
void inputHasTheFields;
void contextHasTheFields;

const isField = (key: string): key is ContextField => (CONTEXT_FIELDS as readonly string[]).includes(key);
/** Names that lead to Object.prototype: refused so traits can never be a pollution vector. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
const SIMPLE_NAME = /^[A-Za-z_$][\w$-]*$/;

/**
 * Reads a context. What a problem names is left out (an item, a trait, a whole field) and the
 * rest is kept, so the caller may either refuse the request or serve it with what is valid.
 * `null` counts as absent at every level that is optional, as GraphQL sends it for omitted fields.
 */
export function readContext(input: unknown): { context: VisitorContext; problems: ContextProblem[] } {
  const context = emptyContext();
  const problems: ContextProblem[] = [];
  if (input === null || input === undefined) return { context, problems };
  try {
    if (!isPlainObject(input)) {
      report(problems, 'context', `a context is an object, not ${describe(input)}`);
      return { context, problems };
    }
    for (const key of Object.keys(input)) {
      const value = input[key];
      if (value === null || value === undefined) {
        if (!isField(key)) report(problems, fieldPath('context', key), unknownField(key));
        continue;
      }
      if (isField(key)) READERS[key](value, context, problems);
      else report(problems, fieldPath('context', key), unknownField(key));
    }
  } catch {
    // Only exotic inputs (getters, proxies) get here: serve nobody's data rather than half of it.
    return { context: emptyContext(), problems: [{ field: 'context', message: 'the context could not be read' }] };
  }
  return { context, problems };
}

/** One reader per field: a field added to CONTEXT_FIELDS without one does not compile. */
const READERS: { [F in ContextField]: (value: unknown, context: VisitorContext, problems: ContextProblem[]) => void } = {
  segments(value, context, problems) {
    context.segments = readList(value, 'segments', 'segment slug', problems);
  },
  interests(value, context, problems) {
    context.interests = readList(value, 'interests', 'interest', problems);
  },
  stage(value, context, problems) {
    if (isStage(value)) context.stage = value;
    else report(problems, 'context.stage', `"stage" is one of ${STAGES.join(', ')}`);
  },
  journeyStep(value, context, problems) {
    if (isJourneyStep(value)) context.journeyStep = value;
    else report(problems, 'context.journeyStep', `"journeyStep" is one of ${JOURNEY_STEPS.join(', ')}`);
  },
  visitorId(value, context, problems) {
    const problem = textProblem(value, 'visitorId');
    if (problem === undefined) context.visitorId = value as string;
    else report(problems, 'context.visitorId', problem);
  },
  traits(value, context, problems) {
    context.traits = readTraits(value, problems);
  },
  arms(value, context, problems) {
    context.arms = readArms(value, problems);
  },
};

function emptyContext(): VisitorContext {
  return { segments: [], traits: {}, interests: [], stage: null, journeyStep: null, visitorId: null, arms: {} };
}

/** The arms kept by experiment: sticky keys (`key@version`) to arm names, as experiments allow them. */
function readArms(value: unknown, problems: ContextProblem[]): Record<string, string> {
  const example = 'e.g. { "home-hero@1": "guide" }';
  if (!isPlainObject(value)) {
    report(problems, 'context.arms', `"arms" takes an object of arms by experiment, ${example}, not ${describe(value)}`);
    return {};
  }
  const keys = Object.keys(value);
  // Checked before reading any key, so a huge object costs nothing more.
  if (keys.length > CONTEXT_LIMITS.arms) {
    report(problems, 'context.arms', `"arms" holds at most ${CONTEXT_LIMITS.arms} experiments, not ${keys.length}`);
    return {};
  }
  // A key such as __proto__ is no sticky key: refused below, never assigned.
  const arms: Record<string, string> = {};
  for (const key of keys) {
    const at = fieldPath('context.arms', key);
    if (!isStickyKey(key)) {
      report(problems, at, `an experiment is named by its key and version, as decisions give it (${example})`);
      continue;
    }
    const arm: unknown = value[key];
    if (typeof arm !== 'string' || arm.trim() === '' || arm.length > EXPERIMENT_LIMITS.armName) {
      report(problems, at, `an arm name of 1 to ${EXPERIMENT_LIMITS.armName} characters, not ${describe(arm)}`);
      continue;
    }
    arms[key] = arm;
  }
  return arms;
}

/** A list of slugs or interests: items checked one by one, duplicates dropped, order kept. */
function readList(value: unknown, name: 'segments' | 'interests', item: string, problems: ContextProblem[]): string[] {
  const path = `context.${name}`;
  if (!Array.isArray(value)) {
    report(problems, path, `"${name}" takes a list of strings, not ${describe(value)}`);
    return [];
  }
  // Checked before reading any item, so a huge list costs nothing.
  const max = CONTEXT_LIMITS[name];
  if (value.length > max) {
    report(problems, path, `"${name}" takes at most ${max} items, not ${value.length}`);
    return [];
  }
  const seen = new Set<string>();
  for (let i = 0; i < value.length; i++) {
    const text: unknown = value[i];
    const problem = textProblem(text, item);
    if (problem === undefined) seen.add(text as string);
    else report(problems, `${path}[${i}]`, problem);
  }
  return [...seen];
}

// ---- Traits ---------------------------------------------------------------------------

/** Counts shared by the whole walk; `overflow` stops it as soon as a cap is passed. */
interface TraitWalk {
  problems: ContextProblem[];
  keys: number;
  bytes: number;
  overflow: boolean;
}

/**
 * Copies the traits, keeping only JSON values a rule can read. Past the key or size cap the
 * traits are dropped whole: which part to keep would be arbitrary.
 */
function readTraits(value: unknown, problems: ContextProblem[]): Record<string, unknown> {
  if (!isPlainObject(value)) {
    report(problems, 'context.traits', `"traits" takes an object, e.g. { "visits": 3 }, not ${describe(value)}`);
    return {};
  }
  const walk: TraitWalk = { problems, keys: 0, bytes: 0, overflow: false };
  const traits = readObject(value, 'context.traits', 1, walk);
  return walk.overflow ? {} : traits;
}

function readObject(
  node: Record<string, unknown>,
  path: string,
  depth: number,
  walk: TraitWalk
): Record<string, unknown> {
  const copy: Record<string, unknown> = {};
  const keys = Object.keys(node);
  walk.keys += keys.length;
  if (walk.keys > CONTEXT_LIMITS.traitKeys) {
    overflow(walk, `traits have at most ${CONTEXT_LIMITS.traitKeys} keys, nested ones included`);
    return {};
  }
  walk.bytes += 2; // {}
  let kept = 0;
  for (const key of keys) {
    const at = fieldPath(path, key);
    const child = node[key];
    let problem: string | undefined;
    if (FORBIDDEN_KEYS.has(key)) problem = `trait name "${key}" is not allowed`;
    else if (child === undefined)
      continue; // as JSON would
    else if (isPlainObject(child)) {
      if (depth >= CONTEXT_LIMITS.traitDepth)
        problem = `traits nest at most ${CONTEXT_LIMITS.traitDepth} levels of objects`;
    } else if (!Array.isArray(child)) problem = scalarProblem(child);
    if (problem !== undefined) {
      report(walk.problems, at, problem);
      continue;
    }
    // Counted as JSON.stringify would write it: `,"key":value`.
    walk.bytes += (kept > 0 ? 1 : 0) + jsonBytes(key) + 1;
    if (isPlainObject(child)) copy[key] = readObject(child, at, depth + 1, walk);
    else if (Array.isArray(child)) copy[key] = readArray(child, at, walk);
    else {
      walk.bytes += jsonBytes(child);
      copy[key] = child;
    }
    if (walk.overflow || tooManyBytes(walk)) return {};
    kept++;
  }
  return copy;
}

function readArray(list: unknown[], path: string, walk: TraitWalk): unknown[] {
  // Each item takes at least two bytes with its comma: a longer list cannot fit, whatever it holds.
  if (list.length > CONTEXT_LIMITS.traitBytes / 2) {
    tooLarge(walk);
    return [];
  }
  const copy: unknown[] = [];
  walk.bytes += 2; // []
  for (let i = 0; i < list.length; i++) {
    const item: unknown = list[i];
    const problem = typeof item === 'object' && item !== null ? listItemProblem(item) : scalarProblem(item);
    if (problem !== undefined) {
      report(walk.problems, `${path}[${i}]`, problem);
      continue;
    }
    walk.bytes += (copy.length > 0 ? 1 : 0) + jsonBytes(item);
    if (tooManyBytes(walk)) return [];
    copy.push(item);
  }
  return copy;
}

function listItemProblem(item: unknown): string {
  return `a list trait holds strings, numbers, booleans or null, not ${describe(item)}`;
}

/** Why a value is not a JSON scalar a rule can compare; undefined when it is one. */
function scalarProblem(value: unknown): string | undefined {
  if (value === null || typeof value === 'boolean') return undefined;
  if (typeof value === 'number') return Number.isFinite(value) ? undefined : `${value} is not a finite number`;
  if (typeof value === 'string') {
    if (value.length <= CONTEXT_LIMITS.traitText) return undefined;
    return `a text trait is at most ${CONTEXT_LIMITS.traitText} characters`;
  }
  return `a trait is a string, number, boolean, null, a list of those or an object, not ${describe(value)}`;
}

// A function, not a constant: a bundle that only names the context's fields leaves the limits out.
const tooLarge = (walk: TraitWalk) => overflow(walk, `traits take at most ${CONTEXT_LIMITS.traitBytes} bytes as JSON`);

function tooManyBytes(walk: TraitWalk): boolean {
  if (walk.bytes <= CONTEXT_LIMITS.traitBytes) return false;
  tooLarge(walk);
  return true;
}

function overflow(walk: TraitWalk, message: string): void {
  if (!walk.overflow) report(walk.problems, 'context.traits', message);
  walk.overflow = true;
}

/** UTF-8 size of a scalar's JSON text. A string longer than the cap is not encoded at all. */
function jsonBytes(value: unknown): number {
  if (typeof value === 'string' && value.length > CONTEXT_LIMITS.traitBytes) return value.length;
  const json = JSON.stringify(value);
  let bytes = 0;
  for (let i = 0; i < json.length; i++) {
    const code = json.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff) {
      // JSON.stringify escapes lone surrogates, so a high surrogate here starts a 4-byte pair.
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

// ---- Helpers --------------------------------------------------------------------------

function report(problems: ContextProblem[], field: string, message: string): void {
  if (problems.length < MAX_PROBLEMS) problems.push({ field, message });
}

function unknownField(key: string): string {
  return `unknown field "${shown(key)}": a context has ${CONTEXT_FIELDS.join(', ')}`;
}

function textProblem(value: unknown, what: string): string | undefined {
  if (typeof value !== 'string') return `a ${what} is a string, not ${describe(value)}`;
  if (value.length === 0) return `a ${what} is not empty`;
  if (value.length > CONTEXT_LIMITS.text) return `a ${what} is at most ${CONTEXT_LIMITS.text} characters`;
  return undefined;
}



function shown(key: string): string {
  return key.length > MAX_SHOWN_KEY ? `${key.slice(0, MAX_SHOWN_KEY)}…` : key;
}

function fieldPath(path: string, key: string): string {
  const name = shown(key);
  return SIMPLE_NAME.test(key) ? `${path}.${name}` : `${path}[${JSON.stringify(name)}]`;
}
