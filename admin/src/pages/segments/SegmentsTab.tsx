import * as React from 'react';
import { Button, Dialog, EmptyStateLayout, Flex, IconButton, Loader, Table, Tbody, Td, Th, Thead, Tr, Typography } from '@strapi/design-system';
import { Pencil, Plus, Trash, WarningCircle } from '@strapi/icons';
import { ConfirmDialog, useNotification } from '@strapi/strapi/admin';
import type { SegmentRecord } from '../../../../shared/contracts/admin';
import { useApi, useRequest } from '../../api';
import { useT } from '../../hooks/useT';
import { errorMessage } from '../../utils/errors';
import { kindLabels } from '../../utils/labels';
import { SegmentModal } from './SegmentModal';

/** The segments: who they are, how they rank, how many variants aim at them. */
export function SegmentsTab() {
  const t = useT();
  const api = useApi();
  const { toggleNotification } = useNotification();
  const { data, error, loading, reload } = useRequest(() => api.segments(), [api]);
  // undefined: closed; null: a new segment; else the segment edited.
  const [editing, setEditing] = React.useState<SegmentRecord | null>();
  const [deleting, setDeleting] = React.useState<SegmentRecord>();
  const kinds = kindLabels(t);

  const remove = async () => {
    if (deleting === undefined) return;
    try {
      await api.deleteSegment(deleting.documentId);
      toggleNotification({ type: 'success', message: t('segments.deleted', 'Segment deleted') });
      reload();
    } catch (err) {
      toggleNotification({ type: 'danger', message: errorMessage(err) });
    } finally {
      setDeleting(undefined);
    }
  };

  const create = (
    <Button startIcon={<Plus />} onClick={() => setEditing(null)}>
      {t('segments.create', 'Create segment')}
    </Button>
  );

  return (
    <Flex direction="column" alignItems="stretch" gap={4}>
      <Flex justifyContent="space-between">
        <Typography textColor="neutral600">
          {t('segments.description', 'Audiences that variants target; a visitor joins a segment when the front-end names it or its rule matches.')}
        </Typography>
        {create}
      </Flex>
      {loading && data === undefined ? <Loader>{t('segments.loading', 'Loading segments…')}</Loader> : null}
      {error !== undefined ? <Typography textColor="danger600">{errorMessage(error)}</Typography> : null}
      {data !== undefined && data.length === 0 ? <EmptyStateLayout content={t('segments.empty', 'No segment yet.')} action={create} /> : null}
      {data !== undefined && data.length > 0 ? (
        <Table colCount={7} rowCount={data.length + 1}>
          <Thead>
            <Tr>
              <Th><Typography variant="sigma">{t('segment.name', 'Name')}</Typography></Th>
              <Th><Typography variant="sigma">{t('segment.slug', 'Slug')}</Typography></Th>
              <Th><Typography variant="sigma">{t('segment.kind', 'Kind')}</Typography></Th>
              <Th><Typography variant="sigma">{t('segment.priority', 'Priority')}</Typography></Th>
              <Th><Typography variant="sigma">{t('segment.reach', 'Estimated reach (%)')}</Typography></Th>
              <Th><Typography variant="sigma">{t('segments.variants', 'Variants')}</Typography></Th>
              <Th><Typography variant="sigma">{t('segments.actions', 'Actions')}</Typography></Th>
            </Tr>
          </Thead>
          <Tbody>
            {data.map((segment) => (
              <Tr key={segment.documentId} data-testid="segment-row">
                <Td><Typography fontWeight="bold">{segment.name}</Typography></Td>
                <Td><Typography>{segment.slug}</Typography></Td>
                <Td><Typography>{kinds[segment.kind]}</Typography></Td>
                <Td><Typography>{segment.priority}</Typography></Td>
                <Td><Typography>{segment.estimatedReach ?? '-'}</Typography></Td>
                <Td><Typography>{segment.variantCount}</Typography></Td>
                <Td>
                  <Flex gap={1}>
                    <IconButton label={t('segments.edit', 'Edit {name}', { name: segment.name })} variant="ghost" onClick={() => setEditing(segment)}>
                      <Pencil />
                    </IconButton>
                    <IconButton label={t('segments.delete', 'Delete {name}', { name: segment.name })} variant="ghost" onClick={() => setDeleting(segment)}>
                      <Trash />
                    </IconButton>
                  </Flex>
                </Td>
              </Tr>
            ))}
          </Tbody>
        </Table>
      ) : null}
      {editing !== undefined ? (
        <SegmentModal
          segment={editing ?? undefined}
          onClose={() => setEditing(undefined)}
          onSaved={() => {
            setEditing(undefined);
            toggleNotification({ type: 'success', message: t('segments.saved', 'Segment saved') });
            reload();
          }}
        />
      ) : null}
      <Dialog.Root open={deleting !== undefined} onOpenChange={(open: boolean) => !open && setDeleting(undefined)}>
        <ConfirmDialog onConfirm={remove} variant="danger-light" icon={<WarningCircle fill="danger600" />}>
          {deleting === undefined
            ? ''
            : deleting.variantCount > 0
              ? t('segments.confirmDelete.used', 'Delete "{name}"? {count, plural, one {# variant targets} other {# variants target}} it and will no longer.', { name: deleting.name, count: deleting.variantCount })
              : t('segments.confirmDelete', 'Delete "{name}"?', { name: deleting.name })}
        </ConfirmDialog>
      </Dialog.Root>
    </Flex>
  );
}
