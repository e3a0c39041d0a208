import { Box, Field, Flex, Textarea, Typography } from '@strapi/design-system';
import { validateRule, type RuleProblem } from '../../../../plugin/rules';
import { useT, type Translate } from '../../hooks/useT';
import { parseJson } from '../../utils/json';

export interface RuleCheck {
  /** The rule to save: null when the text is blank (a segment joined only by naming it). */
  rules: unknown;
  problems: RuleProblem[];
}

/** Parses and validates rule text with the engine's own validator, as the server will on save. */
export function checkRule(text: string, t: Translate): RuleCheck {
  const parsed = parseJson(text);
  if (parsed.empty) return { rules: null, problems: [] };
  if ('error' in parsed) return { rules: undefined, problems: [{ path: '', message: t('rule.error.json', 'Not valid JSON: {detail}', { detail: parsed.error }) }] };
  return { rules: parsed.value, problems: validateRule(parsed.value) };
}

/** The rule as JSON, validated as it is typed; each problem with its place in the rule. */
export function RuleEditor({ value, onChange, check }: { value: string; onChange: (text: string) => void; check: RuleCheck }) {
  const t = useT();
  const invalid = check.problems.length > 0;
  return (
    <Field.Root
      name="rules"
      error={invalid ? t('rule.invalid', 'This rule has {count, plural, one {# problem} other {# problems}}', { count: check.problems.length }) : undefined}
      hint={t('rule.hint', 'Strapi filter operators over traits and interests, e.g. { "traits": { "visits": { "$gte": 2 } } }. Blank: no rule, the segment is joined only when the front-end names it; {} matches everyone.')}
    >
      <Field.Label>{t('rule.label', 'Rule (JSON)')}</Field.Label>
      <Textarea
        value={value}
        onChange={(event: React.ChangeEvent<HTMLTextAreaElement>) => onChange(event.target.value)}
        style={{ fontFamily: 'monospace', minHeight: '10rem' }}
      />
      {invalid ? <Field.Error /> : <Field.Hint />}
      {invalid ? (
        <Box tag="ul" paddingTop={1} data-testid="rule-problems">
          {check.problems.map((problem, index) => (
            <Flex tag="li" key={index} gap={2} alignItems="baseline">
              <Typography variant="pi" fontWeight="bold" textColor="danger600" style={{ fontFamily: 'monospace' }}>
                {problem.path === '' ? t('rule.problem.root', '(rule)') : problem.path}
              </Typography>
              <Typography variant="pi" textColor="danger600">{problem.message}</Typography>
            </Flex>
          ))}
        </Box>
      ) : null}
    </Field.Root>
  );
}
