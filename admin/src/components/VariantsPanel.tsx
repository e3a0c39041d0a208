import { Badge, Box, Flex, Link, Loader, Typography } from '@strapi/design-system';
import { NavLink } from 'react-router-dom';
import type { OptedInType } from '../../../shared/contracts/admin';
import { useApi, useRequest } from '../api';
import { useT } from '../hooks/useT';
import { errorMessage } from '../utils/errors';
import { editViewPath } from '../utils/links';
import { AnalyticsLink } from './AnalyticsLink';
import { CreateVariantForm } from './CreateVariantForm';
import { OpenOnSite } from './OpenOnSite';
import { PauseEntryToggle } from './PauseEntryToggle';
import { TargetingBadges } from './TargetingBadges';
import { VariantList } from './VariantList';

/** The entry's topic tags (edited in the form's "contentTags" field). */
function Tags({ tags }: { tags: string[] }) {
  const t = useT();
  if (tags.length === 0) return null;
  return (
    <Flex gap={1} wrap="wrap">
      <Typography variant="pi" textColor="neutral600">
        {t('panel.tags', 'Tags:')}
      </Typography>
      {tags.map((tag) => (
        <Badge key={tag} variant="neutral">
          {tag}
        </Badge>
      ))}
    </Flex>
  );
}

interface VariantsPanelProps {
  type: OptedInType;
  documentId: string;
  locale: string | null;
  /** The entry's updatedAt: the panel reloads after each save. */
  version: string | null;
}

/**
 * On a base entry: its variants, a form to create one, the pause switch. On a variant: its base
 * and targeting. On both: open it on the site.
 */
export function VariantsPanel({ type, documentId, locale, version }: VariantsPanelProps) {
  const t = useT();
  const api = useApi();
  const { data, error, loading, reload } = useRequest(
    () => api.variants(type.uid, documentId, locale),
    [api, type.uid, documentId, locale, version]
  );

  if (data === undefined) {
    if (loading) return <Loader small>{t('panel.loading', 'Loading variants…')}</Loader>;
    return (
      <Typography variant="pi" textColor="danger600">
        {error === undefined ? '' : errorMessage(error)}
      </Typography>
    );
  }

  if (data.role === 'variant') {
    const base = data.base;
    const basePath = base === null ? null : editViewPath(type, type.uid, base.documentId, locale);
    return (
      <Flex direction="column" alignItems="stretch" gap={3} width="100%">
        <Typography variant="omega">
          {t('panel.variantOf', 'Variant of')}{' '}
          {base === null ? null : basePath === null ? (
            <Typography fontWeight="bold">{base.title}</Typography>
          ) : (
            <Link tag={NavLink} to={basePath}>
              {base.title}
            </Link>
          )}
        </Typography>
        <Box>
          <Typography variant="sigma" textColor="neutral600">
            {t('panel.targeting', 'Targeting')}
          </Typography>
          <TargetingBadges segments={data.targeting.segments} stage={data.targeting.stage} />
        </Box>
        <Tags tags={data.targeting.tags} />
        <OpenOnSite type={type} documentId={documentId} locale={locale} role="variant" />
      </Flex>
    );
  }

  return (
    <Flex direction="column" alignItems="stretch" gap={4} width="100%">
      <Tags tags={data.targeting.tags} />
      <VariantList type={type} variants={data.variants} />
      <CreateVariantForm type={type} baseDocumentId={documentId} locale={locale} onCreated={reload} />
      <OpenOnSite type={type} documentId={documentId} locale={locale} role="base" />
      <PauseEntryToggle documentId={documentId} paused={data.paused} onChanged={reload} />
      <AnalyticsLink contentType={type.uid} documentId={documentId} />
    </Flex>
  );
}
