import * as React from 'react';
import { Box, Flex, Typography } from '@strapi/design-system';
import type { PreviewRequest, PreviewResponse, PreviewTokenRequest } from '../../../../shared/contracts/admin';
import type { PublicationStatus } from '../../../../shared/contracts/content-api';
import { useApi } from '../../api';
import { TypeLocalePicker, useTypeAndLocale } from '../../components/TypeLocalePicker';
import { useOpenOnSite } from '../../hooks/useOpenOnSite';
import { useT } from '../../hooks/useT';
import { usePreviewSite } from '../../store';
import { errorMessage } from '../../utils/errors';
import { PreviewForm } from './PreviewForm';
import { PreviewResults } from './PreviewResults';

/**
 * "Preview as": the engine's very decisions for a visitor the content lead describes, and the
 * site itself as that visitor sees it (the type's drafts too when asked), home or an entry's page.
 */
export function PreviewTab() {
  const t = useT();
  const api = useApi();
  const picked = useTypeAndLocale();
  const [result, setResult] = React.useState<PreviewResponse['data']>();
  const [error, setError] = React.useState<string>();
  const [submitting, setSubmitting] = React.useState(false);
  // The visitor of the answer shown: its rows open the site as that visitor.
  const [shown, setShown] = React.useState<{ context: PreviewRequest['context']; status: PublicationStatus }>();
  const site = usePreviewSite();
  const { open } = useOpenOnSite();
  // Another type or locale: the previous answer no longer applies.
  React.useEffect(() => setResult(undefined), [picked.type?.uid, picked.locale]);

  const openOnSite = (context: PreviewRequest['context'], status: PublicationStatus, documentId?: string) => {
    if (picked.type === undefined) return;
    const request: PreviewTokenRequest = { contentType: picked.type.uid, audience: context, drafts: status === 'draft', locale: picked.locale ?? null };
    return open(documentId === undefined ? request : { ...request, documentId });
  };

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
      setShown({ context, status });
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
          <PreviewForm onSubmit={run} onOpenOnSite={site?.siteUrl ? openOnSite : undefined} submitting={submitting} disabled={picked.type === undefined} />
        </Flex>
      </Box>
      {error !== undefined ? <Typography textColor="danger600">{error}</Typography> : null}
      {result !== undefined ? (
        <PreviewResults result={result} onOpenOnSite={site?.siteUrl && shown ? (documentId) => openOnSite(shown.context, shown.status, documentId) : undefined} />
      ) : null}
    </Flex>
  );
}
