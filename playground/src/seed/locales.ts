import type { Core } from '@strapi/strapi';
import { FRENCH_LOCALE } from './data';

/** Adds the French locale through the i18n plugin unless it exists. Returns true when added. */
export async function ensureFrenchLocale(strapi: Core.Strapi): Promise<boolean> {
  const locales = strapi.plugin('i18n').service('locales');
  if (await locales.findByCode(FRENCH_LOCALE.code)) return false;
  await locales.create({ code: FRENCH_LOCALE.code, name: FRENCH_LOCALE.name });
  return true;
}
