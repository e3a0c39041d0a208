import * as React from 'react';
import { Badge, Box, Flex, Link, Loader, Typography } from '@strapi/design-system';
import { NavLink } from 'react-router-dom';
import type { OptedInType } from '../../../../shared/contracts/admin';
import { useApi, useRequest } from '../../api';
import { useOptedInTypes } from '../../store';
import { useT } from '../../hooks/useT';
import { errorMessage } from '../../utils/errors';
import { editViewPath, shortId } from '../../utils/links';

/** A link to an entry's edit view (the type's default locale); plain text for a single type. */
const entryLink = (type: OptedInType | undefined, uid: string, documentId: string, title: string) => {
  const path = editViewPath(type, uid, documentId, null);
  return path === null ? <Typography>{title}</Typography> : <Link tag={NavLink} to={path}>{title}</Link>;
};

function Section({ title, description, empty, count, children }: {
  title: string;
  description: string;
  empty: string;
  count: number;
  children: React.ReactNode;
}) {
  return (
    <Box background="neutral0" padding={6} hasRadius shadow="tableShadow" tag="section">
      <Flex direction="column" alignItems="stretch" gap={3}>
        <Flex gap={2}>
          <Typography tag="h2" variant="delta">{title}</Typography>
          <Badge backgroundColor={count === 0 ? 'success100' : 'warning100'} textColor={count === 0 ? 'success700' : 'warning700'}>
            {count}
          </Badge>
        </Flex>
        <Typography textColor="neutral600">{description}</Typography>
        {count === 0 ? <Typography textColor="success700">{empty}</Typography> : children}
      </Flex>
    </Box>
  );
}

/** What is set up but cannot work: unused segments, variants that never win, bases never served. */
export function WatchListTab() {
  const t = useT();
  const api = useApi();
  const { types } = useOptedInTypes();
  const { data, error, loading } = useRequest(() => api.watchList(), [api]);
  const typeOf = (uid: string) => types?.find((type) => type.uid === uid);
  const linkTo = (uid: string, documentId: string, title: string) => entryLink(typeOf(uid), uid, documentId, title);

  if (loading && data === undefined) return <Loader>{t('watchList.loading', 'Loading the watch-list…')}</Loader>;
  if (data === undefined) return <Typography textColor="danger600">{error === undefined ? '' : errorMessage(error)}</Typography>;

  return (
    <Flex direction="column" alignItems="stretch" gap={6}>
      <Section
        title={t('watchList.untargeted.title', 'Segments no variant targets')}
        description={t('watchList.untargeted.description', 'Visitors in these segments always get the default content.')}
        empty={t('watchList.untargeted.empty', 'Every segment is targeted by at least one variant.')}
        count={data.untargetedSegments.length}
      >
        <Flex gap={2} wrap="wrap" data-testid="watch-untargeted">
          {data.untargetedSegments.map((segment) => (
            <Badge key={segment.slug} title={segment.slug}>{segment.name}</Badge>
          ))}
        </Flex>
      </Section>
      <Section
        title={t('watchList.shadowed.title', 'Variants that can never win')}
        description={t('watchList.shadowed.description', 'A more specific sibling takes every visitor these variants could serve.')}
        empty={t('watchList.shadowed.empty', 'Every variant can win for some visitor.')}
        count={data.shadowedVariants.length}
      >
        <Flex tag="ul" direction="column" alignItems="stretch" gap={2}>
          {data.shadowedVariants.map((variant) => (
            <Box tag="li" key={`${variant.contentType}-${variant.documentId}`} data-testid="watch-shadowed">
              <Flex gap={2} wrap="wrap">
                {linkTo(variant.contentType, variant.documentId, variant.title)}
                <Typography variant="pi" textColor="neutral600">
                  {typeOf(variant.contentType)?.displayName ?? variant.contentType}
                </Typography>
                <Typography variant="pi">
                  {variant.shadowedBy.length === 0
                    ? t('watchList.shadowed.noTarget', 'targets no known segment')
                    : t('watchList.shadowed.by', 'shadowed by')}
                </Typography>
                {variant.shadowedBy.map((documentId) => (
                  <React.Fragment key={documentId}>{linkTo(variant.contentType, documentId, shortId(documentId))}</React.Fragment>
                ))}
              </Flex>
            </Box>
          ))}
        </Flex>
      </Section>
      <Section
        title={t('watchList.unpublished.title', 'Entries with variants but no published base')}
        description={t('watchList.unpublished.description', 'Variants are served through their base: publish it, or they are never served.')}
        empty={t('watchList.unpublished.empty', 'Every entry with variants is published.')}
        count={data.unpublishedBases.length}
      >
        <Flex tag="ul" direction="column" alignItems="stretch" gap={2}>
          {data.unpublishedBases.map((base) => (
            <Box tag="li" key={`${base.contentType}-${base.documentId}`} data-testid="watch-unpublished">
              <Flex gap={2}>
                {linkTo(base.contentType, base.documentId, base.title)}
                <Typography variant="pi" textColor="neutral600">
                  {t('watchList.unpublished.variants', '{type} · {count, plural, one {# variant} other {# variants}}', {
                    type: typeOf(base.contentType)?.displayName ?? base.contentType,
                    count: base.variants,
                  })}
                </Typography>
              </Flex>
            </Box>
          ))}
        </Flex>
      </Section>
    </Flex>
  );
}
