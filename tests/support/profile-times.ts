import type { Profile } from '../../plugin/profile';

/** A profile with its times as ISO strings, as the engine's cases write it. */
export function profileAsWritten(profile: Profile): Record<string, any> {
  const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
  return {
    ...profile,
    firstSeen: iso(profile.firstSeen),
    lastSeen: iso(profile.lastSeen),
    customerSince: iso(profile.customerSince),
    interests: { scores: profile.interests.scores, at: iso(profile.interests.at) },
    actions: Object.fromEntries(Object.entries(profile.actions).map(([name, { count, last }]) => [name, { count, last: iso(last) }])),
  };
}
