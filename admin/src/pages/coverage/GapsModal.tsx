import { Badge, Box, Button, Flex, Link, Loader, Modal, Typography } from '@strapi/design-system';
import { NavLink } from 'react-router-dom';
import type { OptedInType } from '../../../../shared/contracts/admin';
import { useApi, useRequest } from '../../api';
import { useT } from '../../hooks/useT';
import { errorMessage } from '../../utils/errors';
import { stageLabels } from '../../utils/labels';
import { editViewPath } from '../../utils/links';
import type { CellRef } from './CoverageMatrix';

interface GapsModalProps {
  type: OptedInType;
  locale: string | null;
  cell: CellRef | null;
  onClose: () => void;
}

/** The base entries lacking a published variant in one cell, each linking to its edit view. */
export function GapsModal({ type, locale, cell, onClose }: GapsModalProps) {
  const t = useT();
  const api = useApi();
  const { data, error, loading } = useRequest(
    cell === null ? null : () => api.gaps(type.uid, cell.segment, cell.stage, locale),
    [api, type.uid, locale, cell?.segment, cell?.stage]
  );
  return (
    <Modal.Root open={cell !== null} onOpenChange={(open: boolean) => !open && onClose()}>
      <Modal.Content>
        <Modal.Header>
          <Modal.Title>
            {cell === null
              ? ''
              : t('gaps.title', 'Missing: {segment} × {stage}', { segment: cell.name, stage: stageLabels(t)[cell.stage] })}
          </Modal.Title>
        </Modal.Header>
        <Modal.Body>
          {loading ? <Loader small>{t('gaps.loading', 'Loading entries…')}</Loader> : null}
          {error !== undefined ? <Typography textColor="danger600">{errorMessage(error)}</Typography> : null}
          {data !== undefined && !loading && data.length === 0 ? (
            <Typography>{t('gaps.none', 'Every entry has a published variant here.')}</Typography>
          ) : null}
          {data !== undefined && !loading && data.length > 0 ? (
            <Flex tag="ul" direction="column" alignItems="stretch" gap={2}>
              {data.map((entry) => {
                const path = editViewPath(type, type.uid, entry.documentId, locale);
                return (
                  <Box tag="li" key={entry.documentId} data-testid="gap-entry">
                    <Flex gap={2} justifyContent="space-between">
                      {path === null ? (
                        <Typography>{entry.title}</Typography>
                      ) : (
                        <Link tag={NavLink} to={path}>
                          {entry.title}
                        </Link>
                      )}
                      {entry.hasDraft ? <Badge>{t('gaps.draftWaiting', 'Draft waiting')}</Badge> : null}
                    </Flex>
                  </Box>
                );
              })}
            </Flex>
          ) : null}
        </Modal.Body>
        <Modal.Footer>
          <Modal.Close>
            <Button variant="tertiary">{t('action.close', 'Close')}</Button>
          </Modal.Close>
        </Modal.Footer>
      </Modal.Content>
    </Modal.Root>
  );
}
