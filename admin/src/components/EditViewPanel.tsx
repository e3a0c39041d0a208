import { useOptedInType } from '../store';
import { useT } from '../hooks/useT';
import { VariantsPanel } from './VariantsPanel';

/** What the Content Manager hands an edit-view side panel (see addEditViewSidePanel). */
interface PanelProps {
  model: string;
  collectionType: string;
  documentId?: string;
  document?: { locale?: string | null; updatedAt?: string | null; [key: string]: unknown };
}

/**
 * The "Personalization" side panel: only on opted-in types, and only once the entry is saved
 * (a new entry has no variants and cannot get one yet).
 */
export const PersonalizationPanel = ({ model, documentId, document }: PanelProps) => {
  const t = useT();
  const type = useOptedInType(model);
  if (type === undefined || !documentId || document === undefined) return null;
  return {
    title: t('panel.title', 'Personalization'),
    content: (
      <VariantsPanel
        type={type}
        documentId={documentId}
        locale={typeof document.locale === 'string' ? document.locale : null}
        version={typeof document.updatedAt === 'string' ? document.updatedAt : null}
      />
    ),
  };
};
