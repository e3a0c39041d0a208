import contentTypes from './content-types';
import personalize from './personalize';
import segment from './segment';
import segmentCatalog from './segment-catalog';
import settings from './settings';
import tag from './tag';
import targeting from './targeting';
import variantIndex from './variant-index';
import variants from './variants';

export default {
  'content-types': contentTypes,
  personalize,
  segment,
  'segment-catalog': segmentCatalog,
  settings,
  tag,
  targeting,
  'variant-index': variantIndex,
  variants,
};
