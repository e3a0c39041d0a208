import fs from 'fs';
import path from 'path';
import { servingTheBase } from '../../plugin/decide';
import { CONTEXT_FIELDS, DEFAULT_STAGE_FOR_STEP, REASONS, STAGES } from './content-api';

/**
 * The README's lists are the contract's: a reason, stage or context field added to the engine
 * and not documented fails here, as one not handled by the server or the admin fails to compile.
 */
const README = fs.readFileSync(path.resolve(__dirname, '../../README.md'), 'utf8');

/** The text of a GraphQL block `<keyword> <name> { ... }` in the README. */
const block = (keyword: string, name: string) => {
  const start = README.indexOf(`${keyword} ${name} {`);
  expect(start).toBeGreaterThan(-1);
  return README.slice(start, README.indexOf('\n}', start));
};
/** Field names of a GraphQL block: `name:` at the start of a line or after two spaces. */
const fieldsOf = (text: string) => [...text.matchAll(/(?:^|\s{2,}|\n\s*)(\w+):/g)].map((m) => m[1]);

describe('the README documents the contract', () => {
  test('every reason, in order, on the decision type', () => {
    const line = block('type', 'PersonalizationDecision')
      .split('\n')
      .find((l) => l.includes('reason:'))!;
    expect(line.split('#')[1].trim().split(/\s+/)).toEqual([...REASONS]);
  });

  test('every field of the decision', () => {
    const decision = { ...servingTheBase('base', 'why'), cacheKey: '' };
    expect(new Set(fieldsOf(block('type', 'PersonalizationDecision')))).toEqual(new Set(Object.keys(decision)));
  });

  test('every context field, on the GraphQL input and in the REST example', () => {
    expect(fieldsOf(block('input', 'PersonalizationContextInput'))).toEqual([...CONTEXT_FIELDS]);
    const rest = README.slice(README.indexOf('GET /api/personalize/content/:pluralName/:documentId?'));
    const example = rest.slice(0, rest.indexOf('\nGET ', 10));
    for (const field of CONTEXT_FIELDS) expect(example).toContain(`${field}=`);
  });

  test('the five stages and the journey-step mapping', () => {
    expect(README).toContain(`(${STAGES.map((s) => `\`${s}\``).join(', ')})`);
    const mapping = Object.entries(DEFAULT_STAGE_FOR_STEP).map(([step, stage]) => `\`${step}\` ->\n?\\s*\`${stage}\``);
    expect(README).toMatch(new RegExp(mapping.join(',\\s*')));
  });
});
