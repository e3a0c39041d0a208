import contentTypes from './content-types';
import segment from './segment';
import settings from './settings';
import tag from './tag';
import targeting from './targeting';
import variants from './variants';

export default {
  'content-types': contentTypes,
  segment,
  settings,
  tag,
  targeting,
  variants,
};
