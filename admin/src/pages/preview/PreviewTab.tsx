import * as React from 'react';
import { Box, Flex, Typography } from '@strapi/design-system';
import type { PreviewRequest, PreviewResponse } from '../../../../shared/contracts/admin';
import type { PublicationStatus } from '../../../../shared/contracts/content-api';
import { useApi } from '../../api';
import { TypeLocalePicker, useTypeAndLocale } from '../../components/TypeLocalePicker';
import { useT } from '../../hooks/useT';
import { errorMessage } from '../../utils/errors';
import { PreviewForm } from './PreviewForm';
import { PreviewResults } from './PreviewResults';

/** "Preview as": the engine's very decisions for a visitor the content lead describes. */
export function PreviewTab() {
  const t = useT();
  const api = useApi();
  const picked = useTypeAndLocale();
  const [result, setResult] = React.useState<PreviewResponse['data']>();
  const [error, setError] = React.useState<string>();
  const [submitting, setSubmitting] = React.useState(false);
  // Another type or locale: the previous answer no longer applies.
  React.useEffect(() => setResult(undefined), [picked.type?.uid, picked.locale]);

  const run = async (context: PreviewRequest['context'], status: PublicationStatus) => {
    if (picked.type === undefined) return;
    setSubmitting(true);
    setError(undefined);
    try {
      setResult(
        await api.preview({
          contentType: picked.type.uid,
          context,
          status,
          ...(picked.locale ? { locale: picked.locale } : {}),
        })
      );
    } catch (err) {
      setResult(undefined);
      setError(errorMessage(err));
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <Flex direction="column" alignItems="stretch" gap={6}>
      <Box background="neutral0" padding={6} hasRadius shadow="tableShadow">
        <Flex direction="column" alignItems="stretch" gap={4}>
          <TypeLocalePicker state={picked} />
          <PreviewForm onSubmit={run} submitting={submitting} disabled={picked.type === undefined} />
        </Flex>
      </Box>
      {error !== undefined ? <Typography textColor="danger600">{error}</Typography> : null}
      {result !== undefined ? <PreviewResults result={result} /> : null}
    </Flex>
  );
}
