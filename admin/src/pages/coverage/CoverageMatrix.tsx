import { Table, Tbody, Td, Th, Thead, Tr, Typography } from '@strapi/design-system';
import type { CoverageReport } from '../../../../plugin/coverage';
import type { Stage } from '../../../../plugin/stages';
import { useT } from '../../hooks/useT';
import { stageLabels } from '../../utils/labels';
import { formatReach } from '../../utils/reach';
import { CoverageCell } from './CoverageCell';

export interface CellRef {
  /** '' for the any-segment row */
  segment: string;
  name: string;
  stage: Stage;
}

/** Rows are segments (then "Any segment"), columns the five stages. */
export function CoverageMatrix({ report, onOpen }: { report: CoverageReport; onOpen: (cell: CellRef) => void }) {
  const t = useT();
  const labels = stageLabels(t);
  const anyName = t('coverage.anySegment', 'Any segment');
  const rows = [
    ...report.rows.map((row) => ({ ...row, reachText: formatReach(t, row.reach, row.reachSource) })),
    { segment: '', name: anyName, cells: report.anySegment, reachText: '' },
  ];
  return (
    <Table colCount={report.stages.length + 2} rowCount={rows.length + 1}>
      <Thead>
        <Tr>
          <Th>
            <Typography variant="sigma">{t('coverage.segment', 'Segment')}</Typography>
          </Th>
          <Th>
            <Typography variant="sigma">{t('coverage.reach', 'Reach')}</Typography>
          </Th>
          {report.stages.map((stage) => (
            <Th key={stage}>
              <Typography variant="sigma">{labels[stage]}</Typography>
            </Th>
          ))}
        </Tr>
      </Thead>
      <Tbody>
        {rows.map((row) => (
          <Tr key={row.segment || '*'}>
            <Td>
              <Typography fontWeight="bold" textColor={row.segment === '' ? 'neutral600' : 'neutral800'}>
                {row.name}
              </Typography>
            </Td>
            <Td>
              <Typography variant="pi" textColor="neutral600">
                {row.reachText}
              </Typography>
            </Td>
            {report.stages.map((stage) => (
              <Td key={stage}>
                <CoverageCell
                  cell={row.cells[stage]}
                  bases={report.bases}
                  testId={`${row.segment || 'any'}-${stage}`}
                  label={`${row.name} × ${labels[stage]}`}
                  onOpen={() => onOpen({ segment: row.segment, name: row.name, stage })}
                />
              </Td>
            ))}
          </Tr>
        ))}
      </Tbody>
    </Table>
  );
}
