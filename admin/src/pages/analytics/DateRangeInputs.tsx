import * as React from 'react';
import { Field, Flex, TextInput } from '@strapi/design-system';
import { useT } from '../../hooks/useT';
import { isDay } from '../../utils/days';
import type { Range } from './range';

/** The days shown: those asked for, else the report's (the server's last 30 days by default). */
interface DateRangeInputsProps extends Range {
  onChange: (range: Range) => void;
}

/** From and to days (UTC) of a report; a day is applied once it is complete. */
export function DateRangeInputs({ from, to, onChange }: DateRangeInputsProps) {
  const t = useT();
  const input = (name: 'from' | 'to', label: string, value: string | undefined) => (
    <Field.Root name={`analytics-${name}`} minWidth="180px">
      <Field.Label>{label}</Field.Label>
      <TextInput
        type="date"
        value={value ?? ''}
        onChange={(event: React.ChangeEvent<HTMLInputElement>) => {
          const day = event.target.value;
          if (day === '') onChange({ from, to, [name]: undefined });
          else if (isDay(day)) onChange({ from, to, [name]: day });
        }}
      />
    </Field.Root>
  );
  return (
    <Flex gap={4} alignItems="flex-end" wrap="wrap">
      {input('from', t('analytics.from', 'From'), from)}
      {input('to', t('analytics.to', 'To'), to)}
    </Flex>
  );
}
