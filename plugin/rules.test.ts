import cases from './rules.cases.json';
import { compileOptionalRule, compileRule, RuleError, validateRule, type VisitorFacts } from './rules';

type EvaluateCase = [name: string, rule: unknown, facts: VisitorFacts, expected: boolean];
type InvalidCase = [name: string, rule: unknown, paths: string[]];

// Cases deliberately include facts of odd shapes, so they are typed loosely on read.
const evaluateCases = cases.evaluate as unknown as EvaluateCase[];
const invalidCases = cases.invalid as unknown as InvalidCase[];

const visitor: VisitorFacts = {
  traits: { visits: 3, country: 'FR', plan: 'gold', address: { city: 'Paris' }, tags: ['new', 'vip'] },
  interests: ['car-insurance', 'home'],
};

describe('evaluate cases', () => {
  test.each(evaluateCases)('%s', (_name, rule, facts, expected) => {
    expect(validateRule(rule)).toEqual([]);
    expect(compileRule(rule)(facts)).toBe(expected);
  });
});

describe('invalid cases', () => {
  test.each(invalidCases)('%s', (_name, rule, paths) => {
    const problems = validateRule(rule);
    expect(problems.map((p) => p.path)).toEqual(expect.arrayContaining(paths));
    for (const problem of problems) expect(problem.message).not.toBe('');
    expect(() => compileRule(rule)).toThrow(RuleError);
  });
});

describe('problems', () => {
  test('messages name the offending operator', () => {
    expect(validateRule({ $and: [{}, { traits: { visits: { $gtee: 2 } } }] })).toEqual([
      { path: '$and[1].traits.visits.$gtee', message: 'unknown operator "$gtee"' },
    ]);
    expect(validateRule({ traits: { company: { $eq: null } } })[0].message).toContain('$null');
    expect(validateRule({ country: 'FR' })[0].message).toBe(
      'unknown field "country": rules apply to "traits" and "interests"'
    );
  });

  test('RuleError carries every problem', () => {
    const rule = { traits: { a: { $gtee: 1 }, b: { $lt: true } } };
    try {
      compileRule(rule);
      throw new Error('expected a RuleError');
    } catch (error) {
      expect(error).toBeInstanceOf(RuleError);
      expect((error as RuleError).problems).toEqual(validateRule(rule));
      expect((error as RuleError).message).toContain('traits.a.$gtee');
    }
  });

  test('at most 20 problems are reported', () => {
    const traits = Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`t${i}`, { $gtee: i }]));
    expect(validateRule({ traits })).toHaveLength(20);
  });

  test.each([
    ['Infinity', Infinity],
    ['NaN', NaN],
    ['undefined', undefined],
    ['a function', () => true],
    ['a Date', new Date(0)],
    ['a bigint', BigInt(1)],
  ])('a trait value that JSON cannot hold is refused: %s', (_name, value) => {
    expect(validateRule({ traits: { x: value } }).map((p) => p.path)).toEqual(['traits.x']);
  });

  test('an object whose prototype is not Object.prototype is refused', () => {
    expect(validateRule(Object.create({ traits: {} })).map((p) => p.path)).toEqual(['']);
  });
});

describe('compileOptionalRule', () => {
  test.each([null, undefined])('no rule (%s) matches nobody', (rule) => {
    expect(compileOptionalRule(rule)(visitor)).toBe(false);
    expect(compileOptionalRule(rule)({ traits: {}, interests: [] })).toBe(false);
  });

  test('the empty rule matches everybody', () => {
    expect(compileOptionalRule({})(visitor)).toBe(true);
  });

  test('a rule is compiled as compileRule does', () => {
    const rule = { interests: { $contains: 'home' } };
    expect(compileOptionalRule(rule)(visitor)).toBe(true);
    expect(compileOptionalRule(rule)({ traits: {}, interests: [] })).toBe(false);
  });

  test('an invalid rule still throws', () => {
    expect(() => compileOptionalRule({ traits: { visits: { $gtee: 2 } } })).toThrow(RuleError);
  });
});

describe('evaluation never throws', () => {
  const throwing = Object.defineProperty({}, 'visits', {
    enumerable: true,
    get() {
      throw new Error('boom');
    },
  });
  const oddFacts: unknown[] = [
    null,
    undefined,
    0,
    'FR',
    [],
    [visitor],
    { traits: null, interests: null },
    { traits: 'visits', interests: 'home' },
    { traits: [1, 2], interests: [null, 1, {}, ['home']] },
    { traits: { visits: {}, address: null, tags: [null, {}, []], country: ['FR', 1] }, interests: [] },
    { traits: throwing, interests: [] },
    new Proxy(
      {},
      {
        get() {
          throw new Error('boom');
        },
        getOwnPropertyDescriptor() {
          throw new Error('boom');
        },
      }
    ),
  ];
  const rules = evaluateCases.map(([, rule]) => compileRule(rule));

  test.each(oddFacts.map((facts, i) => [i, facts]))('odd facts #%i', (_i, facts) => {
    for (const rule of rules) expect(typeof rule(facts as VisitorFacts)).toBe('boolean');
  });
});
