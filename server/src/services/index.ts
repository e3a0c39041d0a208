import alerts from './alerts';
import analytics from './analytics';
import bandits from './bandits';
import changeEvents from './change-events';
import coherence from './coherence';
import contentTypes from './content-types';
import events from './events';
import experiments from './experiments';
import experimentControls from './experiment-controls';
import experimentReport from './experiment-report';
import coverage from './coverage';
import preview from './preview';
import previewLinks from './preview-links';
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
import webhooks from './webhooks';

export default {
  alerts,
  analytics,
  bandits,
  'change-events': changeEvents,
  coherence,
  'content-types': contentTypes,
  events,
  experiments,
  'experiment-controls': experimentControls,
  'experiment-report': experimentReport,
  coverage,
  preview,
  'preview-links': previewLinks,
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
  webhooks,
};
