import { cookieFrom, DEFAULT_COOKIE, readCookie, serializeCookie } from './cookie';

describe('readCookie', () => {
  test.each([
    ['a=1; pz_profile=abc; b=2', 'abc'],
    ['pz_profile=abc', 'abc'],
    ['xpz_profile=no; pz_profile_2=no', null],
    ['pz_profile=a=b', 'a=b'],
    ['', null],
    [null, null],
  ])('%p', (header, value) => {
    expect(readCookie(header, 'pz_profile')).toBe(value);
  });
});

test('cookieFrom reads a Cookie header, Web Headers and a cookie store such as Next.js cookies()', () => {
  expect(cookieFrom('pz_profile=v1', 'pz_profile')).toBe('v1');
  expect(cookieFrom(new Headers({ cookie: 'a=1; pz_profile=v2' }), 'pz_profile')).toBe('v2');
  const store = new Map([['pz_profile', { name: 'pz_profile', value: 'v3' }]]);
  expect(cookieFrom({ get: (name: string) => store.get(name) }, 'pz_profile')).toBe('v3');
  expect(cookieFrom({ get: () => undefined }, 'pz_profile')).toBeNull();
  expect(cookieFrom(undefined, 'pz_profile')).toBeNull();
});

test('serializeCookie writes a first-party cookie, and expires it with null', () => {
  expect(serializeCookie('v', DEFAULT_COOKIE)).toBe('pz_profile=v; Path=/; Max-Age=15552000; SameSite=Lax');
  expect(serializeCookie('v', { ...DEFAULT_COOKIE, domain: '.example.com', secure: true, maxAgeDays: 1 })).toBe(
    'pz_profile=v; Path=/; Max-Age=86400; SameSite=Lax; Domain=.example.com; Secure'
  );
  expect(serializeCookie(null, DEFAULT_COOKIE)).toBe('pz_profile=; Path=/; Max-Age=0; SameSite=Lax');
});
