/**
 * Measurement events as front-ends send them: an impression, a click or a conversion of what a
 * decision served. Read field by field from the open internet; a bad event is reported by its
 * index and the good ones are kept, so one bug in a tracker never loses a whole batch.
 */
import { isStage, type Stage } from './stages';

export const EVENT_TYPES = ['impression', 'click', 'conversion'] as const;
export type EventType = (typeof EVENT_TYPES)[number];

export const EVENT_LIMITS = Object.freeze({
  /** Events in one batch. */
  batch: 200,
  /** Length of a client id, a documentId, a goal, an arm. */
  text: 64,
  /** Length of a content-type uid, a segment slug, a visitor id. */
  longText: 255,
  /** How old an event may be when it arrives: older ones would rewrite closed days. */
  maxAgeMs: 7 * 24 * 3600 * 1000,
  /** Clocks differ: an event may claim to be this far in the future. */
  maxSkewMs: 5 * 60 * 1000,
});

export interface MeasuredEvent {
  /** Chosen by the client, unique per event: a retried batch is counted once. */
  id: string;
  type: EventType;
  /** The conversion's goal ('' for impressions and clicks). */
  goal: string;
  contentType: string;
  baseDocumentId: string;
  servedDocumentId: string;
  segment: string | null;
  stage: Stage | null;
  arm: string | null;
  visitorId: string | null;
  /** Epoch milliseconds. */
  occurredAt: number;
}

/** An event as a front-end sends it: `MeasuredEvent` on the wire (optional fields, an ISO date). */
export interface EventInput {
  id: string;
  type: EventType;
  /** Required for a conversion, absent otherwise. */
  goal?: string | null;
  contentType: string;
  baseDocumentId: string;
  servedDocumentId: string;
  /** The decision's `matchedSegment`, `matchedStage` and `arm`. */
  segment?: string | null;
  stage?: Stage | null;
  arm?: string | null;
  visitorId?: string | null;
  /** ISO 8601; the server's clock when absent. */
  occurredAt?: string | null;
}

/** The body of `POST /api/personalize/events`. */
export interface EventBatchInput {
  /** Whether the visitor consented to measurement: without it nothing is stored. */
  consent: boolean;
  events: EventInput[];
}

/** What the server answers a batch with. */
export interface EventBatchResult {
  /** Events stored now. */
  accepted: number;
  /** Events already stored by an earlier try of the same batch. */
  duplicates: number;
  rejected: Array<{ index: number; field: string; message: string }>;
  /** False when the visitor did not consent: nothing was stored. */
  consent: boolean;
}

export interface EventProblem {
  /** The event's position in the batch; null for the batch itself. */
  index: number | null;
  field: string;
  message: string;
}

export interface EventBatch {
  consent: boolean;
  events: Array<{ index: number; event: MeasuredEvent }>;
  problems: EventProblem[];
}

const ID = /^[A-Za-z0-9_.:-]+$/;
const GOAL = /^[a-z0-9][a-z0-9_-]*$/;

/** A conversion goal as events name it (an experiment optimizing a goal names it alike). */
export const isGoal = (value: unknown): value is string =>
  typeof value === 'string' && value.length <= EVENT_LIMITS.text && GOAL.test(value);
const FIELD_SET: { [F in keyof EventInput]-?: true } = {
  id: true,
  type: true,
  goal: true,
  contentType: true,
  baseDocumentId: true,
  servedDocumentId: true,
  segment: true,
  stage: true,
  arm: true,
  visitorId: true,
  occurredAt: true,
};
const FIELDS = Object.keys(FIELD_SET);

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Reads a batch `{ consent, events: [...] }`; `now` is the server's clock (epoch ms). */
export function readEventBatch(input: unknown, now: number): EventBatch {
  const problems: EventProblem[] = [];
  const batch: EventBatch = { consent: false, events: [], problems };
  if (!isObject(input)) {
    problems.push({ index: null, field: 'body', message: 'expected an object { consent, events }' });
    return batch;
  }
  if (typeof input.consent !== 'boolean') {
    problems.push({ index: null, field: 'consent', message: 'expected true or false: whether the visitor consented to measurement' });
    return batch;
  }
  batch.consent = input.consent;
  if (!Array.isArray(input.events) || input.events.length === 0 || input.events.length > EVENT_LIMITS.batch) {
    problems.push({ index: null, field: 'events', message: `expected a list of 1 to ${EVENT_LIMITS.batch} events` });
    return batch;
  }
  const seen = new Set<string>();
  input.events.forEach((raw, index) => {
    const problem = (field: string, message: string) => problems.push({ index, field: `events[${index}]${field ? `.${field}` : ''}`, message });
    if (!isObject(raw)) return problem('', 'expected an event object');
    const unknown = Object.keys(raw).find((key) => !FIELDS.includes(key));
    if (unknown !== undefined) return problem(unknown.slice(0, 64), 'not a field of an event');
    const event = readEvent(raw, now, problem);
    if (!event) return;
    if (seen.has(event.id)) return problem('id', 'appears twice in this batch');
    seen.add(event.id);
    batch.events.push({ index, event });
  });
  return batch;
}

function readEvent(raw: Record<string, unknown>, now: number, report: (field: string, message: string) => void): MeasuredEvent | null {
  let bad = false;
  const problem = (field: string, message: string) => {
    bad = true;
    report(field, message);
  };
  const text = (field: string, max: number, pattern?: RegExp): string | null | undefined => {
    const value = raw[field];
    if (value === undefined || value === null) return null;
    if (typeof value !== 'string' || value.length === 0 || value.length > max || (pattern && !pattern.test(value))) {
      problem(field, `expected a string of 1 to ${max} characters${pattern ? ` matching ${pattern.source}` : ''}`);
      return undefined;
    }
    return value;
  };
  const id = text('id', EVENT_LIMITS.text, ID);
  if (id === null) problem('id', 'required: a client-chosen id, unique per event');
  const type = raw.type;
  if (!(EVENT_TYPES as readonly unknown[]).includes(type)) problem('type', `expected one of ${EVENT_TYPES.join(', ')}`);
  const goal = text('goal', EVENT_LIMITS.text, GOAL);
  if (type === 'conversion' && goal === null) problem('goal', 'required for a conversion: the goal reached');
  if (type !== 'conversion' && typeof goal === 'string') problem('goal', 'only conversions have a goal');
  const contentType = text('contentType', EVENT_LIMITS.longText);
  const base = text('baseDocumentId', EVENT_LIMITS.text, ID);
  const served = text('servedDocumentId', EVENT_LIMITS.text, ID);
  for (const [field, value] of [['contentType', contentType], ['baseDocumentId', base], ['servedDocumentId', served]] as const) {
    if (value === null) problem(field, 'required');
  }
  const segment = text('segment', EVENT_LIMITS.longText);
  const stage = raw.stage ?? null;
  if (stage !== null && !isStage(stage)) problem('stage', 'expected a stage or null');
  const arm = text('arm', EVENT_LIMITS.text);
  const visitorId = text('visitorId', EVENT_LIMITS.longText);
  let occurredAt = now;
  if (raw.occurredAt !== undefined && raw.occurredAt !== null) {
    const at = typeof raw.occurredAt === 'string' ? Date.parse(raw.occurredAt) : NaN;
    if (Number.isNaN(at)) problem('occurredAt', 'expected an ISO 8601 date-time');
    else if (at > now + EVENT_LIMITS.maxSkewMs) problem('occurredAt', 'is in the future');
    else if (at < now - EVENT_LIMITS.maxAgeMs) problem('occurredAt', 'is more than 7 days old');
    else occurredAt = at;
  }
  if (bad) return null;
  return {
    id: id as string,
    type: type as EventType,
    goal: goal ?? '',
    contentType: contentType as string,
    baseDocumentId: base as string,
    servedDocumentId: served as string,
    segment: segment ?? null,
    stage: stage as Stage | null,
    arm: arm ?? null,
    visitorId: visitorId ?? null,
    occurredAt,
  };
}

/** The UTC day of an event, the unit of the reports. */
export const dayOf = (at: number) => new Date(at).toISOString().slice(0, 10);
