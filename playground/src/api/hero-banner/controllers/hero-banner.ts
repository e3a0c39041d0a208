import { factories } from '@strapi/strapi';

export default factories.createCoreController('api::hero-banner.hero-banner');
