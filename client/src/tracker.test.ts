import { profileConfig, recordBehaviour } from '../../plugin/profile';
import { decodeProfile, encodeProfile } from '../../plugin/profile-cookie';
import type { ProfileStore } from './cookie';
import { createTracker } from './tracker';

const config = profileConfig();
const T0 = Date.parse('2026-11-30T10:00:00Z');
const clock = () => T0;
const page = { path: '/car', utm: { campaign: 'spring' }, tags: ['car'] };

/** A cookie jar with its history of writes. */
function jar(initial: string | null = null) {
  let value = initial;
  const writes: Array<string | null> = [];
  const store: Required<ProfileStore> = {
    read: () => value,
    write: (next) => {
      writes.push(next);
      value = next;
    },
  };
  return { store, writes, value: () => value };
}

describe('before consent', () => {
  it('writes nothing and has no id, but personalizes this page view from its signals', () => {
    const cookies = jar();
    const tracker = createTracker(cookies.store, config, clock);
    tracker.page(page);
    expect(tracker.consented).toBe(false);
    expect(cookies.writes).toEqual([]);
    expect(tracker.profile.visitorId).toBeNull();
    expect(tracker.profile.utm?.campaign).toBe('spring');
    expect(Object.keys(tracker.profile.interests.scores)).toEqual(['car']);
  });

  it('an explicit refusal deletes a cookie left from before', () => {
    const cookies = jar(encodeProfile({ ...decodeProfile('[1]')!, visits: 3 }));
    const tracker = createTracker(cookies.store, config, clock, false);
    expect(cookies.writes).toEqual([null]);
    expect(tracker.profile.visits).toBe(0);
  });
});

describe('consent', () => {
  it('gives the visitor a random id and keeps the profile in the cookie', () => {
    const cookies = jar();
    const tracker = createTracker(cookies.store, config, clock);
    tracker.page(page);
    tracker.consent(true);
    const stored = decodeProfile(cookies.value())!;
    expect(stored.visitorId).toMatch(/^[0-9a-f-]{36}$/);
    expect(stored).toEqual(tracker.profile);
    expect(stored.utm?.campaign).toBe('spring');
  });

  it('a returning visitor with a cookie consented: the profile is read back and extended', () => {
    const first = jar();
    const a = createTracker(first.store, config, clock);
    a.consent(true);
    a.page(page);
    const later = () => T0 + 3600_000;
    const b = createTracker(jar(first.value()).store, config, later);
    expect(b.consented).toBe(true);
    b.page({ path: '/' });
    expect([b.profile.visitorId, b.profile.visits]).toEqual([a.profile.visitorId, 2]);
  });

  it('each update starts from the cookie, so that another writer (a middleware) is not overwritten', () => {
    const cookies = jar();
    const tracker = createTracker(cookies.store, config, clock, true);
    tracker.page(page);
    const elsewhere = recordBehaviour(decodeProfile(cookies.value())!, 'action', { name: 'compare' }, T0, config);
    cookies.store.write(encodeProfile(elsewhere));
    tracker.update((p) => ({ ...p, identified: true }));
    expect(Object.keys(tracker.profile.actions)).toEqual(['compare']);
    expect(decodeProfile(cookies.value())!.identified).toBe(true);
  });

  it('withdrawal deletes the cookie and starts over from the current page, without an id', () => {
    const cookies = jar();
    const tracker = createTracker(cookies.store, config, clock, true);
    tracker.page(page);
    tracker.update((p) => recordBehaviour(p, 'click', { tags: ['home'] }, T0, config));
    tracker.consent(false);
    expect(cookies.value()).toBeNull();
    expect(tracker.profile.visitorId).toBeNull();
    expect(Object.keys(tracker.profile.interests.scores)).toEqual(['car']);
    tracker.update((p) => ({ ...p, identified: true }));
    expect(cookies.value()).toBeNull();
  });

  it('a read-only store (a server render) never makes an id', () => {
    const value = encodeProfile({ ...decodeProfile('[1]')!, visits: 2 });
    const tracker = createTracker({ read: () => value }, config, clock);
    tracker.update((p) => ({ ...p, identified: true }));
    expect(tracker.consented).toBe(true);
    expect(tracker.profile.visitorId).toBeNull();
    expect(tracker.profile.identified).toBe(true);
  });
});
