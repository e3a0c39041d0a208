import type { DemoType } from './types';

export const TESTIMONIALS: DemoType = {
  uid: 'api::testimonial.testimonial',
  labelField: 'quote',
  personalized: true,
  localized: false,
  entries: [
    {
      data: {
        quote: 'Someone hit my parked car on a Friday; it was repaired by Wednesday.',
        author: 'Julia, Leeds',
        product: 'car',
      },
      tags: ['car', 'claims'],
      variants: [
        {
          segments: ['prospect'],
          stage: 'reassure',
          tags: ['car', 'support'],
          data: {
            quote: 'I compared five insurers. Same price, but here a human answered in two minutes.',
            author: 'Tom, Bristol',
          },
        },
      ],
    },
    {
      data: {
        quote: 'A pipe burst during our holiday. The plumber was there before we got home.',
        author: 'Amina and Paul, Manchester',
        product: 'home',
      },
      tags: ['home', 'claims'],
      variants: [
        {
          segments: ['home-insurance'],
          stage: 'reassure',
          tags: ['home'],
          data: {
            quote: 'Switching my home insurance took ten minutes, and they cancelled the old one for me.',
            author: 'Grace, York',
          },
        },
      ],
    },
    {
      data: {
        quote: 'New glasses for the whole family, and nothing to pay at the optician.',
        author: 'Sophie, Norwich',
        product: 'health',
      },
      tags: ['health'],
    },
  ],
};
