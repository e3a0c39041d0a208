import cases from './experiment.cases.json';
import {
  assignArm,
  bucketOf,
  HOLDOUT_ARM,
  validateExperiment,
  type Assignment,
  type Experiment,
  type ExperimentProblem,
} from './experiment';

type BucketCase = [visitorId: string, key: string, version: number, bucket: number];
/** The experiment's fields, the visitor id and the arm kept from before, side by side, as an editor and a request give them. */
type AssignCase = [name: string, input: Experiment & { visitorId?: string | null; kept?: string }, expected: Assignment | null];
type ValidateCase = [
  name: string,
  input: unknown,
  expected: { experiment: Experiment; problems?: undefined } | { problems: ExperimentProblem[]; experiment?: undefined },
];

const bucketCases = cases.bucketOf as unknown as BucketCase[];
const assignCases = cases.assignArm as unknown as AssignCase[];
const validateCases = cases.validateExperiment as unknown as ValidateCase[];

describe('bucketOf cases', () => {
  // Pinned: a change of hash, seed or separator would move every running experiment's visitors.
  test.each(bucketCases)('%s in %s version %s', (visitorId, key, version, bucket) => {
    expect(bucketOf(visitorId, key, version)).toBe(bucket);
  });
});

describe('assignArm cases', () => {
  test.each(assignCases)('%s', (_name, { visitorId, kept, ...experiment }, expected) => {
    expect(assignArm(experiment, visitorId, kept)).toEqual(expected);
  });
});

describe('validateExperiment cases', () => {
  test.each(validateCases)('%s', (_name, input, expected) => {
    const result = validateExperiment(input);
    if (expected.experiment) {
      expect(result).toEqual({ experiment: expected.experiment, problems: [] });
    } else {
      expect(result).toEqual({ experiment: null, problems: expected.problems });
    }
  });

  test.each([
    ['weight', { weight: Number.NaN }, 'arms[1].weight'],
    ['weight', { weight: Number.POSITIVE_INFINITY }, 'arms[1].weight'],
    ['holdout', { holdout: Number.NaN }, 'holdout'],
    ['version', { version: Number.POSITIVE_INFINITY }, 'version'],
  ])('a %s that JSON cannot carry (%p) is refused', (_what, change, field) => {
    const { weight, ...top } = change as { weight?: number };
    const arms = [
      { name: 'A', documentId: null, weight: 1 },
      { name: 'B', documentId: 'v-b', weight: weight ?? 1 },
    ];
    const { experiment, problems } = validateExperiment({ key: 'k', version: 1, arms, holdout: 0, ...top });
    expect(experiment).toBeNull();
    expect(problems.map((p) => p.field)).toEqual([field]);
  });

  test('the experiment returned is a copy: editing the input later changes nothing', () => {
    const input = { key: 'k', version: 1, arms: [{ name: 'A', documentId: null, weight: 1 }], holdout: 0.1 };
    const { experiment } = validateExperiment(input);
    input.arms[0].weight = 5;
    expect(experiment?.arms[0].weight).toBe(1);
  });

  test('every valid experiment of the cases assigns visitors, and only to its arms or the hold-out', () => {
    for (const [, input, expected] of validateCases) {
      if (!expected.experiment) continue;
      const experiment = validateExperiment(input).experiment as Experiment;
      const names = new Set([...experiment.arms.map((a) => a.name), HOLDOUT_ARM]);
      for (let i = 0; i < 100; i++) {
        const assignment = assignArm(experiment, `visitor-${i}`);
        expect(assignment).not.toBeNull();
        expect(names.has((assignment as Assignment).arm)).toBe(true);
      }
    }
  });

  test('assignArm refuses what validateExperiment refuses, but one arm alone (a pin of all the traffic)', () => {
    for (const [, input, expected] of validateCases) {
      if (expected.experiment) continue;
      if (expected.problems.every((problem) => problem.message.startsWith('at least 2 arms'))) {
        expect(assignArm(input as Experiment, 'visitor-1')?.arm).toBe((input as Experiment).arms[0].name);
        continue;
      }
      expect(assignArm(input as Experiment, 'visitor-1')).toBeNull();
    }
  });
});

describe('on a million visitors', () => {
  const VISITORS = 1_000_000;
  const arms = [
    { name: 'A', documentId: null, weight: 50 },
    { name: 'B', documentId: 'v-b', weight: 30 },
    { name: 'C', documentId: 'v-c', weight: 20 },
  ];
  const v1: Experiment = { key: 'hero-test', version: 1, arms, holdout: 0.1 };
  const v2: Experiment = { ...v1, version: 2 };
  // The hold-out takes 10%; the arms share the other 90% by weight.
  const expectedShares: Record<string, number> = { [HOLDOUT_ARM]: 0.1, A: 0.45, B: 0.27, C: 0.18 };

  const counts: Record<string, number> = {};
  let moved = 0;
  let lowest = 1;
  let highest = 0;
  beforeAll(() => {
    for (let i = 0; i < VISITORS; i++) {
      const id = `visitor-${i}`;
      const first = assignArm(v1, id) as Assignment;
      const second = assignArm(v2, id) as Assignment;
      counts[first.arm] = (counts[first.arm] ?? 0) + 1;
      if (first.arm !== second.arm) moved++;
      const bucket = bucketOf(id, v1.key, v1.version);
      if (bucket < lowest) lowest = bucket;
      if (bucket > highest) highest = bucket;
    }
  });

  test('buckets fill [0, 1)', () => {
    expect(lowest).toBeGreaterThanOrEqual(0);
    expect(lowest).toBeLessThan(0.0001);
    expect(highest).toBeLessThan(1);
    expect(highest).toBeGreaterThan(0.9999);
  });

  test('50/30/20 with a 10% hold-out: each share within 0.5 percentage points', () => {
    expect(Object.keys(counts).sort()).toEqual(Object.keys(expectedShares).sort());
    for (const [arm, share] of Object.entries(expectedShares)) {
      expect(Math.abs(counts[arm] / VISITORS - share)).toBeLessThan(0.005);
    }
  });

  test('a new version re-randomizes: visitors stay in their arm only by chance', () => {
    // Two independent draws agree with probability Σ share²; the rest move.
    const stay = Object.values(expectedShares).reduce((sum, share) => sum + share * share, 0);
    expect(Math.abs(moved / VISITORS - (1 - stay))).toBeLessThan(0.005);
  });
});
