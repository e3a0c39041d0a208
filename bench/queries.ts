/**
 * The requests compared, shared by the HTTP and the SQL figures: core and personalized requests
 * select the very same entry fields; the personalized ones add the decision. GraphQL and REST.
 */
import { contextToQuery } from '../shared/contracts/content-api';
import { BENCH_CONTEXT } from './data';

const FIELDS = ['title', 'slug', 'description', 'monthlyPrice', 'ctaLabel', 'ctaUrl', 'product', 'targetStage'];
const ENTRY = `documentId ${FIELDS.join(' ')}`;
const DECISION = 'decision { reason servedDocumentId matchedSegment matchedStage cacheKey }';

/** One HTTP request, as autocannon and fetch send it. */
export interface BenchRequest {
  method: 'GET' | 'POST';
  path: string;
  body?: string;
}

export type RequestName =
  | 'coreOne'
  | 'personalizedOne'
  | 'coreList25'
  | 'personalizedList25'
  | 'coreList5'
  | 'personalizedList5'
  | 'related'
  | 'restCoreOne'
  | 'restPersonalizedOne'
  | 'restCoreList25'
  | 'restPersonalizedList25';

const gql = (query: string, variables: Record<string, unknown> = {}): BenchRequest => ({
  method: 'POST',
  path: '/graphql',
  body: JSON.stringify({ query, variables }),
});

const rest = (path: string, params: Array<[string, string]>): BenchRequest => ({
  method: 'GET',
  path: `${path}?${new URLSearchParams(params).toString()}`,
});

export const requests = (documentId: string): Record<RequestName, BenchRequest> => {
  const context = BENCH_CONTEXT;
  const list = (limit: number) => ({
    core: gql(`{ offers(pagination: { limit: ${limit} }) { ${ENTRY} } }`),
    personalized: gql(
      `query ($context: PersonalizationContextInput) {
        personalizedOffers(pagination: { limit: ${limit} }, context: $context) { entry { ${ENTRY} } ${DECISION} } }`,
      { context }
    ),
  });
  const fields: Array<[string, string]> = [['fields', FIELDS.join(',')]];
  const page: Array<[string, string]> = [['pagination[pageSize]', '25']];
  const restContext = contextToQuery(context);
  return {
    coreOne: gql(`query ($id: ID!) { offer(documentId: $id) { ${ENTRY} } }`, { id: documentId }),
    personalizedOne: gql(
      `query ($id: ID!, $context: PersonalizationContextInput) {
        personalizedOffer(documentId: $id, context: $context) { entry { ${ENTRY} } ${DECISION} } }`,
      { id: documentId, context }
    ),
    coreList25: list(25).core,
    personalizedList25: list(25).personalized,
    coreList5: list(5).core,
    personalizedList5: list(5).personalized,
    related: gql(
      `query ($id: ID!, $context: PersonalizationContextInput) {
        relatedContent(documentId: $id, context: $context, limit: 5) {
          documentId score sharedTags entry { ... on Offer { ${ENTRY} } } ${DECISION} } }`,
      { id: documentId, context }
    ),
    restCoreOne: rest(`/api/offers/${documentId}`, fields),
    restPersonalizedOne: rest(`/api/personalize/content/offers/${documentId}`, [...fields, ...restContext]),
    restCoreList25: rest('/api/offers', [...fields, ...page]),
    restPersonalizedList25: rest('/api/personalize/content/offers', [...fields, ...page, ...restContext]),
  };
};

/** What a correct answer holds: checked once before timing, so errors are never benchmarked. */
export const expectedLength: Partial<Record<RequestName, number>> = {
  coreList25: 25,
  personalizedList25: 25,
  coreList5: 5,
  personalizedList5: 5,
  related: 5,
  restCoreList25: 25,
  restPersonalizedList25: 25,
};

/** Throws unless the answer (GraphQL or REST) has data for the request and no errors. */
export const checkAnswer = (name: RequestName, body: any) => {
  if (body?.errors?.length || body?.error) throw new Error(`${name}: ${JSON.stringify(body.errors ?? body.error).slice(0, 400)}`);
  const data = name.startsWith('rest') ? body?.data : body?.data && Object.values(body.data)[0];
  if (data == null) throw new Error(`${name}: no data (${JSON.stringify(body).slice(0, 200)})`);
  const length = expectedLength[name];
  if (length !== undefined && (data as unknown[]).length !== length) {
    throw new Error(`${name}: expected ${length} items, got ${(data as unknown[]).length}`);
  }
  return data;
};

/** Sends a request to a running server and returns its JSON answer. */
export const send = async (url: string, request: BenchRequest) => {
  const res = await fetch(`${url}${request.path}`, {
    method: request.method,
    headers: request.body ? { 'content-type': 'application/json' } : {},
    body: request.body,
  });
  return res.json();
};
