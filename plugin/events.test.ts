import cases from './events.cases.json';
import { readEventBatch } from './events';

/** The server's clock in every case, so that occurredAt limits are exact. */
const NOW = Date.parse('2026-11-30T12:00:00.000Z');

type Expected = { consent: boolean; accepted: number[]; problems: string[]; first?: Record<string, unknown> & { occurredAt: string } };

describe('readEventBatch', () => {
  test.each(cases as Array<[string, unknown, Expected]>)('%s', (_name, input, expected) => {
    const batch = readEventBatch(JSON.parse(JSON.stringify(input)), NOW);
    expect(batch.consent).toBe(expected.consent);
    expect(batch.events.map((e) => e.index)).toEqual(expected.accepted);
    expect(batch.problems.map((p) => p.field)).toEqual(expected.problems);
    if (expected.first) {
      expect(batch.events[0].event).toEqual({ ...expected.first, occurredAt: Date.parse(expected.first.occurredAt) });
    }
  });
});
