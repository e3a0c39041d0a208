import * as React from 'react';
import { Box, Button, Flex, Loader, Typography } from '@strapi/design-system';
import { Plus } from '@strapi/icons';
import { useNotification } from '@strapi/strapi/admin';
import type { EntryAnalytics } from '../../../../../shared/contracts/admin';
import { useApi, useRequest } from '../../../api';
import { usePermissions } from '../../../hooks/usePermissions';
import { useT } from '../../../hooks/useT';
import { errorMessage } from '../../../utils/errors';
import { ExperimentCard } from './ExperimentCard';
import { ExperimentModal } from './ExperimentModal';

interface ExperimentsSectionProps {
  contentType: string;
  documentId: string;
  /** The running experiment, as the report read it (null when none runs). */
  running: EntryAnalytics['experiment'];
  /** An experiment changed: the report is read again. */
  onChanged: () => void;
}

/** The entry's experiments, running or stopped, and the form to start one. */
export function ExperimentsSection({ contentType, documentId, running, onChanged }: ExperimentsSectionProps) {
  const t = useT();
  const api = useApi();
  const { toggleNotification } = useNotification();
  const { manageExperiments } = usePermissions();
  const [creating, setCreating] = React.useState(false);
  const list = useRequest(() => api.experiments(contentType, documentId), [api, contentType, documentId]);
  const entry = useRequest(() => api.variants(contentType, documentId), [api, contentType, documentId]);
  const variants = entry.data?.variants ?? [];
  const titleOf = (id: string) => variants.find((variant) => variant.documentId === id)?.title;
  // The report's running experiment stands in until the list is read (or when it cannot be).
  const experiments = list.data ?? (running !== null ? [running] : []);
  const changed = () => {
    list.reload();
    entry.reload();
    onChanged();
  };

  return (
    <Box background="neutral0" padding={6} hasRadius shadow="tableShadow" tag="section">
      <Flex direction="column" alignItems="stretch" gap={4}>
        <Flex justifyContent="space-between" gap={2} wrap="wrap">
          <Typography tag="h2" variant="delta">{t('experiments.title', 'Experiments')}</Typography>
          {manageExperiments && entry.data?.role !== 'variant' ? (
            <Button startIcon={<Plus />} onClick={() => setCreating(true)} disabled={entry.loading && entry.data === undefined}>
              {t('experiments.create', 'New experiment')}
            </Button>
          ) : null}
        </Flex>
        {list.loading && list.data === undefined ? <Loader small>{t('experiments.loading', 'Loading experiments…')}</Loader> : null}
        {list.error !== undefined ? <Typography textColor="danger600">{errorMessage(list.error)}</Typography> : null}
        {experiments.length === 0 && !list.loading ? (
          <Typography textColor="neutral600">
            {t('experiments.empty', 'No experiment on this entry: visitors get the variant that fits them.')}
          </Typography>
        ) : null}
        {experiments.map((experiment) => (
          <ExperimentCard key={experiment.documentId} experiment={experiment} running={running} titleOf={titleOf} onChanged={changed} />
        ))}
      </Flex>
      {creating ? (
        <ExperimentModal
          contentType={contentType}
          baseDocumentId={documentId}
          variants={variants}
          othersRunning={experiments.some((experiment) => experiment.active)}
          onClose={() => setCreating(false)}
          onCreated={(created) => {
            setCreating(false);
            toggleNotification({ type: 'success', message: t('experiments.created', 'Experiment "{name}" created', { name: created.name }) });
            changed();
          }}
        />
      ) : null}
    </Box>
  );
}
