import { factories } from '@strapi/strapi';
import { SEGMENT_UID, TAG_UID } from '../fields';
import admin from './admin';
import analytics from './analytics';
import events from './events';
import optimize from './optimize';
import personalized from './personalized';
import previewLinks from './preview-links';
import related from './related';
import settings from './settings';
import targeting from './targeting';
import webhooks from './webhooks';

export default {
  segment: factories.createCoreController(SEGMENT_UID),
  tag: factories.createCoreController(TAG_UID),
  admin,
  analytics,
  events,
  optimize,
  personalized,
  'preview-links': previewLinks,
  related,
  settings,
  targeting,
  webhooks,
};
