import fc from 'fast-check';
import cases from './profile-cookie.cases.json';
import { BEHAVIOURS } from './interests';
import { createProfile, profileConfig, recordBehaviour, recordPage, setVisitorState, type Profile } from './profile';
import { COOKIE_BYTES, decodeProfile, encodeProfile } from './profile-cookie';
import { STAGES } from './stages';
import { profileAsWritten } from '../tests/support/profile-times';

/** A profile as the cases write it: ISO times, fields of a new profile when absent. */
type Written = Record<string, any>;
const ms = (value: string | null | undefined) => (value ? Date.parse(value) : null);

function profileOf(written: Written): Profile {
  const profile: Profile = { ...createProfile(0), ...written } as Profile;
  profile.firstSeen = ms(written.firstSeen) ?? 0;
  profile.lastSeen = ms(written.lastSeen) ?? 0;
  profile.customerSince = ms(written.customerSince);
  if (written.interests) profile.interests = { scores: written.interests.scores, at: ms(written.interests.at) ?? 0 };
  if (written.actions) {
    profile.actions = Object.fromEntries(Object.entries(written.actions as Record<string, { count: number; last: string }>).map(([k, a]) => [k, { count: a.count, last: ms(a.last) ?? 0 }]));
  }
  return profile;
}

describe('a profile comes back from its cookie as it was', () => {
  test.each(cases.roundTrip as Array<[string, Written]>)('%s', (_name, given) => {
    const profile = profileOf(given);
    expect(decodeProfile(encodeProfile(profile))).toEqual(profile);
  });
});

describe('encodeProfile cases', () => {
  test.each(cases.encode as Array<[string, Written, string]>)('%s', (_name, given, text) => {
    expect(encodeProfile(profileOf(given))).toBe(text);
  });
});

describe('decodeProfile cases', () => {
  test.each(cases.decode as Array<[string, string | null, Written | null]>)('%s', (_name, text, expected) => {
    const profile = decodeProfile(text);
    if (expected === null) expect(profile).toBeNull();
    else expect(profileAsWritten(profile as Profile)).toMatchObject(expected);
  });
});

describe('the cookie cap', () => {
  const long = (prefix: string, i: number) => `${prefix}${i}-${'x'.repeat(60)}`.slice(0, 64);
  const crowded = (): Profile => {
    const config = profileConfig();
    let profile = recordPage(createProfile(0, 'v'.repeat(64)), { path: `/${'p'.repeat(200)}`, utm: { source: 's'.repeat(64), medium: 'm'.repeat(64), campaign: 'c'.repeat(64) } }, 0, config);
    for (let i = 0; i < 16; i++) profile = recordBehaviour(profile, 'view', { tags: Array.from({ length: i + 1 }, () => long('tag', i)) }, i * 1000, config);
    for (let i = 0; i < 16; i++) profile = recordBehaviour(profile, i % 2 ? 'action' : 'view', { tags: [long('tag', i)], name: `action-${String(i).padStart(2, '0')}-${'y'.repeat(20)}` }, 20_000 + i * 1000, config);
    return profile;
  };

  test('a crowded profile is over the cap before shedding', () => {
    const profile = crowded();
    expect(Object.keys(profile.interests.scores)).toHaveLength(16);
    expect(Object.keys(profile.actions)).toHaveLength(8);
    expect(encodeProfile(profile, Infinity).length).toBeGreaterThan(COOKIE_BYTES);
  });

  test('it sheds its weakest interests first, and fits', () => {
    const profile = crowded();
    const text = encodeProfile(profile);
    expect(text.length).toBeLessThanOrEqual(COOKIE_BYTES);
    const back = decodeProfile(text) as Profile;
    const kept = Object.keys(back.interests.scores);
    const strongest = Object.entries(profile.interests.scores).sort(([, a], [, b]) => b - a).slice(0, kept.length).map(([tag]) => tag);
    expect(kept.sort()).toEqual(strongest.sort());
    expect(kept.length).toBeLessThan(16);
    expect(back.actions).toEqual(Object.fromEntries(Object.entries(profile.actions).map(([k, a]) => [k, { ...a, last: Math.floor(a.last / 1000) * 1000 }])));
  });

  test('a smaller cap sheds actions, then the campaign and landing page, and keeps who the visitor is', () => {
    const profile = setVisitorState(crowded(), { identified: true, customer: true, stage: 'help' }, 40_000);
    const back = decodeProfile(encodeProfile(profile, 300)) as Profile;
    expect(back.interests.scores).toEqual({});
    expect(back.actions).toEqual({});
    expect([back.utm, back.firstUtm, back.landingPage]).toEqual([null, null, null]);
    expect([back.visitorId, back.visits, back.identified, back.customer, back.stage]).toEqual([profile.visitorId, 1, true, true, 'help']);
  });

  test('any profile the updates can make fits the cap and comes back valid', () => {
    const text = fc.string({ maxLength: 200 });
    const step = fc.oneof(
      fc.record({ page: fc.record({ path: text, utm: fc.record({ source: text, medium: text, campaign: text }), referrerHost: text, userAgent: text, language: text, country: text, tags: fc.array(text, { maxLength: 30 }) }) }),
      fc.record({ behaviour: fc.constantFrom(...BEHAVIOURS), tags: fc.array(text, { maxLength: 30 }), name: text }),
      fc.record({ state: fc.record({ identified: fc.boolean(), customer: fc.boolean(), stage: fc.constantFrom(null, ...STAGES) }) })
    );
    const config = profileConfig();
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), fc.array(fc.tuple(step, fc.nat(3_600_000)), { maxLength: 60 }), (visitorId, steps) => {
        let now = Date.parse('2026-11-30T10:00:00Z');
        let profile = createProfile(now, visitorId);
        for (const [s, gap] of steps) {
          now += gap;
          if ('page' in s) profile = recordPage(profile, s.page, now, config);
          else if ('behaviour' in s) profile = recordBehaviour(profile, s.behaviour, s, now, config);
          else profile = setVisitorState(profile, s.state, now);
        }
        const encoded = encodeProfile(profile);
        expect(encoded.length).toBeLessThanOrEqual(COOKIE_BYTES);
        expect(encoded).toMatch(/^[A-Za-z0-9%._~!*'()-]+$/);
        expect(decodeProfile(encoded)).not.toBeNull();
      }),
      { numRuns: 300 }
    );
  });
});

test('reading any text never throws', () => {
  fc.assert(
    fc.property(fc.oneof(fc.string(), fc.json().map((json) => encodeURIComponent(json))), (text) => {
      expect(() => decodeProfile(text)).not.toThrow();
    })
  );
});
