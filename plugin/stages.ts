/**
 * Funnel stages as content intents: the five kinds of content a visitor journey needs.
 * Order matters: it is the order of the journey, used for display and stable tie-breaking.
 */
export const STAGES = ['orient', 'inform', 'help', 'reassure', 'reward'] as const;
export type Stage = (typeof STAGES)[number];

/** Journey steps a front-end often knows better than the intent (TOFU, MOFU, BOFU, after the sale). */
export const JOURNEY_STEPS = ['discovery', 'comparison', 'conversion', 'onboarding', 'enrollment'] as const;
export type JourneyStep = (typeof JOURNEY_STEPS)[number];

/** The documented default mapping from journey step to stage; apps may override it in the plugin config. */
export const DEFAULT_STAGE_FOR_STEP: Readonly<Record<JourneyStep, Stage>> = {
  discovery: 'orient',
  comparison: 'inform',
  conversion: 'reassure',
  onboarding: 'help',
  enrollment: 'reward',
};

export const isStage = (value: unknown): value is Stage =>
  typeof value === 'string' && (STAGES as readonly string[]).includes(value);

export const isJourneyStep = (value: unknown): value is JourneyStep =>
  typeof value === 'string' && (JOURNEY_STEPS as readonly string[]).includes(value);
