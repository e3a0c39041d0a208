import {
  GRAPHQL_NAMES,
  JOURNEY_STEPS,
  REASONS,
  STAGES,
  type ContextField,
  type PersonalizedDecision,
  type PublicationStatus,
} from '../../../shared/contracts/content-api';

/** GraphQL sends the PublicationStatus enum; no status means published, as in core queries. */
export const statusOf = (value: unknown): PublicationStatus =>
  String(value ?? 'published').toLowerCase() === 'draft' ? 'draft' : 'published';

type Definition = (t: any) => void;

/** Each context field's GraphQL input: a field added to the contract without one does not compile. */
const CONTEXT_INPUT: { [F in ContextField]: Definition } = {
  segments: (t) => t.list.nonNull.string('segments'),
  traits: (t) => t.field('traits', { type: 'JSON' }),
  stage: (t) => t.field('stage', { type: GRAPHQL_NAMES.stage }),
  journeyStep: (t) => t.field('journeyStep', { type: GRAPHQL_NAMES.journeyStep }),
  interests: (t) => t.list.nonNull.string('interests'),
  visitorId: (t) => t.string('visitorId'),
  arms: (t) => t.field('arms', { type: 'JSON', description: 'The arms this visitor was given, by the decision\'s `experiment`: { "home-hero@1": "guide" }.' }),
};

/** Each decision field's GraphQL output, likewise exhaustive over the contract's decision. */
const DECISION_OUTPUT: { [F in keyof PersonalizedDecision]-?: Definition } = {
  baseDocumentId: (t) => t.nonNull.id('baseDocumentId'),
  servedDocumentId: (t) => t.nonNull.id('servedDocumentId'),
  isVariant: (t) => t.nonNull.boolean('isVariant'),
  reason: (t) => t.nonNull.field('reason', { type: GRAPHQL_NAMES.reason }),
  matchedSegment: (t) => t.string('matchedSegment'),
  matchedStage: (t) => t.field('matchedStage', { type: GRAPHQL_NAMES.stage }),
  visitorSegments: (t) => t.nonNull.list.nonNull.string('visitorSegments'),
  ignored: (t) => t.nonNull.list.nonNull.string('ignored'),
  arm: (t) => t.string('arm', { description: 'The experiment arm the visitor is in (reasons EXPERIMENT and HOLDOUT).' }),
  experiment: (t) => t.string('experiment', { description: 'The experiment of `arm`, as key@version: keep `arm` under it and send it back in the context\'s `arms`.' }),
  cacheKey: (t) => t.nonNull.string('cacheKey'),
  error: (t) => t.string('error', { description: 'Set when personalization failed and the base entry was served instead.' }),
};

/** The types every personalized query shares, derived from the contract: the visitor context in, the decision out. */
export const sharedTypes = (nexus: any) => [
  nexus.enumType({ name: GRAPHQL_NAMES.stage, members: [...STAGES] }),
  nexus.enumType({ name: GRAPHQL_NAMES.journeyStep, members: [...JOURNEY_STEPS] }),
  nexus.enumType({ name: GRAPHQL_NAMES.reason, members: [...REASONS] }),
  nexus.inputObjectType({
    name: GRAPHQL_NAMES.contextInput,
    definition(t: any) {
      for (const define of Object.values(CONTEXT_INPUT)) define(t);
    },
  }),
  nexus.objectType({
    name: GRAPHQL_NAMES.decision,
    definition(t: any) {
      for (const define of Object.values(DECISION_OUTPUT)) define(t);
    },
  }),
];
