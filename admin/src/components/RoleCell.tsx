import * as React from 'react';
import { Badge, Tooltip, Typography } from '@strapi/design-system';
import { rolesCache, useOptedInType } from '../store';
import { useT } from '../hooks/useT';
import { useCacheEntry } from '../utils/cache';
import { shortId } from '../utils/links';

/**
 * "Base" or "Variant" for one row of a list view. Every cell of the table reads the same
 * cached answer of GET /personalize/roles; a dash until it arrives or for other types.
 */
export function RoleCell({ model, documentId }: { model: string; documentId: string }) {
  const t = useT();
  const type = useOptedInType(model);
  const entry = useCacheEntry(rolesCache, type === undefined ? null : model);
  const roles = entry?.value;
  const known = roles !== undefined && Object.prototype.hasOwnProperty.call(roles, documentId);

  // A row the answer does not know (created since): ask again, at most every 2 seconds.
  React.useEffect(() => {
    if (type !== undefined && roles !== undefined && !known) rolesCache.ensure(model, 2_000);
  }, [type, roles, known, model]);

  if (!known) return <Typography textColor="neutral600">-</Typography>;
  const base = roles[documentId];
  if (base === null) {
    return (
      <Badge data-testid="personalize-role" data-role="base">
        {t('role.base', 'Base')}
      </Badge>
    );
  }
  const label = t('role.variantOf', 'Variant of {documentId}', { documentId: shortId(base) });
  // The Tooltip's trigger needs an element that takes a ref: the span, not the Badge.
  return (
    <Tooltip label={label}>
      <span tabIndex={0} aria-label={label} data-base-document-id={base}>
        <Badge data-testid="personalize-role" data-role="variant" backgroundColor="secondary100" textColor="secondary700">
          {t('role.variant', 'Variant')}
        </Badge>
      </span>
    </Tooltip>
  );
}
