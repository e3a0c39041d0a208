import alerts from './alerts';
import analytics from './analytics';
import bandits from './bandits';
import contentTypes from './content-types';
import events from './events';
import experiments from './experiments';
import experimentControls from './experiment-controls';
import experimentReport from './experiment-report';
import coverage from './coverage';
import preview from './preview';
import segmentEditor from './segment-editor';
import variantEditor from './variant-editor';
import delivery from './delivery';
import related from './related';
import segment from './segment';
import segmentCatalog from './segment-catalog';
import settings from './settings';
import tag from './tag';
import targeting from './targeting';
import contentIndex from './content-index';
import variants from './variants';

export default {
  alerts,
  analytics,
  bandits,
  'content-types': contentTypes,
  events,
  experiments,
  'experiment-controls': experimentControls,
  'experiment-report': experimentReport,
  coverage,
  preview,
  'segment-editor': segmentEditor,
  'variant-editor': variantEditor,
  delivery,
  related,
  segment,
  'segment-catalog': segmentCatalog,
  settings,
  tag,
  targeting,
  'content-index': contentIndex,
  variants,
};
