import { flagVariant } from './variant-flag';

/** Every shape of `variantOf` Strapi accepts on a write, and what the row's `hasVariantOf` becomes. */
describe('the variant flag of a write', () => {
  it.each([
    ['a documentId', 'base0000000000000000000001', true],
    ['an id', 12, true],
    ['{ documentId }', { documentId: 'base0000000000000000000001' }, true],
    ['{ connect: [documentId] }', { connect: ['base0000000000000000000001'] }, true],
    ["the admin's { connect: [{ id, documentId }], disconnect: [] }", { connect: [{ id: 3, documentId: 'base0000000000000000000001' }], disconnect: [] }, true],
    ['{ set: [{ documentId }] }', { set: [{ documentId: 'base0000000000000000000001' }] }, true],
    ['{ connect, disconnect } moving to another base', { connect: ['b2'], disconnect: ['b1'] }, true],
    ['null', null, false],
    ['an empty string', '', false],
    ['{ set: [] }', { set: [] }, false],
    ['{ disconnect: [documentId] }', { disconnect: ['base0000000000000000000001'] }, false],
    ["the admin's { disconnect: [{ id }], connect: [] }", { connect: [], disconnect: [{ id: 3 }] }, false],
    ['an empty list', [], false],
  ])('%s: %s', (_shape, variantOf, expected) => {
    for (const action of ['create', 'update', 'clone']) {
      const data: Record<string, unknown> = { title: 'x', variantOf };
      flagVariant(action, data);
      expect(data.hasVariantOf).toBe(expected);
    }
  });

  it('is false on a create that names no base', () => {
    const data: Record<string, unknown> = { title: 'x' };
    flagVariant('create', data);
    expect(data.hasVariantOf).toBe(false);
  });

  it('is left as stored by an update or a clone that leaves variantOf alone', () => {
    for (const variantOf of [undefined, { connect: [], disconnect: [] }]) {
      for (const action of ['update', 'clone']) {
        const data: Record<string, unknown> = { title: 'x', ...(variantOf ? { variantOf } : {}) };
        flagVariant(action, data);
        expect('hasVariantOf' in data).toBe(false);
      }
    }
  });

  it("never takes the caller's own value", () => {
    const forced: Record<string, unknown> = { title: 'x', hasVariantOf: true };
    flagVariant('create', forced);
    expect(forced.hasVariantOf).toBe(false);
    const kept: Record<string, unknown> = { hasVariantOf: false };
    flagVariant('update', kept);
    expect('hasVariantOf' in kept).toBe(false);
    const hidden: Record<string, unknown> = { hasVariantOf: false, variantOf: 'base0000000000000000000001' };
    flagVariant('update', hidden);
    expect(hidden.hasVariantOf).toBe(true);
  });

  it('refuses a shape it cannot read, naming variantOf', () => {
    expect(() => flagVariant('clone', { variantOf: { nonsense: true } })).toThrow(/^variantOf: /);
  });

  it('lets a write without data through', () => {
    expect(() => flagVariant('update', undefined)).not.toThrow();
  });
});
