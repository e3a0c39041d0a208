import { JOURNEY_STEPS, STAGES } from '../../../plugin/stages';

import type { Status } from '../services/personalize';

/** GraphQL sends the PublicationStatus enum; no status means published, as in core queries. */
export const statusOf = (value: unknown): Status =>
  String(value ?? 'published').toLowerCase() === 'draft' ? 'draft' : 'published';

const REASONS = ['SEGMENT_AND_STAGE', 'SEGMENT', 'STAGE', 'UNTARGETED', 'DEFAULT', 'DISABLED', 'EXPERIMENT', 'HOLDOUT'];

/** The types every personalized query shares: the visitor context in, the decision out. */
export const sharedTypes = (nexus: any) => [
  nexus.enumType({ name: 'PersonalizationStage', members: [...STAGES] }),
  nexus.enumType({ name: 'PersonalizationJourneyStep', members: [...JOURNEY_STEPS] }),
  nexus.enumType({ name: 'PersonalizationReason', members: REASONS }),
  nexus.inputObjectType({
    name: 'PersonalizationContextInput',
    definition(t: any) {
      t.list.nonNull.string('segments');
      t.field('traits', { type: 'JSON' });
      t.field('stage', { type: 'PersonalizationStage' });
      t.field('journeyStep', { type: 'PersonalizationJourneyStep' });
      t.list.nonNull.string('interests');
      t.string('visitorId');
    },
  }),
  nexus.objectType({
    name: 'PersonalizationDecision',
    definition(t: any) {
      t.nonNull.id('baseDocumentId');
      t.nonNull.id('servedDocumentId');
      t.nonNull.boolean('isVariant');
      t.nonNull.field('reason', { type: 'PersonalizationReason' });
      t.string('matchedSegment');
      t.field('matchedStage', { type: 'PersonalizationStage' });
      t.nonNull.list.nonNull.string('visitorSegments');
      t.nonNull.list.nonNull.string('ignored');
      t.string('arm', { description: 'The experiment arm the visitor is in (reasons EXPERIMENT and HOLDOUT).' });
      t.nonNull.string('cacheKey');
      t.string('error', { description: 'Set when personalization failed and the base entry was served instead.' });
    },
  }),
];
