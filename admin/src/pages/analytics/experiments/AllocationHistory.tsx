import * as React from 'react';
import { Badge, Box, Flex, Table, Tbody, Td, Th, Thead, Tr, Typography } from '@strapi/design-system';
import type { AllocationVersion } from '../../../../../shared/contracts/admin';
import { useFormat } from '../../../hooks/useFormat';
import { useT } from '../../../hooks/useT';
import { allocationCauseLabels, allocationModeLabels } from '../../../utils/labels';

const WIDTH = 720;
const HEIGHT = 140;
const LEGEND = 18;
/** One colour per arm, in the arms' order (at most 10 arms). */
const COLOURS = ['#4945ff', '#ee5e52', '#328048', '#d9822f', '#0c75af', '#9736e8', '#8e8ea9', '#b72b1a', '#5cb176', '#32324d'];
/** The history lists the latest versions; the chart shows them all. */
const ROWS = 12;

/**
 * How a bandit's traffic moved and why: each arm's weight over its versions (a step chart, one
 * colour per arm), then the latest versions with what caused them and, per arm, the weight, the
 * probability to be best and whether the minimum share held it up.
 */
export function AllocationHistory({ allocations }: { allocations: AllocationVersion[] }) {
  const t = useT();
  const format = useFormat();
  const causes = allocationCauseLabels(t);
  const modes = allocationModeLabels(t);
  const arms = React.useMemo(() => [...new Set(allocations.flatMap((version) => version.arms.map((arm) => arm.name)))], [allocations]);
  if (allocations.length === 0) {
    return (
      <Typography textColor="neutral600" data-testid="allocation-history">
        {t('bandit.noAllocation', 'No allocation in this range yet: the editor\'s weights serve until the first impressions are counted.')}
      </Typography>
    );
  }
  const step = WIDTH / allocations.length;
  const weightOf = (version: AllocationVersion, arm: string) => version.arms.find((a) => a.name === arm)?.weight ?? 0;
  const path = (arm: string) =>
    allocations
      .map((version, i) => {
        const y = LEGEND + (1 - weightOf(version, arm)) * HEIGHT;
        return `${i === 0 ? 'M' : 'L'}${i * step},${y} L${(i + 1) * step},${y}`;
      })
      .join(' ');
  const latest = [...allocations].reverse().slice(0, ROWS);

  return (
    <Flex direction="column" alignItems="stretch" gap={3} data-testid="allocation-history">
      <Typography variant="sigma" textColor="neutral600" tag="h4">{t('bandit.history', 'How traffic moved')}</Typography>
      <Box background="neutral0" padding={2} hasRadius borderColor="neutral150">
        <svg
          role="img"
          aria-label={t('bandit.chart.label', 'Weight of each arm over {count} allocations, from {from} to {to}', {
            count: allocations.length,
            from: allocations[0].at.slice(0, 16).replace('T', ' '),
            to: allocations[allocations.length - 1].at.slice(0, 16).replace('T', ' '),
          })}
          data-testid="allocation-chart"
          viewBox={`0 0 ${WIDTH} ${LEGEND + HEIGHT + 4}`}
          width="100%"
          style={{ display: 'block', maxHeight: 200, overflow: 'visible' }}
        >
          {arms.map((arm, i) => (
            <g key={arm}>
              <rect x={i * 110} y={2} width={10} height={10} fill={COLOURS[i % COLOURS.length]} />
              <text x={i * 110 + 14} y={11} fontSize={11} fill="currentColor">{arm}</text>
              <path d={path(arm)} fill="none" stroke={COLOURS[i % COLOURS.length]} strokeWidth={2} />
            </g>
          ))}
          <line x1={0} x2={WIDTH} y1={LEGEND + HEIGHT} y2={LEGEND + HEIGHT} stroke="currentColor" strokeOpacity={0.3} />
        </svg>
      </Box>
      <Table colCount={3 + arms.length} rowCount={latest.length + 1}>
        <Thead>
          <Tr>
            <Th><Typography variant="sigma">{t('bandit.when', 'When')}</Typography></Th>
            <Th><Typography variant="sigma">{t('bandit.why', 'Why')}</Typography></Th>
            <Th><Typography variant="sigma">{t('bandit.mode', 'Mode')}</Typography></Th>
            {arms.map((arm) => (
              <Th key={arm}><Typography variant="sigma">{arm}</Typography></Th>
            ))}
          </Tr>
        </Thead>
        <Tbody>
          {latest.map((version) => (
            <Tr key={version.sequence} data-testid="allocation-row">
              <Td><Typography>{new Date(version.at).toLocaleString()}</Typography></Td>
              <Td>
                <Typography>{version.by ? t('bandit.causeBy', '{cause} ({by})', { cause: causes[version.cause], by: version.by }) : causes[version.cause]}</Typography>
              </Td>
              <Td>
                <Flex gap={1}>
                  <Typography>{modes[version.mode]}</Typography>
                  {version.winner ? <Badge backgroundColor="success100" textColor="success700">{t('bandit.winner', 'Winner: {arm}', { arm: version.winner })}</Badge> : null}
                </Flex>
              </Td>
              {arms.map((name) => {
                const arm = version.arms.find((a) => a.name === name);
                return (
                  <Td key={name}>
                    {arm ? (
                      <Typography title={t('bandit.armDetail', '{successes} of {trials}; posterior mean {mean}', { successes: arm.successes, trials: arm.trials, mean: format.percent(arm.posteriorMean) })}>
                        {t('bandit.armCell', '{previous} → {weight} (best {best}){minimum}', {
                          previous: format.percent(arm.previousWeight),
                          weight: format.percent(arm.weight),
                          best: format.percent(arm.probabilityBest),
                          minimum: arm.atMinimum ? t('bandit.atMinimum', ', held at the minimum') : '',
                        })}
                      </Typography>
                    ) : (
                      <Typography textColor="neutral600">-</Typography>
                    )}
                  </Td>
                );
              })}
            </Tr>
          ))}
        </Tbody>
      </Table>
    </Flex>
  );
}
