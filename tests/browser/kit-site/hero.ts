/** The hero of the test page, rendered the same way on the server (the test, in Node) and in the browser. */
import { createElement as h } from 'react';
import type { Personalize, Read } from '../../../client/src/exports/client';
import { PersonalizeProvider, Personalized } from '../../../client/src/exports/react';

export const HERO_ITEM: Read = {
  entry: { documentId: 'hero-variant', headline: 'Still comparing? Your car quote is saved', contentTags: [{ slug: 'car' }] },
  decision: {
    baseDocumentId: 'hero-base',
    servedDocumentId: 'hero-variant',
    isVariant: true,
    reason: 'SEGMENT',
    matchedSegment: 'car-insurance',
    matchedStage: null,
    visitorSegments: ['car-insurance'],
    ignored: [],
    error: null,
    arm: null,
    experiment: null,
    cacheKey: 'v1:hero-variant:1:-:SEGMENT:car-insurance:-',
  },
  contentType: 'api::hero-banner.hero-banner',
};

export const heroTree = (kit: Personalize, item: Read) =>
  h(
    PersonalizeProvider,
    { kit },
    h(Personalized, {
      item,
      as: 'section',
      id: 'hero',
      children: (entry: any) => [h('h1', { key: 'title' }, entry.headline), h('a', { key: 'cta', href: '#quote' }, 'Resume my quote')],
    })
  );
