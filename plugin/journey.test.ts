import cases from './journey.cases.json';
import { DEFAULT_JOURNEY_RULES, inferJourney, type JourneyFacts, type JourneyMatch, type JourneyRule } from './journey';

type InferCase = [name: string, facts: JourneyFacts, rules: 'default' | unknown, expected: JourneyMatch | null];

describe('inferJourney cases', () => {
  test.each(cases.inferJourney as unknown as InferCase[])('%s', (_name, facts, rules, expected) => {
    const given = (rules === 'default' ? DEFAULT_JOURNEY_RULES : rules) as JourneyRule[];
    expect(inferJourney(facts, given)).toEqual(expected);
  });
});

test('the default rules end with a fallback, so every visitor has a step', () => {
  expect(DEFAULT_JOURNEY_RULES[DEFAULT_JOURNEY_RULES.length - 1].when).toEqual({});
});
