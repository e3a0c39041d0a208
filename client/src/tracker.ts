/**
 * The visitor's profile in this runtime, behind the consent gate. Before consent nothing is
 * written and no id exists: the profile lives in memory for this page view only, from the page's
 * own signals. With consent the profile gets a random id and is kept in the cookie; every update
 * reads the cookie first, so that a middleware's writes between two updates are not lost.
 * Withdrawal deletes the cookie and starts over from the current page.
 */
import { createProfile, recordPage, type PageView, type Profile, type ProfileConfig } from '../../plugin/profile';
import { decodeProfile, encodeProfile } from '../../plugin/profile-cookie';
import type { ProfileStore } from './cookie';
import { randomId } from './ids';

export interface Tracker {
  readonly profile: Profile;
  readonly consented: boolean;
  /** Applies an update (an engine function) and keeps the result when the visitor consented. */
  update(change: (profile: Profile, now: number) => Profile): void;
  /** Records a page view; the next withdrawal starts over from it. */
  page(view: PageView): void;
  consent(granted: boolean): void;
}

/**
 * `consent` undefined: the visitor consented if the cookie exists (it is written only with
 * consent, and deleted on withdrawal), so a returning visitor is known from the first request.
 */
export function createTracker(store: ProfileStore, config: ProfileConfig, now: () => number, consent?: boolean): Tracker {
  const stored = store.read();
  let consented = consent ?? stored !== null;
  let lastPage: PageView | null = null;
  let profile = (consented && decodeProfile(stored)) || createProfile(now());
  const save = () => {
    if (!consented || !store.write) return;
    // Only a store that can keep it gets an id: a read-only one would make a new id per request.
    if (!profile.visitorId) profile = { ...profile, visitorId: randomId() };
    store.write(encodeProfile(profile));
  };
  if (consent === false && stored !== null) store.write?.(null);

  return {
    get profile() {
      return profile;
    },
    get consented() {
      return consented;
    },
    update(change) {
      if (consented) profile = decodeProfile(store.read()) ?? profile;
      profile = change(profile, now());
      save();
    },
    page(view) {
      lastPage = view;
      this.update((p, at) => recordPage(p, view, at, config));
    },
    consent(granted) {
      if (granted === consented) return;
      consented = granted;
      if (granted) return save();
      store.write?.(null);
      profile = createProfile(now());
      if (lastPage) profile = recordPage(profile, lastPage, now(), config);
    },
  };
}
