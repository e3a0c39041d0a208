/**
 * Audience rules: a JSON condition over a visitor's facts, written with Strapi's filter operators.
 * Pure TypeScript on purpose (no Strapi import) so it runs and tests anywhere.
 *
 * A rule names `traits` (an object, nested objects allowed) and/or `interests` (a list of
 * strings), combined with `$and`, `$or`, `$not`. Several keys in one object mean AND.
 * The empty rule `{}` matches every visitor (like an empty Strapi filter); no rule at all
 * (null/undefined, see compileOptionalRule) matches nobody.
 *
 * Semantics:
 * - A bare scalar means `$eq`; a plain object without `$` keys names nested fields.
 * - No coercion: `$eq` is `===` on strings, numbers, booleans. `$lt $lte $gt $gte $between`
 *   compare numbers with numbers and strings with strings (ISO dates compare as strings);
 *   any type mismatch is false.
 * - `*i` operators compare lowercased strings; on anything else they are false.
 * - `$contains` is a substring test on a string and an element test on a list
 *   (`$containsi`: case-insensitive element equality). `$startsWith`, `$endsWith`: strings only.
 * - On a list fact, the other positive operators are true when ANY element matches.
 * - A missing or null fact fails every positive operator, except `$null: true` and `$notNull: false`.
 * - Negative operators are exactly NOT their twin: `$ne`/`$eq`, `$nei`/`$eqi`, `$notIn`/`$in`,
 *   `$notContains`/`$contains`, `$notContainsi`/`$containsi`, `$notNull`/`$null`.
 *   So `{ "$ne": true }` matches a visitor who lacks the trait, and `$notIn` on a list means none matches.
 * - `$and`, `$or`, `$not` may appear at any level; their members apply to the same place.
 * - Evaluation never throws: facts of odd shapes simply do not match.
 *
 * One file, a little over the usual length: the validator and the compiler walk the same operator
 * table, and keeping them side by side is what keeps a rule valid exactly when it compiles.
 */
import { describe, isPlainObject } from './values';

export interface VisitorFacts {
  traits: Record<string, unknown>;
  interests: string[];
}

export interface RuleProblem {
  /** Where in the rule, e.g. `$and[1].traits.visits.$gtee`; "" for the rule itself. */
  path: string;
  message: string;
}

export class RuleError extends Error {
  readonly problems: RuleProblem[];

  constructor(problems: RuleProblem[]) {
    super(`invalid rule: ${problems.map((p) => `${p.path || '(rule)'}: ${p.message}`).join('; ')}`);
    this.name = 'RuleError';
    this.problems = problems;
  }
}

export type CompiledRule = (facts: VisitorFacts) => boolean;

// Limits keep rules small enough to read in the admin and cheap to evaluate on every request.
const MAX_DEPTH = 10;
const MAX_NODES = 200;
const MAX_PROBLEMS = 20;
const MAX_TEXT = 256;
const MAX_FIELD_NAME = 64;
const MAX_LIST = 100;

/** Names that lead to Object.prototype: refused so rules can never be a pollution vector. */
const FORBIDDEN_FIELDS = new Set(['__proto__', 'constructor', 'prototype']);
const LOGICAL = new Set(['$and', '$or', '$not']);

type Test = (value: unknown) => boolean;
type Scalar = string | number | boolean;
type Orderable = string | number;

/** Where an object sits in the rule decides which keys it may hold. */
type Place = 'root' | 'traits' | 'interests' | 'field';

interface Walk {
  problems: RuleProblem[];
  nodes: number;
  tooLarge: boolean;
}

/** The operator whose value is being read; problems are reported at its path. */
interface Operand {
  op: string;
  path: string;
  walk: Walk;
}

/** Reads an operator's value and builds its test, or reports problems and returns undefined. */
type Operator = (value: unknown, at: Operand) => Test | undefined;

const always: Test = () => true;
const never: Test = () => false;
const isMissing: Test = (fact) => fact === undefined || fact === null;
// Captured once: in sandboxes such as jest's vm, every global lookup is slow.
const hasOwn = Object.prototype.hasOwnProperty;
const isArray = Array.isArray;

/** Validates a rule; an empty list means it is valid. Reports every problem, up to 20. */
export function validateRule(rule: unknown): RuleProblem[] {
  return walkRule(rule).problems;
}

/**
 * Validates (throws RuleError) then compiles the rule once into nested closures, so that
 * evaluation does no parsing, no key iteration and no allocation. `{}` matches every visitor.
 */
export function compileRule(rule: unknown): CompiledRule {
  const { test, problems } = walkRule(rule);
  if (problems.length > 0) throw new RuleError(problems);
  return (facts) => {
    // Facts from JSON cannot throw, but exotic ones (getters, proxies) could.
    try {
      return test(facts);
    } catch {
      return false;
    }
  };
}

/**
 * A segment without a rule (null/undefined) matches nobody by rule: it can only be joined
 * by naming its slug explicitly. Any other value is compiled with compileRule.
 */
export function compileOptionalRule(rule: unknown): CompiledRule {
  return rule === null || rule === undefined ? never : compileRule(rule);
}

function walkRule(rule: unknown): { test: Test; problems: RuleProblem[] } {
  const walk: Walk = { problems: [], nodes: 0, tooLarge: false };
  const test = parseCondition(rule, '', 1, 'root', walk);
  return { test, problems: walk.problems };
}

function parseCondition(node: unknown, path: string, depth: number, place: Place, walk: Walk): Test {
  if (!countNode(walk, path)) return never;
  if (isPlainObject(node)) {
    if (depth <= MAX_DEPTH) return parseObject(node, path, depth, place, walk);
    report(walk, path, `rule is nested deeper than ${MAX_DEPTH} levels`);
    return never;
  }
  const problem = notACondition(node, place);
  if (problem === undefined) return OPERATORS.$eq(node, { op: '$eq', path, walk }) ?? never;
  report(walk, path, problem);
  return never;
}

/** Why a non-object cannot stand here; undefined when it is a `$eq` shorthand. */
function notACondition(node: unknown, place: Place): string | undefined {
  if (place === 'root') return 'a rule must be an object, e.g. { "traits": { "visits": { "$gte": 2 } } }';
  if (place === 'traits') return '"traits" takes an object of trait names, e.g. { "country": "FR" }';
  if (node === null) return 'null is not a value: use { "$null": true } to match a missing value';
  if (isArray(node)) return 'a list is not a condition: use { "$in": [...] } to match one of several values';
  return undefined;
}

function parseObject(node: Record<string, unknown>, path: string, depth: number, place: Place, walk: Walk): Test {
  const tests: Test[] = [];
  let firstOperator: string | undefined;
  let firstField: string | undefined;
  for (const key of Object.keys(node)) {
    if (walk.tooLarge || walk.problems.length >= MAX_PROBLEMS) break;
    const at = keyPath(path, key);
    const value = node[key];
    const operator = hasOwn.call(OPERATORS, key) ? OPERATORS[key] : undefined;
    if (LOGICAL.has(key)) {
      tests.push(parseLogical(key, value, at, depth, place, walk));
    } else if (operator !== undefined) {
      if (place === 'root') report(walk, at, `operator "${key}" must follow a field: rules apply to "traits" and "interests"`);
      else if (place === 'traits') report(walk, at, `operator "${key}" must follow a trait name`);
      else if (countNode(walk, at)) {
        firstOperator ??= key;
        tests.push(operator(value, { op: key, path: at, walk }) ?? never);
      }
    } else if (key.startsWith('$')) {
      report(walk, at, `unknown operator "${key}"`);
    } else {
      const problem = fieldNameProblem(key, place);
      if (problem !== undefined) {
        report(walk, at, problem);
        continue;
      }
      firstField ??= key;
      const childPlace: Place = place === 'root' ? (key as Place) : 'field';
      tests.push(readField(key, parseCondition(value, at, depth + 1, childPlace, walk)));
    }
  }
  if (firstOperator !== undefined && firstField !== undefined) {
    report(walk, path, `cannot mix operators and fields in one object ("${firstOperator}" and "${firstField}")`);
  }
  return allOf(tests);
}

function fieldNameProblem(name: string, place: Place): string | undefined {
  if (FORBIDDEN_FIELDS.has(name)) return `field name "${name}" is not allowed`;
  if (place === 'root' && name !== 'traits' && name !== 'interests') {
    return `unknown field "${name}": rules apply to "traits" and "interests"`;
  }
  if (place === 'interests') return `"interests" takes operators, not the field "${name}"`;
  if (name.length === 0) return 'field name is empty';
  if (name.length > MAX_FIELD_NAME) return `field name is longer than ${MAX_FIELD_NAME} characters`;
  return undefined;
}

function parseLogical(op: string, value: unknown, path: string, depth: number, place: Place, walk: Walk): Test {
  if (op === '$not') {
    if (isPlainObject(value)) return negate(parseCondition(value, path, depth + 1, place, walk));
    report(walk, path, `"$not" takes a condition object, not ${describe(value)}`);
    return never;
  }
  if (!isArray(value) || value.length === 0) {
    report(walk, path, `"${op}" takes a non-empty list of condition objects`);
    return never;
  }
  if (!countNode(walk, path)) return never;
  const tests: Test[] = [];
  for (let i = 0; i < value.length && !walk.tooLarge; i++) {
    const member: unknown = value[i];
    if (isPlainObject(member)) tests.push(parseCondition(member, indexPath(path, i), depth + 1, place, walk));
    else report(walk, indexPath(path, i), `"${op}" takes condition objects, not ${describe(member)}`);
  }
  return op === '$and' ? allOf(tests) : anyOf(tests);
}

// ---- Operators -------------------------------------------------------------------------

const STRING = ['string'];
const ORDERABLE = ['number', 'string'];
const SCALAR = ['string', 'number', 'boolean'];

const POSITIVE: Record<string, Operator> = {
  $eq(value, at) {
    if (value === null) {
      const instead = at.op === '$ne' ? '{ "$notNull": true }' : '{ "$null": true }';
      return report(at.walk, at.path, `"${at.op}" cannot compare with null: use ${instead}`);
    }
    const expected = read<Scalar>(value, SCALAR, 'a string, number or boolean', at);
    return expected === undefined ? undefined : anyElement((fact) => fact === expected);
  },
  $eqi: textOperator((fact, text) => fact === text, true),
  $lt: orderOperator((fact, bound) => fact < bound),
  $lte: orderOperator((fact, bound) => fact <= bound),
  $gt: orderOperator((fact, bound) => fact > bound),
  $gte: orderOperator((fact, bound) => fact >= bound),
  $between(value, at) {
    if (!isArray(value) || value.length !== 2) {
      return report(at.walk, at.path, `"$between" takes a list of two values: [low, high]`);
    }
    const low = read<Orderable>(value[0], ORDERABLE, 'numbers or strings', at, indexPath(at.path, 0));
    const high = read<Orderable>(value[1], ORDERABLE, 'numbers or strings', at, indexPath(at.path, 1));
    if (low === undefined || high === undefined) return undefined;
    const type = typeof low;
    if (typeof high !== type) return report(at.walk, at.path, '"$between" takes two numbers or two strings');
    if (low > high) return report(at.walk, at.path, `"$between" takes [low, high], but ${low} > ${high}`);
    return anyElement((fact) => typeof fact === type && (fact as Orderable) >= low && (fact as Orderable) <= high);
  },
  $in(value, at) {
    if (!isArray(value) || value.length === 0) {
      return report(at.walk, at.path, `"${at.op}" takes a non-empty list of values`);
    }
    if (value.length > MAX_LIST) return report(at.walk, at.path, `"${at.op}" takes at most ${MAX_LIST} values`);
    const expected = new Set<unknown>();
    for (let i = 0; i < value.length && countNode(at.walk, indexPath(at.path, i)); i++) {
      const item = read<Scalar>(value[i], SCALAR, 'strings, numbers or booleans', at, indexPath(at.path, i));
      if (item !== undefined) expected.add(item);
    }
    return anyElement((fact) => expected.has(fact));
  },
  $contains(value, at) {
    const text = read<string>(value, STRING, 'a string', at);
    if (text === undefined) return undefined;
    return (fact) => (typeof fact === 'string' || isArray(fact)) && fact.includes(text);
  },
  $containsi(value, at) {
    const text = read<string>(value, STRING, 'a string', at);
    if (text === undefined) return undefined;
    const lower = text.toLowerCase();
    return (fact) =>
      typeof fact === 'string' ? fact.toLowerCase().includes(lower) : isArray(fact) && hasLowercase(fact, lower);
  },
  $startsWith: textOperator((fact, text) => fact.startsWith(text), false),
  $startsWithi: textOperator((fact, text) => fact.startsWith(text), true),
  $endsWith: textOperator((fact, text) => fact.endsWith(text), false),
  $endsWithi: textOperator((fact, text) => fact.endsWith(text), true),
  $null(value, at) {
    if (typeof value !== 'boolean') return report(at.walk, at.path, `"${at.op}" takes true or false, not ${describe(value)}`);
    return value ? isMissing : negate(isMissing);
  },
};

/** Each negative operator is exactly NOT its positive twin, validation included. */
const NEGATIVE: Record<string, string> = {
  $ne: '$eq',
  $nei: '$eqi',
  $notIn: '$in',
  $notContains: '$contains',
  $notContainsi: '$containsi',
  $notNull: '$null',
};

const OPERATORS: Record<string, Operator> = { ...POSITIVE };
for (const [negative, positive] of Object.entries(NEGATIVE)) {
  OPERATORS[negative] = (value, at) => {
    const test = POSITIVE[positive](value, at);
    return test && negate(test);
  };
}

/** A string operator; the `i` variants lowercase both sides. Non-strings never match. */
function textOperator(matches: (fact: string, text: string) => boolean, lowercase: boolean): Operator {
  return (value, at) => {
    const text = read<string>(value, STRING, 'a string', at);
    if (text === undefined) return undefined;
    if (!lowercase) return anyElement((fact) => typeof fact === 'string' && matches(fact, text));
    const lower = text.toLowerCase();
    return anyElement((fact) => typeof fact === 'string' && matches(fact.toLowerCase(), lower));
  };
}

/** `$lt`-like operators: only numbers against numbers, strings against strings. */
function orderOperator(holds: (fact: Orderable, bound: Orderable) => boolean): Operator {
  return (value, at) => {
    const bound = read<Orderable>(value, ORDERABLE, 'a number or a string', at);
    if (bound === undefined) return undefined;
    const type = typeof bound;
    return anyElement((fact) => typeof fact === type && holds(fact as Orderable, bound));
  };
}

/** Reads an operator's value of one of the given types, within the size limits. */
function read<T extends Scalar>(
  value: unknown,
  types: string[],
  expected: string,
  at: Operand,
  path = at.path
): T | undefined {
  if (!types.includes(typeof value)) return report(at.walk, path, `"${at.op}" takes ${expected}, not ${describe(value)}`);
  if (typeof value === 'string' && value.length > MAX_TEXT) {
    return report(at.walk, path, `text is longer than ${MAX_TEXT} characters`);
  }
  if (typeof value === 'number' && !Number.isFinite(value)) return report(at.walk, path, `${value} is not a finite number`);
  return value as T;
}

// ---- Evaluation helpers (run on every request: no allocation) ---------------------------

/** Strapi's to-many meaning: on a list fact, true when any element passes. */
function anyElement(test: Test): Test {
  return (fact) => {
    if (!isArray(fact)) return test(fact);
    for (let i = 0; i < fact.length; i++) if (test(fact[i])) return true;
    return false;
  };
}

function hasLowercase(list: unknown[], lower: string): boolean {
  for (let i = 0; i < list.length; i++) {
    const item = list[i];
    if (typeof item === 'string' && item.toLowerCase() === lower) return true;
  }
  return false;
}

/** Reads an own property of an object fact; lists, scalars and inherited keys read as missing. */
function readField(name: string, test: Test): Test {
  return (fact) =>
    test(
      typeof fact === 'object' && fact !== null && !isArray(fact) && hasOwn.call(fact, name)
        ? (fact as Record<string, unknown>)[name]
        : undefined
    );
}

function negate(test: Test): Test {
  return (fact) => !test(fact);
}

function allOf(tests: Test[]): Test {
  if (tests.length === 0) return always;
  if (tests.length === 1) return tests[0];
  return (fact) => {
    for (let i = 0; i < tests.length; i++) if (!tests[i](fact)) return false;
    return true;
  };
}

function anyOf(tests: Test[]): Test {
  if (tests.length === 1) return tests[0];
  return (fact) => {
    for (let i = 0; i < tests.length; i++) if (tests[i](fact)) return true;
    return false;
  };
}

// ---- Validation helpers ---------------------------------------------------------------

function report(walk: Walk, path: string, message: string): undefined {
  if (walk.problems.length < MAX_PROBLEMS) walk.problems.push({ path, message });
  return undefined;
}

/** Counts one more node; past the limit, reports once and tells the caller to stop. */
function countNode(walk: Walk, path: string): boolean {
  if (walk.nodes < MAX_NODES) {
    walk.nodes++;
    return true;
  }
  if (!walk.tooLarge) report(walk, path, `rule is too large (more than ${MAX_NODES} parts)`);
  walk.tooLarge = true;
  return false;
}



const SIMPLE_NAME = /^[A-Za-z_$][\w$-]*$/;

function keyPath(path: string, key: string): string {
  if (!SIMPLE_NAME.test(key)) return `${path}[${JSON.stringify(key)}]`;
  return path === '' ? key : `${path}.${key}`;
}

function indexPath(path: string, index: number): string {
  return `${path}[${index}]`;
}
