import type { DemoType } from './types';

export const ARTICLES: DemoType = {
  uid: 'api::article.article',
  labelField: 'slug',
  personalized: true,
  localized: true,
  entries: [
    {
      data: {
        title: 'How to choose your car insurance',
        slug: 'how-to-choose-your-car-insurance',
        summary: 'Third party, third party plus or comprehensive: the three questions that decide.',
        body: 'Start from the value of your car, how much you drive and the excess you can afford.',
        readingMinutes: 5,
      },
      fr: {
        title: 'Comment choisir son assurance auto',
        slug: 'comment-choisir-son-assurance-auto',
        summary: 'Tiers, tiers étendu ou tous risques : les trois questions qui décident.',
        body: 'Partez de la valeur de votre voiture, de vos kilomètres et de la franchise acceptable.',
      },
      tags: ['car', 'pricing'],
      variants: [
        {
          segments: ['young-drivers'],
          stage: 'orient',
          tags: ['young-drivers', 'car'],
          data: {
            title: 'Your first car insurance, step by step',
            summary: 'New drivers pay more: here is how to choose well and pay less.',
            body: 'Be added as a named driver first, pick a sensible excess, and ask about coaching.',
          },
          fr: {
            title: 'Votre première assurance auto, pas à pas',
            summary: 'Les jeunes conducteurs paient plus : comment bien choisir et payer moins.',
            body: 'Commencez en conducteur secondaire, choisissez une franchise raisonnable.',
          },
        },
        {
          segments: ['suspect'],
          stage: 'inform',
          tags: ['car'],
          data: {
            title: 'Car insurance covers, explained in one page',
            summary: 'What third party, theft, fire and own damage each pay for.',
          },
        },
      ],
    },
    {
      data: {
        title: 'What to do after a car accident',
        slug: 'what-to-do-after-a-car-accident',
        summary: 'Five steps, from the accident report to the repair.',
        body: 'Make sure everyone is safe, fill in the accident report together, then call us.',
        readingMinutes: 4,
      },
      tags: ['car', 'claims', 'support'],
      variants: [
        {
          segments: ['anonymous'],
          stage: 'help',
          tags: ['claims'],
          data: {
            title: 'Just had an accident? The checklist',
            summary: 'The five things to do now, whoever your insurer is.',
          },
        },
      ],
    },
    {
      data: {
        title: 'Home insurance checklist before moving',
        slug: 'home-insurance-checklist-before-moving',
        summary: 'Insure the new place from the day you get the keys.',
        body: 'Count your rooms, list your valuables and decide if you need cover for your garden.',
        readingMinutes: 3,
      },
      fr: {
        title: 'Assurance habitation : la check-list avant de déménager',
        slug: 'check-list-assurance-habitation-avant-demenager',
        summary: 'Assurez le nouveau logement dès la remise des clés.',
        body: 'Comptez vos pièces, listez vos objets de valeur, pensez au jardin.',
      },
      tags: ['home', 'family'],
      variants: [
        {
          segments: ['home-insurance'],
          stage: 'inform',
          tags: ['home'],
          data: {
            title: 'Moving home: what your home insurance covers on the day',
            summary: 'Your belongings in the van, the old flat and the new one.',
          },
          fr: {
            title: 'Déménagement : ce que couvre votre assurance habitation',
            summary: 'Vos affaires dans le camion, l’ancien logement et le nouveau.',
          },
        },
      ],
    },
    {
      data: {
        title: 'Travel insurance explained',
        slug: 'travel-insurance-explained',
        summary: 'Single trip or annual cover, and what your bank card already includes.',
        body: 'Check the medical ceiling, the cancellation reasons covered and the countries excluded.',
        readingMinutes: 6,
      },
      tags: ['travel'],
      variants: [
        {
          segments: ['travel-insurance'],
          stage: 'orient',
          tags: ['travel'],
          data: {
            title: 'Single trip or annual travel cover?',
            summary: 'Two trips a year or more: annual cover usually costs less.',
          },
        },
      ],
    },
    {
      data: {
        title: 'Five ways to lower your premiums',
        slug: 'five-ways-to-lower-your-premiums',
        summary: 'Bundle policies, raise your excess, drive less and greener.',
        body: 'Low-mileage and eco-driving discounts add up with a multi-policy bonus.',
        readingMinutes: 4,
      },
      tags: ['savings', 'pricing', 'ecology'],
      variants: [
        {
          segments: ['customer'],
          stage: 'reward',
          tags: ['loyalty', 'savings'],
          data: {
            title: 'Your customer discounts, all in one place',
            summary: 'Multi-policy bonus, claim-free years and partner offers.',
          },
        },
      ],
    },
  ],
};
