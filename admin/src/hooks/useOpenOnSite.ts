import * as React from 'react';
import { useNotification } from '@strapi/strapi/admin';
import type { PreviewTokenRequest } from '../../../shared/contracts/admin';
import { useApi } from '../api';
import { errorMessage } from '../utils/errors';
import { useT } from './useT';

/**
 * "Open on the site as...": mints a preview link and opens it in a new tab. The tab is opened at
 * the click, which popup blockers allow, and sent to the link once it is minted.
 */
export function useOpenOnSite() {
  const t = useT();
  const api = useApi();
  const { toggleNotification } = useNotification();
  const [opening, setOpening] = React.useState(false);

  const open = async (request: PreviewTokenRequest) => {
    const tab = window.open('', '_blank');
    setOpening(true);
    try {
      const { url } = await api.previewToken(request);
      if (url === null) throw new Error(t('openOnSite.noSite', 'No site is set for previews (the plugin config preview.siteUrl).'));
      if (tab === null) {
        window.open(url, '_blank', 'noopener');
      } else {
        // The site must not reach back into the admin.
        tab.opener = null;
        tab.location.href = url;
      }
    } catch (error) {
      tab?.close();
      toggleNotification({ type: 'danger', message: errorMessage(error) });
    } finally {
      setOpening(false);
    }
  };
  return { open, opening };
}
