/** `strapi-plugin-personalize/client`: the framework-free kit (browsers, Node 20, edge runtimes). */
export { createPersonalize, type Personalize, type PersonalizeOptions, type Shown, type Read, type ReadWith, type RelatedQuery } from '../kit';
export type { PersonalizeError, ReadOptions } from '../fetcher';
export { DEFAULT_COOKIE, type CookieOptions, type CookieSource, type ProfileStore } from '../cookie';
export { DEFAULT_QUEUE, type QueueOptions } from '../queue';
export { DEFAULT_PROFILE_CONFIG, type Profile, type ProfileOptions, type VisitorState, type PageView } from '../../../plugin/profile';
export { DEFAULT_JOURNEY_RULES, type JourneyRule } from '../../../plugin/journey';
export { DEFAULT_INTEREST_CONFIG } from '../../../plugin/interests';
export type { StageExplanation } from '../../../plugin/profile-context';
export type { ContextInput, Personalized, PersonalizedDecision, RelatedItem, Entry } from '../../../shared/contracts/content-api';
