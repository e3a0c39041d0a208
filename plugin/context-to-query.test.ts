import cases from './context-to-query.cases.json';
import type { ContextInput } from './context';
import { contextToQuery } from './context-to-query';

type ToCase = [name: string, context: ContextInput, params: Array<[string, string]>];

// Read back by the server: see the round trip in context-query.test.ts.
describe('contextToQuery cases', () => {
  test.each(cases.contextToQuery as unknown as ToCase[])('%s', (_name, context, params) => {
    expect(contextToQuery(context)).toEqual(params);
  });
});
