import { factories } from '@strapi/strapi';
import { TAG_UID } from '../fields';

export default factories.createCoreService(TAG_UID);
