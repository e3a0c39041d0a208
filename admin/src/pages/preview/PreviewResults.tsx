import { Badge, Box, Flex, IconButton, Table, Tbody, Td, Th, Thead, Tr, Typography } from '@strapi/design-system';
import { ExternalLink } from '@strapi/icons';
import type { PreviewResponse } from '../../../../shared/contracts/admin';
import { useT } from '../../hooks/useT';
import { reasonLabels, stageLabels } from '../../utils/labels';

/** What each entry would serve the visitor, and why; the visitor's resolved segments above; each entry's page on the site. */
export function PreviewResults({ result, onOpenOnSite }: { result: PreviewResponse['data']; onOpenOnSite?: (documentId: string) => void }) {
  const t = useT();
  const reasons = reasonLabels(t);
  const stages = stageLabels(t);
  return (
    <Flex direction="column" alignItems="stretch" gap={4}>
      <Box background="neutral0" padding={4} hasRadius shadow="tableShadow">
        <Flex direction="column" alignItems="flex-start" gap={2}>
          <Flex gap={2} wrap="wrap" data-testid="preview-visitor-segments">
            <Typography fontWeight="bold">{t('preview.visitorSegments', 'Visitor segments:')}</Typography>
            {result.visitorSegments.length === 0 ? (
              <Typography textColor="neutral600">{t('preview.noSegment', 'none')}</Typography>
            ) : (
              result.visitorSegments.map((slug) => <Badge key={slug}>{slug}</Badge>)
            )}
          </Flex>
          <Flex gap={2}>
            <Typography fontWeight="bold">{t('preview.visitorStage', 'Stage:')}</Typography>
            <Typography>{result.stage === null ? t('preview.noStage', 'none') : stages[result.stage]}</Typography>
          </Flex>
          {result.ignored.length > 0 ? (
            <Flex gap={2} wrap="wrap" data-testid="preview-ignored">
              <Typography fontWeight="bold" textColor="warning700">
                {t('preview.ignored', 'Ignored:')}
              </Typography>
              {result.ignored.map((note) => (
                <Badge key={note} backgroundColor="warning100" textColor="warning700">
                  {note}
                </Badge>
              ))}
            </Flex>
          ) : null}
        </Flex>
      </Box>
      {result.rows.length === 0 ? (
        <Typography textColor="neutral600">{t('preview.noEntries', 'No entry of this type.')}</Typography>
      ) : (
        <Table colCount={onOpenOnSite ? 6 : 5} rowCount={result.rows.length + 1}>
          <Thead>
            <Tr>
              <Th><Typography variant="sigma">{t('preview.column.entry', 'Entry')}</Typography></Th>
              <Th><Typography variant="sigma">{t('preview.column.served', 'Served')}</Typography></Th>
              <Th><Typography variant="sigma">{t('preview.column.reason', 'Why')}</Typography></Th>
              <Th><Typography variant="sigma">{t('preview.column.segment', 'Matched segment')}</Typography></Th>
              <Th><Typography variant="sigma">{t('preview.column.stage', 'Matched stage')}</Typography></Th>
              {onOpenOnSite ? <Th><Typography variant="sigma">{t('preview.column.site', 'On the site')}</Typography></Th> : null}
            </Tr>
          </Thead>
          <Tbody>
            {result.rows.map(({ documentId, title, servedTitle, decision }) => (
              <Tr key={documentId} data-testid="preview-row" data-reason={decision.reason}>
                <Td><Typography>{title}</Typography></Td>
                <Td>
                  <Typography fontWeight={decision.isVariant ? 'bold' : 'regular'}>{servedTitle}</Typography>
                  {decision.error !== null ? (
                    <Typography tag="div" variant="pi" textColor="danger600">{decision.error}</Typography>
                  ) : null}
                </Td>
                <Td>
                  <Badge
                    backgroundColor={decision.isVariant ? 'success100' : 'neutral150'}
                    textColor={decision.isVariant ? 'success700' : 'neutral700'}
                  >
                    {reasons[decision.reason]}
                  </Badge>
                  {decision.arm ? (
                    <Typography tag="div" variant="pi" textColor="neutral600">
                      {t('preview.arm', 'Arm: {arm}', { arm: decision.arm })}
                    </Typography>
                  ) : null}
                </Td>
                <Td><Typography>{decision.matchedSegment ?? '-'}</Typography></Td>
                <Td><Typography>{decision.matchedStage === null ? '-' : stages[decision.matchedStage]}</Typography></Td>
                {onOpenOnSite ? (
                  <Td>
                    <IconButton label={t('preview.openEntryOnSite', 'Open {title} on the site as this visitor', { title })} variant="ghost" onClick={() => onOpenOnSite(documentId)}>
                      <ExternalLink />
                    </IconButton>
                  </Td>
                ) : null}
              </Tr>
            ))}
          </Tbody>
        </Table>
      )}
    </Flex>
  );
}
