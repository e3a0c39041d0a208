import * as React from 'react';
import { Field, MultiSelect, MultiSelectOption, TextInput } from '@strapi/design-system';
import type { SegmentOption } from '../hooks/useSegmentOptions';
import { useT } from '../hooks/useT';

interface SegmentPickerProps {
  label: string;
  value: string[];
  onChange: (slugs: string[]) => void;
  /** The segments to choose from; undefined lets the user type slugs, comma separated. */
  options?: SegmentOption[];
  hint?: string;
  disabled?: boolean;
  name?: string;
}

export const splitList = (text: string): string[] =>
  text
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');

/** Segments by slug: a multi-select when the list is known, else free entry. */
export function SegmentPicker({ label, value, onChange, options, hint, disabled, name = 'segments' }: SegmentPickerProps) {
  const t = useT();
  const [text, setText] = React.useState(value.join(', '));
  if (options === undefined) {
    return (
      <Field.Root name={name} hint={hint ?? t('segments.freeEntry.hint', 'Segment slugs, comma separated')}>
        <Field.Label>{label}</Field.Label>
        <TextInput
          value={text}
          disabled={disabled}
          onChange={(event: React.ChangeEvent<HTMLInputElement>) => {
            setText(event.target.value);
            onChange(splitList(event.target.value));
          }}
        />
        <Field.Hint />
      </Field.Root>
    );
  }
  return (
    <Field.Root name={name} hint={hint}>
      <Field.Label>{label}</Field.Label>
      <MultiSelect
        value={value}
        withTags
        disabled={disabled}
        placeholder={t('segments.picker.placeholder', 'Choose segments')}
        onChange={(next: string[]) => onChange(next)}
        onClear={() => onChange([])}
      >
        {options.map((segment) => (
          <MultiSelectOption key={segment.slug} value={segment.slug}>
            {segment.name}
          </MultiSelectOption>
        ))}
      </MultiSelect>
      <Field.Hint />
    </Field.Root>
  );
}
