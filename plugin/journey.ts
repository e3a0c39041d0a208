/**
 * Where the visitor is in the journey, from what they did: rules are data (the site may replace
 * them), evaluated in order, the first that holds wins and is named as the reason. A rule holds
 * when each of its facts is at least the given number, so `{}` always holds (a fallback).
 * Pure; never throws: a rule of the wrong shape simply does not hold.
 */
import { isJourneyStep, type JourneyStep } from './stages';

export interface JourneyRule {
  /** Said as the reason, e.g. "returning visitor". */
  name: string;
  step: JourneyStep;
  /**
   * Each fact at least this number. Facts: `visits`, `identified` and `customer` (1 or 0),
   * `customerDays` (days since the visitor became a customer, 0 otherwise), `conversions`,
   * `action.<name>` (recent `track(name)` calls) and `goal.<goal>` (recent conversions of a goal).
   */
  when: Record<string, number>;
}

/**
 * The default rules, most advanced first: a customer over time (enrollment), a new customer
 * (onboarding), a conversion started or done (conversion), offers compared or a return visit
 * (comparison), else a first visit (discovery).
 */
export const DEFAULT_JOURNEY_RULES: readonly JourneyRule[] = [
  { name: 'customer for 30 days or more', step: 'enrollment', when: { customerDays: 30 } },
  { name: 'new customer', step: 'onboarding', when: { customer: 1 } },
  { name: 'started a conversion', step: 'conversion', when: { 'action.start': 1 } },
  { name: 'converted', step: 'conversion', when: { conversions: 1 } },
  { name: 'compared offers', step: 'comparison', when: { 'action.compare': 1 } },
  { name: 'returning visitor', step: 'comparison', when: { visits: 2 } },
  { name: 'first visit', step: 'discovery', when: {} },
];

export type JourneyFacts = Record<string, number>;

export interface JourneyMatch {
  step: JourneyStep;
  /** The rule that fired. */
  rule: string;
  /** The rule with the facts that made it hold, e.g. `returning visitor (visits 3 >= 2)`. */
  why: string;
}

/** The first rule that holds for these facts; null when none does. A missing fact counts 0. */
export function inferJourney(facts: JourneyFacts, rules: readonly JourneyRule[]): JourneyMatch | null {
  for (const rule of Array.isArray(rules) ? rules : []) {
    if (!rule || !isJourneyStep(rule.step) || typeof rule.when !== 'object' || rule.when === null) continue;
    const conditions = Object.entries(rule.when);
    const holds = conditions.every(([fact, min]) => typeof min === 'number' && (facts[fact] ?? 0) >= min);
    if (!holds) continue;
    const name = String(rule.name);
    const shown = conditions.map(([fact, min]) => `${fact} ${facts[fact] ?? 0} >= ${min}`).join(', ');
    return { step: rule.step, rule: name, why: shown ? `${name} (${shown})` : name };
  }
  return null;
}
