import * as React from 'react';
import { useIntl } from 'react-intl';

const ONE_DECIMAL = { minimumFractionDigits: 1, maximumFractionDigits: 1 };

/**
 * How the analytics read numbers: counts with the locale's separators, shares (0-1) as
 * percentages to 1 decimal, differences signed, p-values to 2 significant digits.
 */
export function useFormat() {
  const { formatNumber } = useIntl();
  return React.useMemo(() => {
    const percent = (share: number) => `${formatNumber(share * 100, ONE_DECIMAL)}%`;
    // Rounded to 0.1 point first, so no "+0.0" or "-0.0".
    const signed = (value: number) => {
      const tenths = Math.round(value * 1000);
      return `${tenths > 0 ? '+' : ''}${formatNumber(tenths / 10 || 0, ONE_DECIMAL)}`;
    };
    return {
      count: (n: number) => formatNumber(n),
      percent,
      /** A relative change: "+12.3%". */
      signedPercent: (share: number) => `${signed(share)}%`,
      /** A difference of two rates, in percentage points: "+1.2". */
      signedPoints: signed,
      pValue: (p: number) => p.toPrecision(2),
    };
  }, [formatNumber]);
}

export type Format = ReturnType<typeof useFormat>;
