/**
 * The GraphQL requests compared, shared by the HTTP and the SQL figures: core and personalized
 * queries select the very same entry fields; the personalized ones add the decision.
 */
import { BENCH_CONTEXT } from './data';

const ENTRY = 'documentId title slug description monthlyPrice ctaLabel ctaUrl product targetStage';
const DECISION = 'decision { reason servedDocumentId matchedSegment matchedStage cacheKey }';

export interface GraphQLRequest {
  query: string;
  variables: Record<string, unknown>;
}

export type RequestName =
  | 'coreOne'
  | 'personalizedOne'
  | 'coreList25'
  | 'personalizedList25'
  | 'coreList5'
  | 'personalizedList5'
  | 'related';

export const requests = (documentId: string): Record<RequestName, GraphQLRequest> => {
  const context = BENCH_CONTEXT;
  const list = (limit: number) => ({
    core: { query: `{ offers(pagination: { limit: ${limit} }) { ${ENTRY} } }`, variables: {} },
    personalized: {
      query: `query ($context: PersonalizationContextInput) {
        personalizedOffers(pagination: { limit: ${limit} }, context: $context) { entry { ${ENTRY} } ${DECISION} } }`,
      variables: { context },
    },
  });
  return {
    coreOne: { query: `query ($id: ID!) { offer(documentId: $id) { ${ENTRY} } }`, variables: { id: documentId } },
    personalizedOne: {
      query: `query ($id: ID!, $context: PersonalizationContextInput) {
        personalizedOffer(documentId: $id, context: $context) { entry { ${ENTRY} } ${DECISION} } }`,
      variables: { id: documentId, context },
    },
    coreList25: list(25).core,
    personalizedList25: list(25).personalized,
    coreList5: list(5).core,
    personalizedList5: list(5).personalized,
    related: {
      query: `query ($id: ID!, $context: PersonalizationContextInput) {
        relatedContent(documentId: $id, context: $context, limit: 5) {
          documentId score sharedTags entry { ... on Offer { ${ENTRY} } } ${DECISION} } }`,
      variables: { id: documentId, context },
    },
  };
};

/** What a correct answer holds: checked once before timing, so errors are never benchmarked. */
export const expectedLength: Partial<Record<RequestName, number>> = {
  coreList25: 25,
  personalizedList25: 25,
  coreList5: 5,
  personalizedList5: 5,
  related: 5,
};

/** Throws unless the GraphQL answer has data for the request and no errors. */
export const checkAnswer = (name: RequestName, body: any) => {
  if (body?.errors?.length) throw new Error(`${name}: ${JSON.stringify(body.errors).slice(0, 400)}`);
  const data = body?.data && Object.values(body.data)[0];
  if (data == null) throw new Error(`${name}: no data (${JSON.stringify(body).slice(0, 200)})`);
  const length = expectedLength[name];
  if (length !== undefined && (data as unknown[]).length !== length) {
    throw new Error(`${name}: expected ${length} items, got ${(data as unknown[]).length}`);
  }
  return data;
};
