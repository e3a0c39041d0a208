/**
 * From a profile to the context the content API reads: the traits that segment rules test
 * (`visits`, `identified`, `customer` for the funnel audiences, and what the visit says), the
 * strongest interests, the stage set by the app or else the journey step the rules infer, the
 * visitor id and the experiment arms it was given. The answer is exactly the contract's `ContextInput`: the server needs nothing else.
 */
import type { ContextInput } from './context';
import { topInterests } from './interests';
import { inferJourney } from './journey';
import { journeyFacts, type Profile, type ProfileConfig } from './profile';
import type { JourneyStep, Stage } from './stages';

/** The stage and why: what the site's inspector shows. */
export interface StageExplanation {
  /** The stage served for: the app's, or the one the journey step stands for. */
  stage: Stage | null;
  /** The inferred journey step; null when the app set the stage. */
  journeyStep: JourneyStep | null;
  /** `set by the site`, or the rule that fired with its facts. */
  why: string;
}

export function explainStage(profile: Profile, now: number, config: ProfileConfig): StageExplanation {
  if (profile.stage !== null) return { stage: profile.stage, journeyStep: null, why: 'set by the site' };
  const match = inferJourney(journeyFacts(profile, now, config), config.journey);
  if (match === null) return { stage: null, journeyStep: null, why: 'no journey rule holds' };
  return { stage: config.stageForStep[match.step] ?? null, journeyStep: match.step, why: match.why };
}

/** Traits for segment rules; what is unknown is left out (a rule's `$null` tests for it). */
export function profileTraits(profile: Profile): Record<string, string | number | boolean> {
  const traits: Record<string, string | number | boolean | null | undefined> = {
    visits: profile.visits,
    identified: profile.identified,
    customer: profile.customer,
    referrer: profile.referrer,
    device: profile.device,
    language: profile.language,
    country: profile.country,
    landingPage: profile.landingPage,
    utmSource: profile.utm?.source,
    utmMedium: profile.utm?.medium,
    utmCampaign: profile.utm?.campaign,
    firstUtmSource: profile.firstUtm?.source,
    firstUtmMedium: profile.firstUtm?.medium,
    firstUtmCampaign: profile.firstUtm?.campaign,
  };
  return Object.fromEntries(Object.entries(traits).filter(([, value]) => value !== null && value !== undefined)) as Record<string, string | number | boolean>;
}

/** The context for this profile at `now`: `stage` when the app set one, else `journeyStep`. */
export function toContext(profile: Profile, now: number, config: ProfileConfig): ContextInput {
  const context: ContextInput = { traits: profileTraits(profile) };
  const interests = topInterests(profile.interests, now, config.interests);
  if (interests.length) context.interests = interests;
  // The app's stage comes without a step; a step the rules infer is sent as the step.
  const { stage, journeyStep } = explainStage(profile, now, config);
  if (journeyStep) context.journeyStep = journeyStep;
  else if (stage) context.stage = stage;
  if (profile.visitorId !== null) context.visitorId = profile.visitorId;
  if (Object.keys(profile.arms).length > 0) context.arms = { ...profile.arms };
  return context;
}
