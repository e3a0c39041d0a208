import type { DemoType } from './types';

// Not opted in to personalization: no variants, no tags (the plugin adds no fields here).
export const FAQS: DemoType = {
  uid: 'api::faq.faq',
  labelField: 'question',
  personalized: false,
  localized: false,
  entries: [
    {
      data: {
        question: 'How do I report a claim?',
        answer: 'From your account, in the app, or by phone 24/7. Keep photos and receipts.',
      },
      tags: [],
    },
    {
      data: {
        question: 'Can I cancel my policy at any time?',
        answer: 'Yes, after the first year, with one month of notice and no fee.',
      },
      tags: [],
    },
    {
      data: {
        question: 'When is my premium taken?',
        answer: 'On the 5th of each month by direct debit, or once a year if you prefer.',
      },
      tags: [],
    },
    {
      data: {
        question: 'Is my data shared with partners?',
        answer: 'No. We only share what a repairer or a doctor needs to handle your claim.',
      },
      tags: [],
    },
  ],
};
