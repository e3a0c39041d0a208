import { factories } from '@strapi/strapi';

export default factories.createCoreRouter('api::hero-banner.hero-banner');
