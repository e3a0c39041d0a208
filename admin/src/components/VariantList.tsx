import { Box, Flex, Link, Status, Typography } from '@strapi/design-system';
import { NavLink } from 'react-router-dom';
import type { OptedInType, VariantSummary } from '../../../shared/contracts/admin';
import { useT } from '../hooks/useT';
import { STATUS_VARIANT, statusLabels } from '../utils/labels';
import { editViewPath } from '../utils/links';
import { TargetingBadges } from './TargetingBadges';

/** A base entry's variants, each with its targeting, state and locale, linking to its edit view. */
export function VariantList({ type, variants }: { type: OptedInType; variants: VariantSummary[] }) {
  const t = useT();
  const statuses = statusLabels(t);
  if (variants.length === 0) {
    return (
      <Typography variant="pi" textColor="neutral600">
        {t('panel.noVariants', 'No variant yet: this entry is served as it is to everyone.')}
      </Typography>
    );
  }
  return (
    <Flex tag="ul" direction="column" alignItems="stretch" gap={2} aria-label={t('panel.variants', 'Variants')}>
      {variants.map((variant) => {
        const path = editViewPath(type, type.uid, variant.documentId, variant.locale);
        return (
          <Box tag="li" key={variant.documentId} padding={2} hasRadius borderColor="neutral200" data-testid="variant-item">
            <Flex direction="column" alignItems="stretch" gap={1}>
              <Flex justifyContent="space-between" gap={2}>
                {path === null ? (
                  <Typography fontWeight="bold" ellipsis>
                    {variant.title}
                  </Typography>
                ) : (
                  <Link tag={NavLink} to={path}>
                    {variant.title}
                  </Link>
                )}
                {type.draftAndPublish ? (
                  <Status variant={STATUS_VARIANT[variant.status]} size="S">
                    <Typography tag="span" variant="omega" fontWeight="bold">
                      {statuses[variant.status]}
                    </Typography>
                  </Status>
                ) : null}
              </Flex>
              <TargetingBadges segments={variant.segments} stage={variant.stage} />
              {variant.locale ? (
                <Typography variant="pi" textColor="neutral600">
                  {t('panel.locale', 'Locale: {locale}', { locale: variant.locale })}
                </Typography>
              ) : null}
            </Flex>
          </Box>
        );
      })}
    </Flex>
  );
}
