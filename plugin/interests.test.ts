import cases from './interests.cases.json';
import { addInterest, DEFAULT_INTEREST_CONFIG, topInterests, type Behaviour, type InterestConfig, type Interests } from './interests';

type Changes = Partial<Omit<InterestConfig, 'weights'>> & { weights?: Partial<InterestConfig['weights']> };
type AddCase = [name: string, interests: Interests, tags: unknown[], behaviour: Behaviour, now: number, changes: Changes, expected: Interests];
type TopCase = [name: string, interests: Interests, now: number, changes: Changes, expected: string[]];

const configWith = (changes: Changes): InterestConfig => ({
  ...DEFAULT_INTEREST_CONFIG,
  ...changes,
  weights: { ...DEFAULT_INTEREST_CONFIG.weights, ...changes.weights },
});

describe('addInterest cases', () => {
  test.each(cases.addInterest as unknown as AddCase[])('%s', (_name, interests, tags, behaviour, now, changes, expected) => {
    expect(addInterest(interests, tags, behaviour, now, configWith(changes))).toEqual(expected);
  });
});

describe('topInterests cases', () => {
  test.each(cases.topInterests as unknown as TopCase[])('%s', (_name, interests, now, changes, expected) => {
    expect(topInterests(interests, now, configWith(changes))).toEqual(expected);
  });
});

test('the stored scores are left as they were', () => {
  const interests: Interests = { scores: { car: 4 }, at: 0 };
  addInterest(interests, ['car'], 'view', 604800000, DEFAULT_INTEREST_CONFIG);
  expect(interests).toEqual({ scores: { car: 4 }, at: 0 });
});
