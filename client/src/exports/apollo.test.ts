import { gql } from '@apollo/client';
import { defaultDataIdFromObject, InMemoryCache } from '@apollo/client/cache';
import { personalizedKeyArgs, personalizeTypePolicies } from './apollo';

/** An app that normalizes by documentId, as many Strapi front-ends do. */
const byDocumentId = (object: Parameters<typeof defaultDataIdFromObject>[0]) =>
  typeof object.documentId === 'string' ? `${object.__typename}:${object.documentId}` : defaultDataIdFromObject(object);

const RELATED = gql`
  query Related($id: ID, $context: PersonalizationContextInput) {
    relatedContent(documentId: $id, context: $context) {
      documentId
      contentType
      entry { ... on Offer { documentId title } }
      decision { baseDocumentId servedDocumentId reason }
    }
  }
`;
const HERO = gql`
  query Hero($id: ID!, $context: PersonalizationContextInput) {
    personalizedHeroBanner(documentId: $id, context: $context) {
      entry { documentId headline }
      decision { servedDocumentId reason }
    }
  }
`;

/** The related items the server gives each context: the same base entries, each context's own variants. */
const answerFor = (context: string) => ({
  relatedContent: ['offer-1', 'offer-2'].map((base) => ({
    __typename: 'RelatedContentItem',
    documentId: base,
    contentType: 'api::offer.offer',
    entry: { __typename: 'Offer', documentId: `${base}-${context}`, title: `${base} for ${context}` },
    decision: { __typename: 'PersonalizationDecision', baseDocumentId: base, servedDocumentId: `${base}-${context}`, reason: 'SEGMENT' },
  })),
});
const contexts = { car: { interests: ['car-insurance'] }, home: { interests: ['home-insurance'] } };

function servedAfterBothWrites(cache: InMemoryCache) {
  for (const [name, context] of Object.entries(contexts)) cache.writeQuery({ query: RELATED, variables: { id: 'x', context }, data: answerFor(name) });
  return Object.fromEntries(
    Object.entries(contexts).map(([name, context]) => [name, cache.readQuery<any>({ query: RELATED, variables: { id: 'x', context } })?.relatedContent.map((item: any) => item.entry.documentId)])
  );
}

test('without the policies, normalizing by documentId shows one context the other context variants', () => {
  const served = servedAfterBothWrites(new InMemoryCache({ dataIdFromObject: byDocumentId }));
  expect(served.car).toEqual(['offer-1-home', 'offer-2-home']);
});

test('with the policies, each context reads its own variants', () => {
  const cache = new InMemoryCache({ dataIdFromObject: byDocumentId, typePolicies: personalizeTypePolicies(['personalizedHeroBanner']) });
  expect(servedAfterBothWrites(cache)).toEqual({ car: ['offer-1-car', 'offer-2-car'], home: ['offer-1-home', 'offer-2-home'] });
});

test('one cache entry per query and context, not one per visitor id', () => {
  const cache = new InMemoryCache({ dataIdFromObject: byDocumentId, typePolicies: personalizeTypePolicies(['personalizedHeroBanner']) });
  const data = {
    personalizedHeroBanner: {
      __typename: 'PersonalizedHeroBanner',
      entry: { __typename: 'HeroBanner', documentId: 'hero-v', headline: 'Compare' },
      decision: { __typename: 'PersonalizationDecision', servedDocumentId: 'hero-v', reason: 'SEGMENT' },
    },
  };
  cache.writeQuery({ query: HERO, variables: { id: 'hero', context: { journeyStep: 'comparison', visitorId: 'v-1' } }, data });
  const read = cache.readQuery<any>({ query: HERO, variables: { id: 'hero', context: { visitorId: 'v-2', journeyStep: 'comparison' } } });
  expect(read?.personalizedHeroBanner.entry.headline).toBe('Compare');
  expect(cache.readQuery({ query: HERO, variables: { id: 'hero', context: { journeyStep: 'discovery' } } })).toBeNull();
  expect(Object.keys(cache.extract().ROOT_QUERY ?? {}).filter((key) => key.startsWith('personalizedHeroBanner'))).toHaveLength(1);
});

test('the key is the arguments without the visitor id, in a stable order', () => {
  expect(personalizedKeyArgs({ documentId: 'a', context: { visitorId: 'v', traits: { b: 1, a: 2 }, interests: ['x'] } })).toBe(
    '{"context":{"interests":["x"],"traits":{"a":2,"b":1}},"documentId":"a"}'
  );
  expect(personalizedKeyArgs({ context: null })).toBe('{"context":null}');
  expect(personalizedKeyArgs(null)).toBe('{}');
});
