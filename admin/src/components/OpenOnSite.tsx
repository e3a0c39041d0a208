import * as React from 'react';
import { Box, Button, Field, Flex, SingleSelect, SingleSelectOption, Typography } from '@strapi/design-system';
import { ExternalLink } from '@strapi/icons';
import type { OptedInType } from '../../../shared/contracts/admin';
import type { Stage } from '../../../plugin/stages';
import { useOpenOnSite } from '../hooks/useOpenOnSite';
import { useSegmentOptions } from '../hooks/useSegmentOptions';
import { useT } from '../hooks/useT';
import { usePreviewSite } from '../store';
import { parseTraits } from '../utils/json';
import { SegmentPicker } from './SegmentPicker';
import { StageSelect } from './StageSelect';
import { TraitsInput } from './TraitsInput';

interface OpenOnSiteProps {
  type: OptedInType;
  documentId: string;
  locale: string | null;
  role: 'base' | 'variant';
}

/**
 * "Open on the site as...", in the edit view: this very entry (its draft, whoever the visitor), or
 * the page as an audience sees it with the drafts of this entry. Shown when a site is configured.
 */
export function OpenOnSite({ type, documentId, locale, role }: OpenOnSiteProps) {
  const t = useT();
  const site = usePreviewSite();
  const segmentOptions = useSegmentOptions();
  const { open, opening } = useOpenOnSite();
  const [as, setAs] = React.useState<'entry' | 'audience'>('entry');
  const [segments, setSegments] = React.useState<string[]>([]);
  const [stage, setStage] = React.useState<Stage | null>(null);
  const [traitsText, setTraitsText] = React.useState('');
  const traits = parseTraits(traitsText);
  if (!site?.siteUrl) return null;

  // Not a <form>: the panel sits inside the Content Manager's own form.
  const submit = () => {
    if (as === 'entry') return open({ contentType: type.uid, documentId, forceEntry: true, drafts: true, locale });
    if (traits.error !== undefined) return;
    const audience = {
      ...(segments.length > 0 ? { segments } : {}),
      ...(stage !== null ? { stage } : {}),
      ...(traits.traits !== undefined ? { traits: traits.traits } : {}),
    };
    return open({ contentType: type.uid, documentId, audience, drafts: true, locale });
  };

  return (
    <Box borderColor="neutral150" hasRadius padding={3} background="neutral100" data-testid="open-on-site">
      <Flex direction="column" alignItems="stretch" gap={3}>
        <Typography variant="sigma" textColor="neutral600" tag="h3">
          {t('openOnSite.title', 'Open on the site as...')}
        </Typography>
        <Field.Root name="open-on-site-as" hint={t('openOnSite.hint', 'A link for your eyes only: this entry’s draft, to every visitor or to the audience you choose. It expires after a while.')}>
          <Field.Label>{t('openOnSite.as', 'Show')}</Field.Label>
          <SingleSelect value={as} onChange={(value: string | number) => setAs(value === 'audience' ? 'audience' : 'entry')}>
            <SingleSelectOption value="entry">
              {role === 'variant' ? t('openOnSite.thisVariant', 'This variant') : t('openOnSite.thisEntry', 'This entry')}
            </SingleSelectOption>
            <SingleSelectOption value="audience">{t('openOnSite.anAudience', 'An audience')}</SingleSelectOption>
          </SingleSelect>
          <Field.Hint />
        </Field.Root>
        {as === 'audience' ? (
          <>
            <SegmentPicker
              name="open-on-site-segments"
              label={t('preview.segments', 'Segments')}
              value={segments}
              onChange={setSegments}
              options={segmentOptions.unavailable ? undefined : (segmentOptions.options ?? [])}
              disabled={segmentOptions.loading}
            />
            <StageSelect name="open-on-site-stage" label={t('preview.stage', 'Stage')} emptyLabel={t('preview.none', 'None')} value={stage} onChange={setStage} />
            <TraitsInput name="open-on-site-traits" value={traitsText} onChange={setTraitsText} />
          </>
        ) : null}
        <Button type="button" variant="secondary" onClick={submit} startIcon={<ExternalLink />} loading={opening} disabled={as === 'audience' && traits.error !== undefined} fullWidth>
          {t('openOnSite.submit', 'Open on the site')}
        </Button>
      </Flex>
    </Box>
  );
}
