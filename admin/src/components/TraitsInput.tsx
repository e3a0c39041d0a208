import { Field, Textarea } from '@strapi/design-system';
import { useT } from '../hooks/useT';
import { parseTraits } from '../utils/json';

/** Visitor traits typed as JSON, checked as they are typed: an object, e.g. { "visits": 3 }. */
export function TraitsInput({ name, value, onChange }: { name: string; value: string; onChange: (text: string) => void }) {
  const t = useT();
  const { error, detail } = parseTraits(value);
  const message =
    error === 'json'
      ? t('traits.error.json', 'Not valid JSON: {detail}', { detail: detail ?? '' })
      : error === 'object'
        ? t('traits.error.object', 'Traits must be a JSON object, e.g. { "visits": 3 }')
        : undefined;
  return (
    <Field.Root name={name} error={message} hint={t('traits.hint', 'A JSON object, e.g. { "visits": 3, "identified": true }')}>
      <Field.Label>{t('traits.label', 'Traits (JSON)')}</Field.Label>
      <Textarea
        value={value}
        onChange={(event: React.ChangeEvent<HTMLTextAreaElement>) => onChange(event.target.value)}
        style={{ fontFamily: 'monospace' }}
      />
      {message === undefined ? <Field.Hint /> : <Field.Error />}
    </Field.Root>
  );
}
