import { Magic } from '@strapi/icons';
import { PERMISSIONS } from '../../shared/contracts/admin';
import { PersonalizationPanel } from './components/EditViewPanel';
import { PLUGIN_ID } from './pluginId';
import { getTranslation } from './utils/getTranslation';
import { addRoleColumn } from './utils/listViewColumn';

const prefixKeys = (messages: Record<string, string>) =>
  Object.fromEntries(Object.entries(messages).map(([key, value]) => [`${PLUGIN_ID}.${key}`, value]));

export default {
  register(app: any) {
    app.registerPlugin({ id: PLUGIN_ID, name: PLUGIN_ID });

    app.addMenuLink({
      to: `plugins/${PLUGIN_ID}`,
      icon: Magic,
      intlLabel: { id: getTranslation('menu.label'), defaultMessage: 'Personalization' },
      // Shown with any of them: the page opens on the tabs the role allows.
      permissions: [
        { action: PERMISSIONS.readCoverage, subject: null },
        { action: PERMISSIONS.readAnalytics, subject: null },
      ],
      Component: () => import('./pages/PersonalizationPage').then((mod) => ({ default: mod.PersonalizationPage })),
    });
  },

  bootstrap(app: any) {
    // The Content Manager's extension points exist once every plugin has registered.
    const contentManager = app.getPlugin('content-manager');
    if (typeof contentManager?.apis?.addEditViewSidePanel === 'function') {
      contentManager.apis.addEditViewSidePanel([PersonalizationPanel]);
    }
    app.registerHook('Admin/CM/pages/ListView/inject-column-in-table', addRoleColumn);
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
