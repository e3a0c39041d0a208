import { Badge, Flex, Typography } from '@strapi/design-system';
import type { SequentialTest } from '../../../../plugin/sequential';
import { useFormat } from '../../hooks/useFormat';
import { useT } from '../../hooks/useT';
import { verdictLabels } from '../../utils/labels';

/**
 * The sequential test of one arm against the control: "enough evidence, stop" (better or worse,
 * and since which look) or "keep going", with its always-valid p-value. Its verdict holds however
 * often it is read, unlike the 95% interval beside it.
 */
export function SequentialCell({ test }: { test: SequentialTest | null | undefined }) {
  const t = useT();
  const format = useFormat();
  if (test === null || test === undefined) return <Typography textColor="neutral600">-</Typography>;
  const decided = test.verdict !== 'keep-going';
  return (
    <Flex direction="column" alignItems="flex-start" gap={1} data-testid="sequential-verdict" data-verdict={test.verdict}>
      <Badge backgroundColor={decided ? (test.verdict === 'winner' ? 'success100' : 'danger100') : 'neutral150'} textColor={decided ? (test.verdict === 'winner' ? 'success700' : 'danger700') : 'neutral700'}>
        {verdictLabels(t)[test.verdict]}
      </Badge>
      <Typography variant="pi" textColor="neutral600">
        {test.looks === 0
          ? t('analytics.sequential.noLooks', 'Not enough clicks or conversions yet')
          : t('analytics.sequential.detail', 'p = {p} (alpha {alpha}) after {looks} days', { p: format.pValue(test.pValue), alpha: format.pValue(test.alpha), looks: test.looks })}
      </Typography>
    </Flex>
  );
}
