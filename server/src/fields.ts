import { STAGES } from '../../plugin/stages';

export const PLUGIN_ID = 'personalize';
export const SEGMENT_UID = 'plugin::personalize.segment';
export const TAG_UID = 'plugin::personalize.tag';
export const EXPERIMENT_UID = 'plugin::personalize.experiment';

/**
 * The attributes the plugin adds to every opted-in content type. Named so that they read well in
 * the editor and in GraphQL, and unlikely to clash with an app's own `tags` or `segments`.
 * `hasVariantOf` is `variantOf` denormalized into a column of the entry's own row, so that "base
 * entries only" is a plain column filter rather than a join on the variant link table (which no
 * database can stop at a page of 25 rows). The plugin keeps it; nobody sees it.
 */
export const FIELDS = {
  variantOf: 'variantOf',
  segments: 'targetSegments',
  stage: 'targetStage',
  tags: 'contentTags',
  isVariant: 'hasVariantOf',
} as const;

export const FIELD_NAMES: readonly string[] = Object.values(FIELDS);

interface Schema {
  uid: string;
  pluginOptions?: Record<string, any>;
  attributes: Record<string, any>;
}

export const isOptedIn = (schema: Pick<Schema, 'pluginOptions'> | undefined): boolean =>
  schema?.pluginOptions?.[PLUGIN_ID]?.enabled === true;

const isLocalized = (schema: Schema) => schema.pluginOptions?.i18n?.localized === true;

/** The attributes to inject into `schema`; each locale of a localized type keeps its own targeting. */
export const targetingAttributes = (schema: Schema) => {
  const pluginOptions = isLocalized(schema) ? { i18n: { localized: true } } : {};
  const common = { configurable: false, pluginOptions };
  return {
    [FIELDS.variantOf]: { ...common, type: 'relation', relation: 'manyToOne', target: schema.uid },
    [FIELDS.segments]: { ...common, type: 'relation', relation: 'manyToMany', target: SEGMENT_UID },
    [FIELDS.stage]: { ...common, type: 'enumeration', enum: [...STAGES] },
    [FIELDS.tags]: { ...common, type: 'relation', relation: 'manyToMany', target: TAG_UID },
    // Private: never in the content API (output, filters, GraphQL); hidden from the Content Manager.
    [FIELDS.isVariant]: { ...common, type: 'boolean', default: false, private: true, visible: false },
  };
};

/** Refuse to start rather than silently take over an attribute the app already has. */
export const assertNoCollision = (schema: Schema) => {
  const taken = FIELD_NAMES.filter((name) => name in schema.attributes);
  if (taken.length > 0) {
    throw new Error(
      `[personalize] ${schema.uid} opts in to personalization but already has the attribute(s) ` +
        `${taken.map((n) => `"${n}"`).join(', ')}, which the plugin adds to opted-in types. ` +
        `Fix: rename that attribute in ${schema.uid}, or remove pluginOptions.personalize from its schema.`
    );
  }
};
