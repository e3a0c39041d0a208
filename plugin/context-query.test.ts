import fc from 'fast-check';
import qs from 'qs';
import cases from './context-query.cases.json';
import { readContext, type ContextInput, type ContextProblem } from './context';
import { contextFromQuery } from './context-query';
import { contextToQuery } from './context-to-query';
import { JOURNEY_STEPS, STAGES } from './stages';

type FromCase = [name: string, query: Record<string, unknown>, input: Record<string, unknown>, problems: ContextProblem[]];

describe('contextFromQuery cases', () => {
  test.each(cases.fromQuery as FromCase[])('%s', (_name, query, input, problems) => {
    expect(contextFromQuery(query)).toEqual({ input, problems });
  });
});

describe('a context written by the kit is read back by the server as it was', () => {
  const slug = fc.stringMatching(/^[a-z0-9,-]{1,12}$/);
  const context = fc.record(
    {
      segments: fc.uniqueArray(slug, { minLength: 1, maxLength: 5 }),
      interests: fc.uniqueArray(slug, { minLength: 1, maxLength: 5 }),
      traits: fc.dictionary(fc.stringMatching(/^[a-z]{1,8}$/), fc.oneof(fc.integer(), fc.boolean(), fc.string({ maxLength: 10 }))),
      stage: fc.constantFrom(...STAGES),
      journeyStep: fc.constantFrom(...JOURNEY_STEPS),
      visitorId: fc.stringMatching(/^[A-Za-z0-9-]{1,36}$/),
      arms: fc.dictionary(fc.stringMatching(/^[a-z0-9_-]{1,20}@[1-9][0-9]{0,3}$/), fc.string({ minLength: 1, maxLength: 10 }).filter((arm) => arm.trim() !== '')),
    },
    { requiredKeys: [] }
  );

  test('through a URL and qs, as Strapi parses it', () => {
    fc.assert(
      fc.property(context, (input) => {
        const url = new URLSearchParams(contextToQuery(input)).toString();
        const { input: read, problems } = contextFromQuery(qs.parse(url));
        expect(problems).toEqual([]);
        expect(readContext(read)).toEqual(readContext(input));
      })
    );
  });
});
