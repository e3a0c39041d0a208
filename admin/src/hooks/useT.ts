import * as React from 'react';
import { useIntl } from 'react-intl';
import { getTranslation } from '../utils/getTranslation';

type Values = Record<string, string | number | boolean | null | undefined | Date>;

/** A key of translations/en.json (a type-only import: the file is not bundled here). */
export type MessageId = keyof typeof import('../translations/en.json');

/**
 * The plugin's message formatter: `t(id, defaultMessage, values)` formats the message
 * `personalize.<id>` with its English default. An id missing from translations/en.json is a
 * compile error, so a label added for a new stage or reason cannot go untranslated.
 */
export function useT() {
  const { formatMessage } = useIntl();
  return React.useCallback(
    (id: MessageId, defaultMessage: string, values?: Values): string =>
      formatMessage({ id: getTranslation(id), defaultMessage }, values) as string,
    [formatMessage]
  );
}

export type Translate = ReturnType<typeof useT>;
