import * as React from 'react';
import { useIntl } from 'react-intl';
import { getTranslation } from '../utils/getTranslation';

type Values = Record<string, string | number | boolean | null | undefined | Date>;

/**
 * The plugin's message formatter: `t(id, defaultMessage, values)` formats the message
 * `personalize.<id>` with its English default. Every key is listed in translations/en.json.
 */
export function useT() {
  const { formatMessage } = useIntl();
  return React.useCallback(
    (id: string, defaultMessage: string, values?: Values): string =>
      formatMessage({ id: getTranslation(id), defaultMessage }, values) as string,
    [formatMessage]
  );
}

export type Translate = ReturnType<typeof useT>;
