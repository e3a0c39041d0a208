import { DEFAULT_STAGE_FOR_STEP, JOURNEY_STEPS, isStage } from '../../../plugin/stages';

/**
 * `stageForStep`: the stage a journey step stands for, when a front-end sends `journeyStep`
 * rather than `stage`. Apps override any part of it in `config/plugins.ts`.
 */
export default {
  default: { stageForStep: { ...DEFAULT_STAGE_FOR_STEP } },
  validator(config: { stageForStep?: Record<string, unknown> }) {
    for (const [step, stage] of Object.entries(config.stageForStep ?? {})) {
      if (!(JOURNEY_STEPS as readonly string[]).includes(step)) {
        throw new Error(`[personalize] config.stageForStep.${step}: unknown journey step (${JOURNEY_STEPS.join(', ')})`);
      }
      if (!isStage(stage)) {
        throw new Error(`[personalize] config.stageForStep.${step}: "${String(stage)}" is not a stage`);
      }
    }
  },
};
