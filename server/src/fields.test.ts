import { FIELD_NAMES, assertNoCollision, isOptedIn, targetingAttributes } from './fields';

const schema = (attributes: Record<string, unknown>, pluginOptions: Record<string, unknown> = { personalize: { enabled: true } }) => ({
  uid: 'api::article.article',
  pluginOptions,
  attributes,
});

describe('opting in', () => {
  it.each([
    [{ personalize: { enabled: true } }, true],
    [{ personalize: { enabled: false } }, false],
    [{ personalize: { enabled: 'yes' } }, false],
    [{}, false],
    [undefined, false],
  ])('pluginOptions %j opts in: %s', (pluginOptions, expected) => {
    expect(isOptedIn({ pluginOptions: pluginOptions as any })).toBe(expected);
  });
});

describe('a name collision', () => {
  it.each(FIELD_NAMES)('on "%s" refuses to start, naming the type, the field and the fix', (name) => {
    expect(() => assertNoCollision(schema({ title: { type: 'string' }, [name]: { type: 'string' } }))).toThrow(
      new RegExp(`api::article\\.article .* "${name}".*Fix: rename that attribute in api::article\\.article, or remove pluginOptions\\.personalize`)
    );
  });

  it('is not raised by an app that has its own `tags` or `stage`', () => {
    expect(() => assertNoCollision(schema({ tags: { type: 'string' }, stage: { type: 'string' } }))).not.toThrow();
  });
});

describe('the targeting attributes', () => {
  it('are locked, point at the right types, and follow the locale of a localized type', () => {
    const localized = targetingAttributes(schema({}, { personalize: { enabled: true }, i18n: { localized: true } }));
    expect(localized.variantOf).toMatchObject({ type: 'relation', relation: 'manyToOne', target: 'api::article.article', configurable: false });
    expect(localized.targetSegments).toMatchObject({ relation: 'manyToMany', target: 'plugin::personalize.segment' });
    expect(localized.contentTags).toMatchObject({ relation: 'manyToMany', target: 'plugin::personalize.tag' });
    expect(localized.targetStage).toMatchObject({ type: 'enumeration', enum: ['orient', 'inform', 'help', 'reassure', 'reward'] });
    for (const attribute of Object.values(localized)) expect(attribute.pluginOptions).toEqual({ i18n: { localized: true } });
    const plain = targetingAttributes(schema({}));
    for (const attribute of Object.values(plain)) expect(attribute.pluginOptions).toEqual({});
  });

  it('include the variant flag: a private boolean, false by default, hidden from the Content Manager', () => {
    const { hasVariantOf } = targetingAttributes(schema({}));
    expect(hasVariantOf).toEqual({ type: 'boolean', default: false, private: true, visible: false, configurable: false, pluginOptions: {} });
    expect(FIELD_NAMES).toContain('hasVariantOf');
  });
});
