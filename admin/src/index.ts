import { PLUGIN_ID } from './pluginId';

const prefixKeys = (messages: Record<string, string>) =>
  Object.fromEntries(Object.entries(messages).map(([key, value]) => [`${PLUGIN_ID}.${key}`, value]));

export default {
  register(app: any) {
    app.registerPlugin({ id: PLUGIN_ID, name: PLUGIN_ID });
  },

  async registerTrads({ locales }: { locales: string[] }) {
    return Promise.all(
      locales.map(async (locale) => {
        try {
          const { default: messages } = await import(`./translations/${locale}.json`);
          return { data: prefixKeys(messages), locale };
        } catch {
          return { data: {}, locale };
        }
      })
    );
  },
};
