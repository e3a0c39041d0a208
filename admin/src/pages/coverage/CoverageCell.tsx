import { Box, Typography } from '@strapi/design-system';
import type { CoverageCell as Cell } from '../../../../plugin/coverage';
import { useT } from '../../hooks/useT';

/** full: every base has a published variant there; partial: some; none: no base. */
export const coverageLevel = (cell: Cell, bases: number): 'full' | 'partial' | 'none' | 'empty' =>
  bases === 0 ? 'empty' : cell.published >= bases ? 'full' : cell.published > 0 ? 'partial' : 'none';

const COLOURS = {
  full: { background: 'success100', text: 'success700', border: 'success200' },
  partial: { background: 'warning100', text: 'warning700', border: 'warning200' },
  none: { background: 'danger100', text: 'danger700', border: 'danger200' },
  empty: { background: 'neutral100', text: 'neutral600', border: 'neutral200' },
} as const;

interface CoverageCellProps {
  cell: Cell;
  bases: number;
  /** `<segment slug or "any">-<stage>`, for data-testid. */
  testId: string;
  label: string;
  onOpen: () => void;
}

/** One cell of the matrix: published / bases, drafts apart, coloured by coverage; opens its gaps. */
export function CoverageCell({ cell, bases, testId, label, onOpen }: CoverageCellProps) {
  const t = useT();
  const level = coverageLevel(cell, bases);
  const colours = COLOURS[level];
  return (
    <Box
      tag="button"
      type="button"
      onClick={onOpen}
      data-testid={`coverage-cell-${testId}`}
      data-coverage={level}
      aria-label={t('coverage.cell.label', '{label}: {published} of {bases} published, {drafts} in draft', {
        label,
        published: cell.published,
        bases,
        drafts: cell.drafts,
      })}
      background={colours.background}
      borderColor={colours.border}
      hasRadius
      padding={2}
      width="100%"
      cursor="pointer"
      textAlign="center"
    >
      <Typography fontWeight="bold" textColor={colours.text}>
        {cell.published} / {bases}
      </Typography>
      {cell.drafts > 0 ? (
        <Typography tag="div" variant="pi" textColor={colours.text}>
          {t('coverage.cell.drafts', '+{count, plural, one {# draft} other {# drafts}}', { count: cell.drafts })}
        </Typography>
      ) : null}
    </Box>
  );
}
