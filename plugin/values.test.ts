import cases from './values.cases.json';
import { describe as describeValue, isPlainObject } from './values';

describe('describe cases', () => {
  test.each(cases.describe as Array<[string, unknown, string]>)('%s', (_name, value, expected) => {
    expect(describeValue(value)).toBe(expected);
  });
  test('undefined', () => expect(describeValue(undefined)).toBe('undefined'));
});

describe('isPlainObject cases', () => {
  test.each(cases.isPlainObject as Array<[string, unknown, boolean]>)('%s', (_name, value, expected) => {
    expect(isPlainObject(value)).toBe(expected);
  });
  test('objects without a prototype (GraphQL inputs) are plain; class instances are not', () => {
    expect(isPlainObject(Object.create(null))).toBe(true);
    expect(isPlainObject(new Date())).toBe(false);
  });
});
