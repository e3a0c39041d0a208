import { PLUGIN_ID } from '../pluginId';

/** The full react-intl id of one of the plugin's messages (translations/en.json holds them unprefixed). */
export const getTranslation = (id: string) => `${PLUGIN_ID}.${id}`;
