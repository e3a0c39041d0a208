import * as React from 'react';
import { Field, Flex, SingleSelect, SingleSelectOption } from '@strapi/design-system';
import type { OptedInType } from '../../../shared/contracts/admin';
import { useApi, useRequest, type Locale } from '../api';
import { useOptedInTypes } from '../store';
import { useT } from '../hooks/useT';

export interface TypeAndLocale {
  types?: OptedInType[];
  type?: OptedInType;
  setUid: (uid: string) => void;
  locales?: Locale[];
  /** The chosen locale of a localized type (the default locale at first), else null. */
  locale: string | null;
  /** False while the locales of a localized type are loading (locale is not known yet). */
  ready: boolean;
  setLocale: (code: string) => void;
}

/** The content type a tab works on, and its locale when the type is localized. */
export function useTypeAndLocale(): TypeAndLocale {
  const api = useApi();
  const { types } = useOptedInTypes();
  const [uid, setUid] = React.useState<string>();
  const [chosenLocale, setLocale] = React.useState<string>();
  const type = types?.find((candidate) => candidate.uid === uid) ?? types?.[0];
  const localized = type?.localized === true;
  const { data: locales, error } = useRequest(localized ? () => api.locales() : null, [api, localized]);
  const fallback = locales?.find((locale) => locale.isDefault)?.code ?? locales?.[0]?.code ?? null;
  const locale = !localized ? null : locales?.some((l) => l.code === chosenLocale) ? (chosenLocale as string) : fallback;
  // Without the locales (say the role may not read them), the server's default locale is used.
  const ready = type !== undefined && (!localized || locales !== undefined || error !== undefined);
  return { types, type, setUid, locales, locale, ready, setLocale };
}

/** The selects of useTypeAndLocale. */
export function TypeLocalePicker({ state }: { state: TypeAndLocale }) {
  const t = useT();
  const { types, type, setUid, locales, locale, setLocale } = state;
  return (
    <Flex gap={4} alignItems="flex-end" wrap="wrap">
      <Field.Root name="contentType" minWidth="240px">
        <Field.Label>{t('picker.contentType', 'Content type')}</Field.Label>
        <SingleSelect value={type?.uid ?? ''} onChange={(value: string | number) => setUid(String(value))} disabled={!types?.length}>
          {(types ?? []).map((candidate) => (
            <SingleSelectOption key={candidate.uid} value={candidate.uid}>
              {candidate.displayName}
            </SingleSelectOption>
          ))}
        </SingleSelect>
      </Field.Root>
      {type?.localized && locales && locales.length > 0 ? (
        <Field.Root name="locale" minWidth="180px">
          <Field.Label>{t('picker.locale', 'Locale')}</Field.Label>
          <SingleSelect value={locale ?? ''} onChange={(value: string | number) => setLocale(String(value))}>
            {locales.map((candidate) => (
              <SingleSelectOption key={candidate.code} value={candidate.code}>
                {candidate.name}
              </SingleSelectOption>
            ))}
          </SingleSelect>
        </Field.Root>
      ) : null}
    </Flex>
  );
}
