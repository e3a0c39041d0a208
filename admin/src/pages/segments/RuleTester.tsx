import * as React from 'react';
import { Badge, Box, Button, Field, Flex, TextInput, Typography } from '@strapi/design-system';
import type { TestRuleResponse } from '../../../../shared/contracts/admin';
import { useApi } from '../../api';
import { splitList } from '../../components/SegmentPicker';
import { TraitsInput } from '../../components/TraitsInput';
import { useT } from '../../hooks/useT';
import { errorMessage } from '../../utils/errors';
import { parseTraits } from '../../utils/json';

/** Tries a rule on sample traits and interests, with the server's engine. */
export function RuleTester({ rules, ruleText, disabled }: { rules: unknown; ruleText: string; disabled: boolean }) {
  const t = useT();
  const api = useApi();
  const [traitsText, setTraitsText] = React.useState('');
  const [interestsText, setInterestsText] = React.useState('');
  const [answer, setAnswer] = React.useState<TestRuleResponse['data']>();
  const [error, setError] = React.useState<string>();
  const [testing, setTesting] = React.useState(false);
  const traits = parseTraits(traitsText);

  // The answer was for another rule or other facts.
  React.useEffect(() => setAnswer(undefined), [ruleText, traitsText, interestsText]);

  const test = async () => {
    setTesting(true);
    setError(undefined);
    try {
      setAnswer(await api.testRule({ rules, traits: traits.traits ?? {}, interests: splitList(interestsText) }));
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setTesting(false);
    }
  };

  return (
    <Box padding={4} background="neutral100" hasRadius>
      <Flex direction="column" alignItems="stretch" gap={3}>
        <Typography tag="h3" variant="sigma" textColor="neutral600">
          {t('ruleTester.title', 'Test against sample traits')}
        </Typography>
        <TraitsInput name="test-traits" value={traitsText} onChange={setTraitsText} />
        <Field.Root name="test-interests" hint={t('preview.interests.hint', 'Comma separated, e.g. car-insurance, travel')}>
          <Field.Label>{t('ruleTester.interests', 'Sample interests')}</Field.Label>
          <TextInput value={interestsText} onChange={(event: React.ChangeEvent<HTMLInputElement>) => setInterestsText(event.target.value)} />
          <Field.Hint />
        </Field.Root>
        <Flex gap={3}>
          <Button variant="secondary" onClick={test} loading={testing} disabled={disabled || traits.error !== undefined}>
            {t('ruleTester.submit', 'Test rule')}
          </Button>
          {answer !== undefined && answer.valid ? (
            <Badge
              data-testid="rule-test-result"
              data-matches={String(answer.matches === true)}
              backgroundColor={answer.matches ? 'success100' : 'neutral150'}
              textColor={answer.matches ? 'success700' : 'neutral700'}
            >
              {answer.matches ? t('ruleTester.match', 'Match') : t('ruleTester.noMatch', 'No match')}
            </Badge>
          ) : null}
        </Flex>
        {answer !== undefined && !answer.valid
          ? answer.problems.map((problem, index) => (
              <Typography key={index} variant="pi" textColor="danger600">
                {`${problem.path || t('rule.problem.root', '(rule)')}: ${problem.message}`}
              </Typography>
            ))
          : null}
        {error !== undefined ? <Typography textColor="danger600">{error}</Typography> : null}
      </Flex>
    </Box>
  );
}
