import fs from 'fs';
import path from 'path';
import { DEFAULT_INTEREST_CONFIG } from '../../plugin/interests';
import { DEFAULT_JOURNEY_RULES } from '../../plugin/journey';
import { createProfile, DEFAULT_PROFILE_CONFIG } from '../../plugin/profile';
import { profileTraits } from '../../plugin/profile-context';
import { COOKIE_BYTES } from '../../plugin/profile-cookie';
import { DEFAULT_QUEUE } from './queue';

/** The README's section on the kit says what the code does: its tables and numbers are checked here. */
const README = fs.readFileSync(path.resolve(__dirname, '../../README.md'), 'utf8');
const section = README.slice(README.indexOf('## The visitor side: the front-end kit'), README.indexOf('## Segments, tags and the rule language'));

test('the default journey rules, in order, with their facts', () => {
  const table = section.slice(section.indexOf('| rule (the default, in order)'));
  const rows = table.slice(0, table.indexOf('\n\n')).split('\n').slice(2).map((line) => line.split('|').map((cell) => cell.trim()));
  const written = rows.map(([, name, step, holds]) => [name, step, holds.match(/`[\w.]+` >= \d+|always/g)]);
  const rules = DEFAULT_JOURNEY_RULES.map(({ name, step, when }) => {
    const conditions = Object.entries(when).map(([fact, min]) => `\`${fact}\` >= ${min}`);
    return [name, `\`${step}\``, conditions.length ? conditions : ['always']];
  });
  expect(written).toEqual(rules);
});

test('every trait the profile sends is in the profile table', () => {
  const full = { ...createProfile(0, 'v'), identified: true, device: 'mobile' as const, language: 'fr', country: 'FR', landingPage: '/' };
  const utm = { source: 's', medium: 'm', campaign: 'c' };
  const table = section.slice(section.indexOf('| field | what | trait'), section.indexOf('`visits`, `identified` and `customer` are the traits'));
  for (const trait of Object.keys(profileTraits({ ...full, utm, firstUtm: utm })).filter((t) => !/Utm|^utm/.test(t))) expect(table).toContain(`\`${trait}\``);
  expect(table).toContain('`firstUtmSource` ... `utmCampaign`');
});

test('the numbers: cookie cap, visit timeout, interests, events', () => {
  const { weights, cap, halfLifeDays, top, threshold, keep } = DEFAULT_INTEREST_CONFIG;
  expect(section).toContain(`at most **${COOKIE_BYTES.toLocaleString('en')} bytes**`);
  expect(section).toContain(`a page view after ${DEFAULT_PROFILE_CONFIG.visitTimeoutMinutes} minutes without one starts a new visit`);
  expect(section).toContain(
    `adds ${weights.view} to the visitor's score for that tag,\na click ${weights.click}, an app's action ${weights.action}`
  );
  expect(section).toContain(`conversion ${weights.conversion}; a score is capped at ${cap} and halves every ${halfLifeDays} days; the ${top} strongest at ${threshold} or more`);
  expect(section).toContain(`at most ${keep} are kept`);
  expect(section).toContain(`wait ${DEFAULT_QUEUE.delayMs / 1000} s to go\nin batches of up to ${DEFAULT_QUEUE.batchSize}`);
  expect(section).toContain(`up to ${DEFAULT_QUEUE.maxTries} tries`);
  expect(section).toContain(`wait at most ${DEFAULT_QUEUE.maxQueue} at a\ntime`);
});
