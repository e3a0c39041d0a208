import cases from './profile.cases.json';
import type { ContextInput } from './context';
import type { Behaviour } from './interests';
import { createProfile, profileConfig, recordArm, recordBehaviour, recordPage, setVisitorState, type PageView, type Profile, type ProfileOptions, type VisitorState } from './profile';
import { explainStage, toContext, type StageExplanation } from './profile-context';
import { profileAsWritten } from '../tests/support/profile-times';

type Step = { at: string } & (
  | { page: PageView }
  | { behaviour: Behaviour; tags?: string[]; name?: string }
  | { state: VisitorState }
  | { decision: { arm: string | null; experiment: string | null } }
);
interface Script {
  visitorId?: string;
  config?: ProfileOptions;
  steps: Step[];
  /** When the context is asked for; the last step's time when absent. */
  now?: string;
}
interface Expected {
  /** Part of the profile, with times as ISO strings. */
  profile?: Record<string, unknown>;
  context?: ContextInput;
  stage?: StageExplanation;
  /** The actions kept, most recent first. */
  actionNames?: string[];
}
type VisitorCase = [name: string, script: Script, expected: Expected];

function runScript(script: Script): { profile: Profile; now: number; config: ReturnType<typeof profileConfig> } {
  const config = profileConfig(script.config);
  const start = Date.parse(script.steps[0].at);
  let profile = createProfile(start, script.visitorId ?? null);
  for (const step of script.steps) {
    const at = Date.parse(step.at);
    if ('page' in step) profile = recordPage(profile, step.page, at, config);
    else if ('behaviour' in step) profile = recordBehaviour(profile, step.behaviour, { tags: step.tags, name: step.name }, at, config);
    else if ('state' in step) profile = setVisitorState(profile, step.state, at);
    else profile = recordArm(profile, step.decision);
  }
  const now = Date.parse(script.now ?? script.steps[script.steps.length - 1].at);
  return { profile, now, config };
}

describe('a scripted visitor', () => {
  test.each(cases.visitor as unknown as VisitorCase[])('%s', (_name, script, expected) => {
    const { profile, now, config } = runScript(script);
    if (expected.profile) expect(profileAsWritten(profile)).toMatchObject(expected.profile);
    if (expected.context) expect(toContext(profile, now, config)).toEqual(expected.context);
    if (expected.stage) expect(explainStage(profile, now, config)).toEqual(expected.stage);
    if (expected.actionNames) expect(Object.keys(profile.actions).sort((a, b) => profile.actions[b].last - profile.actions[a].last)).toEqual(expected.actionNames);
  });
});

test('every case checks something', () => {
  for (const [name, , expected] of cases.visitor as unknown as VisitorCase[]) expect([name, Object.keys(expected).length > 0]).toEqual([name, true]);
});

test('updates return a new profile and leave the old one as it was', () => {
  const config = profileConfig();
  const before = recordPage(createProfile(0), { path: '/' }, 0, config);
  const copy = JSON.parse(JSON.stringify(before));
  recordPage(before, { path: '/car', tags: ['car'] }, 1000, config);
  recordBehaviour(before, 'action', { name: 'start', tags: ['car'] }, 2000, config);
  setVisitorState(before, { customer: true, stage: 'help' }, 3000);
  expect(before).toEqual(copy);
});
