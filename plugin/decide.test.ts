import cases from './decide.cases.json';
import { readContext } from './context';
import {
  buildSegmentCatalog,
  cacheKey,
  decide,
  resolveVisitor,
  type Decision,
  type SegmentCatalog,
  type SegmentDefinitionLike,
  type VariantCandidate,
  type Visitor,
} from './decide';
import { FUNNEL_SEGMENTS } from './segments';
import type { JourneyStep, Stage } from './stages';

/** A catalog item is a segment definition or the name of a group: "funnel" or one of the file's. */
interface DecideCaseInput {
  segments: Array<SegmentDefinitionLike | string>;
  context: unknown;
  variants: VariantCandidate[];
  enabled?: boolean;
  stageForStep?: Record<JourneyStep, Stage>;
}
type Expected = Omit<Decision, 'error'> & { error?: string | null };
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
  return decide({ baseDocumentId, variants: input.variants, visitor, catalog, enabled: input.enabled ?? true });
}

describe('decide cases', () => {
  test.each(decideCases)('%s', (_name, input, expected) => {
    expect(run(input)).toEqual({ error: null, ...expected });
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
