import { CONTEXT_LIMITS, readContext, type VisitorContext } from './context';

const EMPTY: VisitorContext = {
  segments: [],
  traits: {},
  interests: [],
  stage: null,
  journeyStep: null,
  visitorId: null,
  arms: {},
};

const text = (length: number, char = 'x') => char.repeat(length);
function list<T = string>(length: number, item: (i: number) => T = (i) => `s${i}` as T): T[] {
  return Array.from({ length }, (_, i) => item(i));
}
const keys = (count: number, prefix = 'k') => Object.fromEntries(list(count, (i) => [`${prefix}${i}`, i]));
const utf8 = (value: unknown) => new TextEncoder().encode(JSON.stringify(value)).length;

/** Objects nested `levels` deep under the traits: { l1: { l2: { ... {} } } }. */
function nested(levels: number): Record<string, unknown> {
  let node: Record<string, unknown> = {};
  for (let level = levels; level >= 1; level--) node = { [`l${level}`]: node };
  return node;
}

/** Traits of exactly `bytes` bytes as JSON, with nesting, lists, every scalar type and 2-byte characters. */
function traitsOfBytes(bytes: number): Record<string, unknown> {
  const items: string[] = [];
  const traits = { flag: true, none: null, score: -1.5e-7, n: { deep: { items } }, z: '' };
  while (utf8(traits) + 500 < bytes) items.push(text(150, 'é'));
  traits.z = text(bytes - utf8(traits));
  return traits;
}

/** A GraphQL input object: no prototype. */
function bare(fields: Record<string, unknown>): Record<string, unknown> {
  return Object.assign(Object.create(null) as Record<string, unknown>, fields);
}

type ValidCase = [name: string, input: unknown, expected: Partial<VisitorContext>];

const validCases: ValidCase[] = [
  ['null is the empty context', null, {}],
  ['undefined is the empty context', undefined, {}],
  ['{} is the empty context', {}, {}],
  [
    'every field',
    {
      segments: ['customer', 'vip'],
      traits: { visits: 3, identified: true, plan: 'gold', address: { city: 'Paris' }, tags: ['a', 1, false, null] },
      stage: 'reward',
      journeyStep: 'enrollment',
      interests: ['home', 'car-insurance'],
      visitorId: 'v-123',
      arms: { 'home-hero@1': 'guide' },
    },
    {
      segments: ['customer', 'vip'],
      traits: { visits: 3, identified: true, plan: 'gold', address: { city: 'Paris' }, tags: ['a', 1, false, null] },
      stage: 'reward',
      journeyStep: 'enrollment',
      interests: ['home', 'car-insurance'],
      visitorId: 'v-123',
      arms: { 'home-hero@1': 'guide' },
    },
  ],
  ['segments are deduplicated, order kept', { segments: ['b', 'a', 'b', 'c', 'a'] }, { segments: ['b', 'a', 'c'] }],
  ['interests are deduplicated, order kept', { interests: ['x', 'y', 'x'] }, { interests: ['x', 'y'] }],
  [
    'null fields are absent, as GraphQL sends them',
    bare({ segments: null, traits: null, stage: null, journeyStep: null, interests: null, visitorId: null, arms: null }),
    {},
  ],
  [
    'a GraphQL input object without prototype',
    bare({ segments: ['a'], traits: bare({ visits: 2 }) }),
    { segments: ['a'], traits: { visits: 2 } },
  ],
  ['a trait of null is kept', { traits: { company: null } }, { traits: { company: null } }],
  ['an undefined trait is left out, as JSON would', { traits: { a: undefined, b: 1 } }, { traits: { b: 1 } }],
  ['empty lists and objects are kept', { traits: { tags: [], address: {} } }, { traits: { tags: [], address: {} } }],
  ['a journey step alone', { journeyStep: 'discovery' }, { journeyStep: 'discovery' }],
  ['traits nested 4 levels deep', { traits: nested(3) }, { traits: nested(3) }],
  ['exactly 50 segments', { segments: list(50) }, { segments: list(50) }],
  ['exactly 50 interests', { interests: list(50) }, { interests: list(50) }],
  ['a slug of 128 characters', { segments: [text(128)] }, { segments: [text(128)] }],
  ['a visitorId of 128 characters', { visitorId: text(128) }, { visitorId: text(128) }],
  ['a text trait of 512 characters', { traits: { bio: text(512) } }, { traits: { bio: text(512) } }],
  [
    'exactly 100 trait keys, nested included',
    { traits: { a: keys(49), ...keys(50) } },
    { traits: { a: keys(49), ...keys(50) } },
  ],
  ['traits of exactly 8192 bytes as JSON', { traits: traitsOfBytes(8192) }, { traits: traitsOfBytes(8192) }],
  [
    'arms of 20 experiments, keys of 64 characters and arm names of 40',
    { arms: Object.fromEntries(list(20, (i) => [`${text(62)}${String(i).padStart(2, '0')}@${i + 1}`, text(40, 'é')])) },
    { arms: Object.fromEntries(list(20, (i) => [`${text(62)}${String(i).padStart(2, '0')}@${i + 1}`, text(40, 'é')])) },
  ],
  ['arms of a GraphQL input object', { arms: bare({ 'a_b-1@12': 'holdout' }) }, { arms: { 'a_b-1@12': 'holdout' } }],
  ['an odd but harmless trait name', { traits: { 'a b': 1, '': 2 } }, { traits: { 'a b': 1, '': 2 } }],
];

describe('valid contexts are normalized', () => {
  test.each(validCases)('%s', (_name, input, expected) => {
    const { context, problems } = readContext(input);
    expect(problems).toEqual([]);
    expect(context).toEqual({ ...EMPTY, ...expected });
  });
});

/** `kept` is the context read despite the problems: what a problem names is left out, the rest stays. */
type ProblemCase = [name: string, input: unknown, fields: string[], kept: Partial<VisitorContext>];

const throwing = Object.defineProperty({ segments: ['a'] }, 'traits', {
  enumerable: true,
  get() {
    throw new Error('boom');
  },
});
const proxy = new Proxy(
  {},
  {
    getPrototypeOf() {
      throw new Error('boom');
    },
  }
);

const problemCases: ProblemCase[] = [
  // The context itself
  ['a string context', 'customer', ['context'], {}],
  ['a number context', 42, ['context'], {}],
  ['a list context', [{ segments: ['a'] }], ['context'], {}],
  ['a Date context', new Date(0), ['context'], {}],
  ['an unknown field', { segments: ['a'], segment: ['b'] }, ['context.segment'], { segments: ['a'] }],
  ['an unknown field set to null', { visitor: null }, ['context.visitor'], {}],
  [
    'a __proto__ field',
    JSON.parse('{"__proto__": {"segments": ["a"]}, "stage": "help"}'),
    ['context.__proto__'],
    { stage: 'help' },
  ],
  ['an odd unknown field name is quoted', { 'a b': 1 }, ['context["a b"]'], {}],
  ['an unknown field name is cut short', { [text(10_000)]: 1 }, [`context.${text(64)}…`], {}],
  ['a getter that throws', throwing, ['context'], {}],
  ['a proxy that throws', proxy, ['context'], {}],
  // Segments and interests
  ['segments not a list', { segments: 'customer' }, ['context.segments'], {}],
  ['segments an object', { segments: { 0: 'customer' } }, ['context.segments'], {}],
  ['51 segments', { segments: list(51) }, ['context.segments'], {}],
  ['a million segments', { segments: list(1_000_000) }, ['context.segments'], {}],
  [
    'a segment that is not a string',
    { segments: ['a', 1, 'b', null, ['c']] },
    ['context.segments[1]', 'context.segments[3]', 'context.segments[4]'],
    { segments: ['a', 'b'] },
  ],
  ['an empty slug', { segments: ['', 'a'] }, ['context.segments[0]'], { segments: ['a'] }],
  ['a slug of 129 characters', { segments: ['a', text(129)] }, ['context.segments[1]'], { segments: ['a'] }],
  ['51 interests', { interests: list(51) }, ['context.interests'], {}],
  [
    'an interest of 129 characters',
    { interests: [text(129), 'home'] },
    ['context.interests[0]'],
    { interests: ['home'] },
  ],
  ['an interest that is an object', { interests: [{ name: 'home' }] }, ['context.interests[0]'], {}],
  // Stage, journey step, visitor id
  ['an unknown stage', { stage: 'buy', segments: ['a'] }, ['context.stage'], { segments: ['a'] }],
  ['a stage in capitals', { stage: 'Orient' }, ['context.stage'], {}],
  ['a stage that is a number', { stage: 1 }, ['context.stage'], {}],
  ['an unknown journey step', { journeyStep: 'tofu', stage: 'help' }, ['context.journeyStep'], { stage: 'help' }],
  ['a stage given as a journey step', { journeyStep: 'orient' }, ['context.journeyStep'], {}],
  ['an empty visitorId', { visitorId: '' }, ['context.visitorId'], {}],
  ['a numeric visitorId', { visitorId: 123 }, ['context.visitorId'], {}],
  ['a visitorId of 129 characters', { visitorId: text(129) }, ['context.visitorId'], {}],
  // Arms
  ['arms as a list', { arms: [['home@1', 'a']] }, ['context.arms'], {}],
  ['arms as a string', { arms: 'home@1=a' }, ['context.arms'], {}],
  ['21 experiments', { arms: Object.fromEntries(list(21, (i) => [`e${i}@1`, 'a'])) }, ['context.arms'], {}],
  [
    'an experiment key without its version',
    { arms: { home: 'a', 'home@2': 'b' } },
    ['context.arms.home'],
    { arms: { 'home@2': 'b' } },
  ],
  [
    'keys that are not an experiment key and version',
    { arms: { 'Home@1': 'a', 'home@0': 'a', 'home@01': 'a', 'home@1.5': 'a', [`${text(65)}@1`]: 'a', 'home@99999999999999999': 'a' } },
    ['context.arms["Home@1"]', 'context.arms["home@0"]', 'context.arms["home@01"]', 'context.arms["home@1.5"]', `context.arms["${text(64)}…"]`, 'context.arms["home@99999999999999999"]'],
    {},
  ],
  ['a __proto__ experiment', { arms: JSON.parse('{"__proto__": "a", "home@1": "b"}') }, ['context.arms.__proto__'], { arms: { 'home@1': 'b' } }],
  [
    'arm names that are not text of 1 to 40 characters',
    { arms: { 'a@1': 1, 'b@1': '', 'c@1': ' ', 'd@1': text(41), 'e@1': null, 'f@1': 'ok' } },
    ['context.arms["a@1"]', 'context.arms["b@1"]', 'context.arms["c@1"]', 'context.arms["d@1"]', 'context.arms["e@1"]'],
    { arms: { 'f@1': 'ok' } },
  ],
  // Traits: shape
  ['traits as a list', { traits: [['visits', 3]] }, ['context.traits'], {}],
  ['traits as a string', { traits: 'visits=3' }, ['context.traits'], {}],
  ['traits as a Map', { traits: new Map([['visits', 3]]) }, ['context.traits'], {}],
  ['traits of an object with another prototype', { traits: Object.create({ visits: 3 }) }, ['context.traits'], {}],
  ['a trait that is a function', { traits: { f: () => 1, ok: 1 } }, ['context.traits.f'], { traits: { ok: 1 } }],
  ['a trait that is a bigint', { traits: { n: BigInt(1) } }, ['context.traits.n'], {}],
  ['a trait that is a symbol', { traits: { s: Symbol('s') } }, ['context.traits.s'], {}],
  ['a trait that is a Date', { traits: { at: new Date(0) } }, ['context.traits.at'], {}],
  ['a trait that is NaN', { traits: { score: NaN } }, ['context.traits.score'], {}],
  ['a trait that is Infinity', { traits: { score: -Infinity } }, ['context.traits.score'], {}],
  [
    'a text trait of 513 characters',
    { traits: { bio: text(513), visits: 2 } },
    ['context.traits.bio'],
    { traits: { visits: 2 } },
  ],
  [
    'a list in a list trait',
    { traits: { tags: ['a', ['b'], 'c'] } },
    ['context.traits.tags[1]'],
    { traits: { tags: ['a', 'c'] } },
  ],
  [
    'an object in a list trait',
    { traits: { tags: [{ a: 1 }, 'b'] } },
    ['context.traits.tags[0]'],
    { traits: { tags: ['b'] } },
  ],
  [
    'a bad value deep down',
    { traits: { a: { b: { c: NaN, d: 1 } } } },
    ['context.traits.a.b.c'],
    { traits: { a: { b: { d: 1 } } } },
  ],
  [
    'an odd trait name is quoted',
    { traits: { 'a.b': { c: NaN } } },
    ['context.traits["a.b"].c'],
    { traits: { 'a.b': {} } },
  ],
  // Traits: names that lead to Object.prototype
  [
    'a __proto__ trait',
    { traits: JSON.parse('{"__proto__": {"polluted": true}, "visits": 1}') },
    ['context.traits.__proto__'],
    { traits: { visits: 1 } },
  ],
  [
    'a nested __proto__ trait',
    { traits: JSON.parse('{"a": {"__proto__": {"polluted": true}}}') },
    ['context.traits.a.__proto__'],
    { traits: { a: {} } },
  ],
  ['a constructor trait', { traits: { constructor: { prototype: 1 } } }, ['context.traits.constructor'], {}],
  ['a prototype trait', { traits: { a: { prototype: 1 } } }, ['context.traits.a.prototype'], { traits: { a: {} } }],
  // Traits: caps
  [
    'traits 5 levels deep',
    { traits: { ...nested(4), visits: 1 } },
    ['context.traits.l1.l2.l3.l4'],
    { traits: { l1: { l2: { l3: {} } }, visits: 1 } },
  ],
  ['traits 10,000 levels deep', { traits: nested(10_000) }, ['context.traits.l1.l2.l3.l4'], { traits: nested(3) }],
  ['101 trait keys', { traits: keys(101) }, ['context.traits'], {}],
  ['101 trait keys, nested included', { traits: { a: keys(50), ...keys(50) } }, ['context.traits'], {}],
  ['a hundred thousand trait keys', { traits: keys(100_000) }, ['context.traits'], {}],
  [
    'traits of 8193 bytes as JSON',
    { traits: traitsOfBytes(8193), segments: ['a'] },
    ['context.traits'],
    { segments: ['a'] },
  ],
  [
    'traits under 8192 characters but over 8192 bytes',
    { traits: { bio: list(10, () => text(500, 'é')) } },
    ['context.traits'],
    {},
  ],
  ['a list trait of a million items', { traits: { tags: list(1_000_000, () => 1) } }, ['context.traits'], {}],
  ['a list trait of a million bad items', { traits: { tags: list(1_000_000, () => ({})) } }, ['context.traits'], {}],
  ['a trait name of 10,000 characters', { traits: { [text(10_000)]: 1 } }, ['context.traits'], {}],
  // Several at once
  [
    'every problem is reported, in the order of the fields',
    { segments: [1], stage: 'x', traits: { a: NaN }, visitorId: '', extra: 1 },
    ['context.segments[0]', 'context.stage', 'context.traits.a', 'context.visitorId', 'context.extra'],
    {},
  ],
  [
    'at most 20 problems',
    { ...keys(100, 'unknown'), segments: ['a'] },
    list(20, (i) => `context.unknown${i}`),
    { segments: ['a'] },
  ],
];

describe('problems name the field, and what they name is left out', () => {
  test.each(problemCases)('%s', (_name, input, fields, kept) => {
    const { context, problems } = readContext(input);
    expect(problems.map((p) => p.field)).toEqual(fields);
    for (const problem of problems) expect(problem.message).not.toBe('');
    expect(context).toEqual({ ...EMPTY, ...kept });
  });
});

describe('messages', () => {
  const message = (input: unknown) => readContext(input).problems[0].message;

  test('say what is expected', () => {
    expect(message({ segment: ['a'] })).toBe(
      'unknown field "segment": a context has segments, traits, stage, journeyStep, interests, visitorId, arms'
    );
    expect(message({ stage: 'buy' })).toBe('"stage" is one of orient, inform, help, reassure, reward');
    expect(message({ journeyStep: 'tofu' })).toBe(
      '"journeyStep" is one of discovery, comparison, conversion, onboarding, enrollment'
    );
    expect(message({ segments: 'a' })).toBe('"segments" takes a list of strings, not a string');
    expect(message({ segments: [3] })).toBe('a segment slug is a string, not a number');
    expect(message({ traits: { __proto__: null, constructor: 1 } })).toBe('trait name "constructor" is not allowed');
  });

  test('name the caps', () => {
    expect(message({ segments: list(51) })).toContain(`${CONTEXT_LIMITS.segments}`);
    expect(message({ interests: [text(129)] })).toContain(`${CONTEXT_LIMITS.text}`);
    expect(message({ traits: keys(101) })).toContain(`${CONTEXT_LIMITS.traitKeys}`);
    expect(message({ traits: nested(5) })).toContain(`${CONTEXT_LIMITS.traitDepth}`);
    expect(message({ traits: traitsOfBytes(9000) })).toContain(`${CONTEXT_LIMITS.traitBytes}`);
    expect(message({ traits: { bio: text(513) } })).toContain(`${CONTEXT_LIMITS.traitText}`);
    expect(message({ arms: Object.fromEntries(list(21, (i) => [`e${i}@1`, 'a'])) })).toContain(`${CONTEXT_LIMITS.arms}`);
  });

  test('do not echo a long value back', () => {
    expect(message({ stage: text(10_000) }).length).toBeLessThan(100);
    expect(message({ segments: [text(10_000)] }).length).toBeLessThan(100);
  });
});

describe('safety', () => {
  test('a __proto__ trait pollutes nothing', () => {
    const { context } = readContext({
      traits: JSON.parse('{"__proto__": {"polluted": true}, "a": {"__proto__": {"x": 1}}}'),
    });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(context.traits)).toBe(Object.prototype);
    expect(Object.getPrototypeOf(context.traits.a)).toBe(Object.prototype);
    expect(Object.keys(context.traits.a as object)).toEqual([]);
  });

  test('traits are copied, not shared with the input', () => {
    const traits = { address: { city: 'Paris' }, tags: ['a'] };
    const { context } = readContext({ traits });
    traits.address.city = 'Lyon';
    traits.tags.push('b');
    expect(context.traits).toEqual({ address: { city: 'Paris' }, tags: ['a'] });
  });

  test('the limits cannot be changed', () => {
    expect(Object.isFrozen(CONTEXT_LIMITS)).toBe(true);
  });

  const hostile: unknown[] = [
    Symbol('x'),
    () => ({ segments: ['a'] }),
    BigInt(1),
    new Proxy(
      {},
      {
        ownKeys: () => {
          throw new Error('boom');
        },
      }
    ),
    {
      segments: new Proxy([], {
        get: () => {
          throw new Error('boom');
        },
      }),
    },
    {
      traits: new Proxy(
        {},
        {
          ownKeys: () => {
            throw new Error('boom');
          },
        }
      ),
    },
    {
      traits: {
        a: new Proxy(
          {},
          {
            getPrototypeOf: () => {
              throw new Error('boom');
            },
          }
        ),
      },
    },
    { segments: Object.assign(['a'], { length: 2 ** 32 - 1 }) },
  ];

  test.each(hostile.map((input, i) => [i, input]))('hostile input #%i never throws', (_i, input) => {
    const { context, problems } = readContext(input);
    expect(problems.length).toBeGreaterThan(0);
    expect(Object.keys(context).sort()).toEqual(Object.keys(EMPTY).sort());
  });
});
