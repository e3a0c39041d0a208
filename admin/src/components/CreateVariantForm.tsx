import * as React from 'react';
import { Box, Button, Flex, Typography } from '@strapi/design-system';
import { Plus } from '@strapi/icons';
import { useNotification } from '@strapi/strapi/admin';
import { useNavigate } from 'react-router-dom';
import type { OptedInType } from '../../../shared/contracts/admin';
import type { Stage } from '../../../plugin/stages';
import { useApi } from '../api';
import { rolesCache } from '../store';
import { useSegmentOptions } from '../hooks/useSegmentOptions';
import { useT } from '../hooks/useT';
import { errorMessage } from '../utils/errors';
import { editViewPath } from '../utils/links';
import { SegmentPicker } from './SegmentPicker';
import { StageSelect } from './StageSelect';

interface CreateVariantFormProps {
  type: OptedInType;
  baseDocumentId: string;
  locale: string | null;
  onCreated: () => void;
}

/** A draft copy of the base for a segment set and a stage, then opened in its edit view. */
export function CreateVariantForm({ type, baseDocumentId, locale, onCreated }: CreateVariantFormProps) {
  const t = useT();
  const api = useApi();
  const navigate = useNavigate();
  const { toggleNotification } = useNotification();
  const segmentOptions = useSegmentOptions();
  const [segments, setSegments] = React.useState<string[]>([]);
  const [stage, setStage] = React.useState<Stage | null>(null);
  const [submitting, setSubmitting] = React.useState(false);
  const untargeted = segments.length === 0 && stage === null;

  // Not a <form>: the panel sits inside the Content Manager's own form, and nested forms submit the outer one.
  const submit = async () => {
    if (untargeted || submitting) return;
    setSubmitting(true);
    try {
      const created = await api.createVariant({
        contentType: type.uid,
        baseDocumentId,
        ...(locale ? { locale } : {}),
        segments,
        stage,
      });
      rolesCache.invalidate(type.uid);
      toggleNotification({ type: 'success', message: t('createVariant.success', 'Variant created as a draft') });
      setSegments([]);
      setStage(null);
      const path = editViewPath(type, type.uid, created.documentId, created.locale);
      if (path === null) onCreated();
      else navigate(path);
    } catch (error) {
      toggleNotification({ type: 'danger', message: errorMessage(error) });
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <Box borderColor="neutral150" hasRadius padding={3} background="neutral100">
      <Flex direction="column" alignItems="stretch" gap={3}>
        <Typography variant="sigma" textColor="neutral600" tag="h3">
          {t('createVariant.title', 'New variant')}
        </Typography>
        {segmentOptions.unavailable ? (
          <Typography variant="pi" textColor="neutral600">
            {t(
              'createVariant.segmentsUnavailable',
              'Your role may not list segments: you can target a stage here, or ask an administrator for access to segments.'
            )}
          </Typography>
        ) : (
          <SegmentPicker
            name="variant-segments"
            label={t('createVariant.segments', 'Segments')}
            value={segments}
            onChange={setSegments}
            options={segmentOptions.options ?? []}
            disabled={segmentOptions.loading}
          />
        )}
        <StageSelect name="variant-stage" label={t('createVariant.stage', 'Stage')} value={stage} onChange={setStage} />
        {untargeted ? (
          <Typography variant="pi" textColor="neutral600">
            {t('createVariant.untargeted', 'Choose segments, a stage, or both.')}
          </Typography>
        ) : null}
        <Button type="button" onClick={submit} startIcon={<Plus />} loading={submitting} disabled={untargeted} fullWidth>
          {t('createVariant.submit', 'Create variant')}
        </Button>
      </Flex>
    </Box>
  );
}
