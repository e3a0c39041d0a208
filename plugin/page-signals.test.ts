import cases from './page-signals.cases.json';
import { countryOf, deviceClass, languageOf, referrerKind } from './page-signals';

type Text = string | null;

describe('referrerKind cases', () => {
  test.each(cases.referrerKind as Array<[string, Text, Text, Text, string]>)('%s', (_name, referrerHost, ownHost, utmMedium, kind) => {
    expect(referrerKind(referrerHost, ownHost, utmMedium)).toBe(kind);
  });
});

describe('deviceClass cases', () => {
  test.each(cases.deviceClass as Array<[string, Text, Text]>)('%s', (_name, userAgent, device) => {
    expect(deviceClass(userAgent)).toBe(device);
  });
});

describe('languageOf cases', () => {
  test.each(cases.languageOf as Array<[string, Text, Text]>)('%s', (_name, tag, language) => {
    expect(languageOf(tag)).toBe(language);
  });
});

describe('countryOf cases', () => {
  test.each(cases.countryOf as Array<[string, Text, Text]>)('%s', (_name, header, country) => {
    expect(countryOf(header)).toBe(country);
  });
});
