import type { DemoType } from './types';

/** A single type: its variants are further documents of the type, reached through the base. */
export const HOMEPAGE: DemoType = {
  uid: 'api::homepage.homepage',
  labelField: 'title',
  personalized: true,
  localized: false,
  entries: [
    {
      data: { title: 'Welcome to Northwind Insurance', intro: 'Cover for the car, the home, your health and your travels.' },
      tags: ['home', 'car'],
      variants: [
        {
          segments: ['customer'],
          stage: 'reward',
          tags: ['loyalty'],
          data: { title: 'Welcome back', intro: 'Your loyalty discount is waiting in your account.' },
        },
        {
          segments: ['prospect'],
          stage: null,
          tags: ['pricing'],
          data: { title: 'Your quote is saved', intro: 'Pick up where you left off: it takes two minutes.' },
        },
      ],
    },
  ],
};
