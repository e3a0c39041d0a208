import type { Core } from '@strapi/strapi';
import { stopRetention } from './bootstrap';
import { stopSchedule } from './optimize/schedule';
import { getService } from './utils/get-service';

export default ({ strapi }: { strapi: Core.Strapi }) => {
  stopRetention();
  stopSchedule();
  getService(strapi, 'content-index').stop();
  return getService(strapi, 'coherence').stop();
};
