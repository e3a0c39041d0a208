import cases from './decide.cases.json';
import { readContext } from './context';
import { cacheKey } from './cache-key';
import { decide, type Decision, type VariantCandidate } from './decide';
import { buildSegmentCatalog, type SegmentCatalog, type SegmentDefinitionLike } from './segment-catalog';
import { resolveVisitor, type Visitor } from './visitor';
import type { Experiment } from './experiment';
import { FUNNEL_SEGMENTS } from './segments';
import type { JourneyStep, Stage } from './stages';

/**
 * A catalog item is a segment definition or the name of a group: "funnel" or one of the file's.
 * The visitor id, which experiments need, comes in the context as a front-end sends it.
 */
interface DecideCaseInput {
  segments: Array<SegmentDefinitionLike | string>;
  context: unknown;
  variants: VariantCandidate[];
  enabled?: boolean;
  stageForStep?: Record<JourneyStep, Stage>;
  experiment?: Experiment | null;
  forced?: string | null;
}
/** `error`, `arm` and `experiment` may be left out: null. */
type Expected = Omit<Decision, 'error' | 'arm' | 'experiment'> & { error?: string | null; arm?: string | null; experiment?: string | null };
type DecideCase = [name: string, input: DecideCaseInput, expected: Expected];
type CacheKeyCase = [
  name: string,
  decision: Partial<Decision>,
  servedVersion: string,
  locale: string | null,
  key: string,
];

const decideCases = cases.decide as unknown as DecideCase[];
const cacheKeyCases = cases.cacheKey as unknown as CacheKeyCase[];
const groups: Record<string, readonly SegmentDefinitionLike[]> = {
  funnel: FUNNEL_SEGMENTS,
  ...(cases.segmentGroups as Record<string, SegmentDefinitionLike[]>),
};

function catalogOf(items: Array<SegmentDefinitionLike | string>): SegmentCatalog {
  return buildSegmentCatalog(
    items.flatMap((item) => {
      if (typeof item !== 'string') return [item];
      if (!(item in groups)) throw new Error(`unknown segment group "${item}"`);
      return [...groups[item]];
    })
  );
}

function run(input: DecideCaseInput, baseDocumentId = 'base'): Decision {
  const catalog = catalogOf(input.segments);
  const { context, problems } = readContext(input.context);
  expect(problems).toEqual([]);
  const visitor = resolveVisitor(context, catalog, input.stageForStep);
  return decide({
    baseDocumentId,
    variants: input.variants,
    visitor,
    catalog,
    enabled: input.enabled ?? true,
    experiment: input.experiment,
    forced: input.forced,
  });
}

describe('decide cases', () => {
  test.each(decideCases)('%s', (_name, input, expected) => {
    expect(run(input)).toEqual({ error: null, arm: null, experiment: null, ...expected });
  });
});

describe('cacheKey cases', () => {
  const blank: Decision = {
    baseDocumentId: 'base',
    servedDocumentId: 'base',
    isVariant: false,
    reason: 'DEFAULT',
    matchedSegment: null,
    matchedStage: null,
    visitorSegments: [],
    ignored: [],
    error: null,
    arm: null,
    experiment: null,
  };

  test.each(cacheKeyCases)('%s', (_name, decision, version, locale, key) => {
    expect(cacheKey({ ...blank, ...decision }, version, locale)).toBe(key);
  });
});

describe('cacheKey depends only on what the choice depended on', () => {
  const segments = ['shop'];
  const variants: VariantCandidate[] = [
    { documentId: 'v-vip-or-cook', segments: ['vip', 'cook'], stage: null },
    { documentId: 'v-any', segments: [], stage: null },
  ];
  const keyFor = (context: unknown) => cacheKey(run({ segments, context, variants }), '2025-01-01T00:00:00.000Z', 'en');

  test('visitors in different segments served the same variant for the same segment share a key', () => {
    const gardener = keyFor({ traits: { plan: 'gold' }, interests: ['garden'] });
    const cookAndNews = keyFor({ traits: { plan: 'gold' }, interests: ['cooking'], segments: ['newsletter'] });
    expect(gardener).toBe(cookAndNews);
    expect(gardener).toContain(':SEGMENT:vip:');
  });

  test('the visitor id never changes it', () => {
    const context = { traits: { plan: 'gold' } };
    expect(keyFor({ ...context, visitorId: 'visitor-1' })).toBe(keyFor({ ...context, visitorId: 'visitor-2' }));
    expect(keyFor({ ...context, visitorId: 'visitor-1' })).toBe(keyFor(context));
  });

  test('the same variant won through another segment gets another key', () => {
    const vip = run({ segments, context: { traits: { plan: 'gold' } }, variants });
    const cook = run({ segments, context: { interests: ['cooking'] }, variants });
    expect(vip.servedDocumentId).toBe(cook.servedDocumentId);
    expect(cacheKey(vip, '1', 'en')).not.toBe(cacheKey(cook, '1', 'en'));
  });

  test('the version and the locale change it', () => {
    const decision = run({ segments, context: {}, variants });
    expect(cacheKey(decision, '1', 'en')).not.toBe(cacheKey(decision, '2', 'en'));
    expect(cacheKey(decision, '1', 'en')).not.toBe(cacheKey(decision, '1', 'fr'));
    expect(cacheKey(decision, '1', 'en')).not.toBe(cacheKey(decision, '1', null));
  });
});

describe('cacheKey with experiments', () => {
  const experiment: Experiment = {
    key: 'hero-test',
    version: 1,
    arms: [
      { name: 'A', documentId: null, weight: 1 },
      { name: 'B', documentId: 'v-b', weight: 1 },
    ],
    holdout: 0.1,
  };
  const variants: VariantCandidate[] = [{ documentId: 'v-b', segments: [], stage: null }];
  // Buckets in hero-test version 1: joe 0.0151 (hold-out), kim 0.4454 and hal 0.1470 (A),
  // max 0.5878 and dan 0.7298 (B).
  const keyFor = (visitorId: string) =>
    cacheKey(run({ segments: ['shop'], context: { visitorId }, variants, experiment }), '1', 'en');

  test('visitors in one arm share a key, which never holds their id', () => {
    expect(keyFor('kim')).toBe(keyFor('hal'));
    expect(keyFor('max')).toBe(keyFor('dan'));
    for (const id of ['joe', 'kim', 'max']) expect(keyFor(id)).not.toContain(id);
  });

  test('arms serving the same entry get different keys', () => {
    expect(run({ segments: ['shop'], context: { visitorId: 'joe' }, variants, experiment }).servedDocumentId).toBe('base');
    expect(run({ segments: ['shop'], context: { visitorId: 'kim' }, variants, experiment }).servedDocumentId).toBe('base');
    expect(keyFor('joe')).not.toBe(keyFor('kim'));
    expect(keyFor('joe')).toBe('v1:base:1:en:HOLDOUT:-:-:holdout');
    expect(keyFor('kim')).toBe('v1:base:1:en:EXPERIMENT:-:-:A');
  });

  test('an arm serving the variant is keyed apart from the same variant won by targeting', () => {
    const targeted = run({ segments: ['shop'], context: {}, variants, experiment });
    expect(targeted.servedDocumentId).toBe('v-b');
    expect(cacheKey(targeted, '1', 'en')).not.toBe(keyFor('max'));
  });
});

describe('fail-open', () => {
  const catalog = catalogOf(['shop']);
  const visitor: Visitor = { segments: ['vip'], stage: 'help', ignored: ['ghost'] };
  const good: VariantCandidate = { documentId: 'v-vip', segments: ['vip'], stage: null };

  test.each([
    [
      'segments is not a list',
      { documentId: 'v-bad', segments: 'vip', stage: null },
      'variants[1].segments is not a list',
    ],
    ['segments is missing', { documentId: 'v-bad', stage: null }, 'variants[1].segments is not a list'],
    [
      'documentId is not a string',
      { documentId: 42, segments: [], stage: null },
      'variants[1].documentId is not a string',
    ],
    ['stage is not a stage', { documentId: 'v-bad', segments: [], stage: 'later' }, 'variants[1].stage is not a stage'],
    ['the variant is null', null, 'variants[1] is not an object'],
  ])('a variant whose %s: the base, DEFAULT, error set', (_name, bad, error) => {
    const variants = [good, bad] as unknown as VariantCandidate[];
    expect(decide({ baseDocumentId: 'base', variants, visitor, catalog, enabled: true })).toEqual({
      baseDocumentId: 'base',
      servedDocumentId: 'base',
      isVariant: false,
      reason: 'DEFAULT',
      matchedSegment: null,
      matchedStage: null,
      visitorSegments: ['vip'],
      ignored: ['ghost'],
      error,
      arm: null,
      experiment: null,
    });
  });

  test.each([
    ['variants is null', { variants: null }],
    ['the visitor is null', { visitor: null }],
    ['the visitor has no segments', { visitor: { stage: null, ignored: [] } }],
    ['the catalog is empty', { catalog: {} }],
  ])('%s: the base, DEFAULT, error set, no throw', (_name, override) => {
    const input = { baseDocumentId: 'base', variants: [good], visitor, catalog, enabled: true, ...override };
    const decision = decide(input as unknown as Parameters<typeof decide>[0]);
    expect(decision).toMatchObject({ servedDocumentId: 'base', isVariant: false, reason: 'DEFAULT' });
    expect(typeof decision.error).toBe('string');
  });

  test('a decision without trouble has no error', () => {
    expect(decide({ baseDocumentId: 'base', variants: [good], visitor, catalog, enabled: true }).error).toBeNull();
  });
});

describe('buildSegmentCatalog', () => {
  test('keeps a broken segment, says why, and still knows its slug', () => {
    const catalog = buildSegmentCatalog([
      { slug: 'legacy', priority: 1, rules: { traits: { visits: { $gtee: 1 } } } },
      { slug: 'nobody', priority: 1, rules: null },
    ]);
    expect([...catalog.broken.keys()]).toEqual(['legacy']);
    expect(catalog.broken.get('legacy')).toContain('traits.visits.$gtee: unknown operator "$gtee"');
    expect(catalog.bySlug.has('legacy')).toBe(true);
  });

  test('orders segments by priority then slug, ranks them, and leaves the input as it was', () => {
    const definitions = [
      { slug: 'b', priority: 1, rules: {} },
      { slug: 'a', priority: 1, rules: {} },
      { slug: 'c', priority: 2, rules: {} },
    ];
    const catalog = buildSegmentCatalog(definitions);
    expect(catalog.segments.map((s) => [s.slug, s.rank])).toEqual([
      ['c', 0],
      ['a', 1],
      ['b', 2],
    ]);
    expect(definitions.map((d) => d.slug)).toEqual(['b', 'a', 'c']);
  });

  test('a repeated slug keeps the first in visitor order', () => {
    const catalog = buildSegmentCatalog([
      { slug: 'dup', priority: 1, rules: null },
      { slug: 'dup', priority: 9, rules: {} },
    ]);
    expect(catalog.segments).toHaveLength(1);
    expect(catalog.bySlug.get('dup')?.priority).toBe(9);
  });
});
