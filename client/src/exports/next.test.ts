import { decodeProfile, encodeProfile } from '../../../plugin/profile-cookie';
import { readCookie } from '../cookie';
import { contextFromCookies, visit } from './next';

const request = (url: string, headers: Record<string, string> = {}) => new Request(url, { headers });
const landing = () =>
  request('https://www.example.com/car?utm_source=google&utm_medium=cpc&utm_campaign=spring', {
    referer: 'https://www.google.fr/',
    'user-agent': 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) Mobile/15E148',
    'accept-language': 'fr-FR,fr;q=0.9',
    'x-vercel-ip-country': 'FR',
    cookie: 'session=abc',
  });

describe('visit (middleware)', () => {
  it('without consent: stores nothing, but the server render sees this page signals', () => {
    const result = visit(landing());
    const response = result.apply(new Response(null));
    expect(response.headers.get('set-cookie')).toBeNull();
    expect(readCookie(result.headers.get('cookie'), 'session')).toBe('abc');
    const seen = decodeProfile(readCookie(result.headers.get('cookie'), 'pz_profile'))!;
    expect(seen).toMatchObject({ visitorId: null, visits: 1, referrer: 'search', device: 'mobile', language: 'fr', country: 'FR', utm: { campaign: 'spring' } });
    expect(contextFromCookies(result.headers)).toEqual(expect.objectContaining({ traits: expect.objectContaining({ utmCampaign: 'spring', country: 'FR' }), journeyStep: 'discovery' }));
  });

  it('with consent from the site: a visitor id and the cookie on the response', () => {
    const result = visit(landing(), { consent: () => true });
    const setCookie = result.apply(new Response(null)).headers.get('set-cookie')!;
    expect(setCookie).toMatch(/^pz_profile=[^;]+; Path=\/; Max-Age=15552000; SameSite=Lax; Secure$/);
    const stored = decodeProfile(readCookie(setCookie, 'pz_profile'))!;
    expect(stored.visitorId).toMatch(/^[0-9a-f-]{36}$/);
    expect(stored).toEqual(decodeProfile(encodeProfile(result.profile)));
  });

  it('a returning visitor (the cookie exists) after 30 minutes: a new visit, kept', () => {
    const first = visit(landing(), { consent: () => true });
    const cookie = readCookie(first.apply(new Response(null)).headers.get('set-cookie'), 'pz_profile')!;
    const old = decodeProfile(cookie)!;
    const earlier = encodeProfile({ ...old, firstSeen: old.firstSeen - 3600_000, lastSeen: old.lastSeen - 3600_000 });
    const again = visit(request('https://www.example.com/home', { cookie: `pz_profile=${earlier}` }));
    const stored = decodeProfile(readCookie(again.apply(new Response(null)).headers.get('set-cookie'), 'pz_profile'))!;
    expect([stored.visitorId, stored.visits, stored.referrer, stored.firstUtm?.campaign, stored.utm]).toEqual([old.visitorId, 2, 'direct', 'spring', null]);
    expect(contextFromCookies(again.headers)).toEqual(expect.objectContaining({ visitorId: old.visitorId, journeyStep: 'comparison' }));
  });

  it('a prefetch is not a page view', () => {
    const cookie = encodeProfile({ ...decodeProfile('[1]')!, visits: 1, lastSeen: Date.now() - 3600_000 });
    for (const headers of [{ 'next-router-prefetch': '1' }, { purpose: 'prefetch' }, { 'sec-purpose': 'prefetch;prerender' }] as Array<Record<string, string>>) {
      const result = visit(request('https://www.example.com/', { ...headers, cookie: `pz_profile=${cookie}` }));
      expect(result.profile.visits).toBe(1);
    }
  });
});

test('contextFromCookies reads Next.js cookies() as well as a header', () => {
  const value = visit(landing(), { consent: () => true }).profile;
  const jar = { get: (name: string) => (name === 'pz_profile' ? { name, value: decodeURIComponent(encodeProfile(value)) } : undefined) };
  expect(contextFromCookies(jar)).toEqual(expect.objectContaining({ visitorId: value.visitorId, traits: expect.objectContaining({ visits: 1 }) }));
  expect(contextFromCookies(`pz_profile=${encodeProfile(value)}`)).toEqual(contextFromCookies(jar));
});
