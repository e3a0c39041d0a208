/**
 * What the bench generates, the same on every run: a seeded random source, a Zipf law for tag
 * popularity, 41 realistic segments (the playground seeds 9 more: 50 in all) and the visitors.
 */
import type { ContextInput } from '../plugin/context';
import type { SegmentDefinitionLike } from '../plugin/segment-catalog';
import { STAGES, type Stage } from '../plugin/stages';

/** mulberry32: small, fast and good enough to shuffle bench data reproducibly. */
export const random = (seed: number) => () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
export type Random = ReturnType<typeof random>;

export const pick = <T>(rnd: Random, list: readonly T[]): T => list[Math.floor(rnd() * list.length)];

export const shuffle = <T>(rnd: Random, list: T[]): T[] => {
  for (let i = list.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [list[i], list[j]] = [list[j], list[i]];
  }
  return list;
};

/** Draws ranks 0..n-1 with P(k) ∝ 1 / (k + 1): a few tags are everywhere, most are rare. */
export const zipf = (n: number, rnd: Random) => {
  const cumulative = new Float64Array(n);
  let sum = 0;
  for (let k = 0; k < n; k++) cumulative[k] = sum += 1 / (k + 1);
  return () => {
    const x = rnd() * sum;
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid] < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
};

/** 1 to 6 distinct tags by popularity: what an editor puts on an entry. */
export const tagsFor = (rnd: Random, draw: () => number, slugs: readonly string[]) => {
  const wanted = 1 + Math.floor(rnd() * 6);
  const chosen = new Set<string>();
  while (chosen.size < wanted) chosen.add(slugs[draw()]);
  return [...chosen];
};

/** A documentId shaped like Strapi's (cuid2: 24 lowercase letters and digits, a letter first). */
export const documentIdFor = (rnd: Random) => {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
  let id = alphabet[Math.floor(rnd() * 26)];
  while (id.length < 24) id += alphabet[Math.floor(rnd() * alphabet.length)];
  return id;
};

export const TOPIC_COUNT = 988; // + the playground's 12 tags = 1,000
export const topicSlug = (i: number) => `topic-${String(i).padStart(4, '0')}`;
const COUNTRIES = ['FR', 'BE', 'CH', 'DE', 'ES', 'IT', 'NL', 'PT', 'GB', 'IE'];
const PLANS = ['bronze', 'silver', 'gold', 'platinum'];

/** Rules the way a marketing team writes them: funnel traits, demographics, places, interests. */
const RULES: Array<(i: number, rnd: Random) => Record<string, unknown>> = [
  (i) => ({ traits: { visits: { $gte: 2 + (i % 8) }, identified: { $ne: true } } }),
  (i) => ({ traits: { identified: true, customer: { $ne: true }, visits: { $between: [1 + (i % 3), 5 + (i % 10)] } } }),
  (i) => ({ traits: { age: { $between: [18 + (i % 5) * 10, 27 + (i % 5) * 10] } } }),
  (i, rnd) => ({ traits: { country: { $in: [pick(rnd, COUNTRIES), pick(rnd, COUNTRIES)] } } }),
  (i) => ({ interests: { $contains: topicSlug(i % 40) } }),
  (i) => ({ $or: [{ interests: { $contains: topicSlug(i % 25) } }, { interests: { $contains: topicSlug(25 + (i % 50)) } }], traits: { identified: true } }),
  (i) => ({ traits: { plan: { $in: PLANS.slice(i % 3) }, customer: true } }),
  () => ({ traits: { device: { $eqi: 'MOBILE' } }, $not: { traits: { customer: true } } }),
  (i, rnd) => ({ traits: { address: { country: pick(rnd, COUNTRIES), city: { $startsWithi: 'pa' } } } }),
  (i) => ({ traits: { email: { $endsWithi: i % 2 ? '@example.com' : '@corp.example' }, visits: { $gt: i % 4 } } }),
];

/** 41 segments, always the same; with the playground's 4 funnel and 5 demo segments, 50. */
export const generatedSegments = (rnd = random(7)): Array<SegmentDefinitionLike & { name: string; kind: string }> =>
  Array.from({ length: 41 }, (_, i) => ({
    name: `Bench segment ${i + 1}`,
    slug: `bench-${String(i + 1).padStart(2, '0')}`,
    kind: i % RULES.length === 4 || i % RULES.length === 5 ? 'interest' : 'custom',
    priority: 1 + Math.floor(rnd() * 100),
    rules: RULES[i % RULES.length](i, rnd),
  }));

/** The visitor of the HTTP figures: a returning, identified prospect comparing offers on a phone. */
export const BENCH_CONTEXT: ContextInput = {
  traits: {
    visits: 4,
    identified: true,
    customer: false,
    age: 34,
    country: 'FR',
    plan: 'gold',
    device: 'mobile',
    email: 'jane@example.com',
    address: { country: 'FR', city: 'Paris' },
  },
  journeyStep: 'comparison',
  interests: ['car-insurance', topicSlug(3), topicSlug(30)],
};

/** Varied visitors for the engine figures, so no branch is predicted for free. */
export const visitorContexts = (rnd: Random, count: number) =>
  Array.from({ length: count }, () => ({
    segments: rnd() < 0.2 ? ['young-drivers'] : [],
    traits: {
      visits: Math.floor(rnd() * 12),
      identified: rnd() < 0.5,
      customer: rnd() < 0.3,
      age: 18 + Math.floor(rnd() * 60),
      country: pick(rnd, COUNTRIES),
      plan: pick(rnd, PLANS),
      device: rnd() < 0.6 ? 'mobile' : 'desktop',
      email: rnd() < 0.5 ? 'a@example.com' : 'b@corp.example',
      address: { country: pick(rnd, COUNTRIES), city: rnd() < 0.3 ? 'Paris' : 'Lyon' },
    },
    interests: [topicSlug(Math.floor(rnd() * 80)), topicSlug(Math.floor(rnd() * 80))],
    stage: rnd() < 0.8 ? pick(rnd, STAGES) : null,
    journeyStep: null,
    visitorId: null,
  }));

/** A variant's targeting: mostly one segment, some two, some none; a stage more often than not. */
export const targetingFor = (rnd: Random, segmentSlugs: readonly string[]) => {
  const draw = rnd();
  const count = draw < 0.15 ? 0 : draw < 0.75 ? 1 : 2;
  const segments = new Set<string>();
  while (segments.size < count) segments.add(pick(rnd, segmentSlugs));
  const stage: Stage | null = rnd() < 0.4 ? null : pick(rnd, STAGES);
  return { segments: [...segments], stage };
};
