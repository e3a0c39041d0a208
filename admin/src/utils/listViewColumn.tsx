import { contentTypesCache } from '../store';
import { RoleCell } from '../components/RoleCell';
import { getTranslation } from './getTranslation';

interface ListHeader {
  name: string;
  [key: string]: unknown;
}

interface ColumnHookArgs {
  displayedHeaders: ListHeader[];
  /** The list layout; `options` merges the schema's options and pluginOptions. */
  layout: { options?: Record<string, any>; [key: string]: unknown };
}

/** The content type of the list view shown, from the URL (the hook is not told the model). */
const modelInLocation = (): string | undefined => {
  const match = /\/content-manager\/collection-types\/([^/?#]+)/.exec(window.location.pathname);
  return match === null ? undefined : decodeURIComponent(match[1]);
};

const isOptedIn = (layout: ColumnHookArgs['layout']): boolean => {
  if (layout?.options?.personalize?.enabled === true) return true;
  const model = modelInLocation();
  return model !== undefined && (contentTypesCache.get('all')?.value ?? []).some((type) => type.uid === model);
};

/**
 * Admin/CM/pages/ListView/inject-column-in-table: a "Personalization" column telling base
 * entries from variants, on opted-in types only.
 */
export const addRoleColumn = ({ displayedHeaders, layout }: ColumnHookArgs) => {
  // Runs while the list view renders: load after it, not during it.
  setTimeout(() => contentTypesCache.ensure('all'), 0);
  if (!isOptedIn(layout)) return { displayedHeaders, layout };
  return {
    displayedHeaders: [
      ...displayedHeaders,
      {
        attribute: { type: 'string' },
        label: { id: getTranslation('list.column'), defaultMessage: 'Personalization' },
        searchable: false,
        sortable: false,
        name: 'personalize_role',
        cellFormatter: (row: { documentId: string }, _header: unknown, meta: { model: string }) => (
          <RoleCell model={meta.model} documentId={row.documentId} />
        ),
      },
    ],
    layout,
  };
};
