import { DEFAULT_BANDIT_CONTROLS, validateBanditControls } from '../../../plugin/bandit';
import { isGoal } from '../../../plugin/events';
import type { ExperimentOptimize } from '../../../shared/contracts/admin';
import type { Problem } from '../utils/errors';

/**
 * What an editor asks a bandit to optimize, and its controls: `null` (a fixed split), or
 * `{ metric: 'clicks' }`, or `{ metric: 'conversions', goal }`, with `minShare`, `pinned` and
 * `paused` (each defaulting as the engine says). Problems name `optimize.<field>`.
 */
export function readOptimize(input: unknown, armNames: readonly string[]): { optimize: ExperimentOptimize | null; problems: Problem[] } {
  if (input === null || input === undefined) return { optimize: null, problems: [] };
  if (typeof input !== 'object' || Array.isArray(input)) {
    return { optimize: null, problems: [{ field: 'optimize', message: 'null for a fixed split, or { metric, goal, minShare, pinned, paused }' }] };
  }
  const { metric, goal = null, ...controlsInput } = input as Record<string, unknown>;
  const problems: Problem[] = [];
  if (metric !== 'clicks' && metric !== 'conversions') problems.push({ field: 'optimize.metric', message: '"clicks" or "conversions"' });
  if (metric === 'conversions' && !isGoal(goal)) {
    problems.push({ field: 'optimize.goal', message: 'the conversion goal, as events name it: lowercase letters, digits, - and _' });
  }
  if (metric === 'clicks' && goal !== null) problems.push({ field: 'optimize.goal', message: 'null: clicks have no goal' });
  const { controls, problems: controlProblems } = validateBanditControls({ ...DEFAULT_BANDIT_CONTROLS, ...controlsInput }, armNames);
  const unknown = Object.keys(controlsInput).find((key) => !(key in DEFAULT_BANDIT_CONTROLS));
  if (unknown !== undefined) problems.push({ field: `optimize.${unknown.slice(0, 64)}`, message: 'not a field: metric, goal, minShare, pinned, paused' });
  problems.push(...controlProblems.map(({ field, message }) => ({ field: `optimize.${field}`, message })));
  if (problems.length > 0 || controls === null) return { optimize: null, problems };
  return { optimize: { metric: metric as ExperimentOptimize['metric'], goal: metric === 'conversions' ? (goal as string) : null, ...controls }, problems };
}
