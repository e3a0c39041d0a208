import { createImpressions } from './impressions';

/** A stand-in IntersectionObserver that the test drives, and a document whose visibility it sets. */
class FakeObserver {
  static last: FakeObserver;
  observed = new Set<Element>();
  constructor(readonly callback: (entries: Array<Partial<IntersectionObserverEntry>>) => void) {
    FakeObserver.last = this;
  }
  observe(element: Element) {
    this.observed.add(element);
  }
  unobserve(element: Element) {
    this.observed.delete(element);
  }
  show(target: Element, ratio: number) {
    this.callback([{ target, isIntersecting: ratio > 0, intersectionRatio: ratio }]);
  }
}
const listeners: Array<() => void> = [];
const doc = { visibilityState: 'visible', addEventListener: (_: string, fn: () => void) => listeners.push(fn) };

beforeAll(() => {
  Object.assign(globalThis, { IntersectionObserver: FakeObserver, document: doc });
});
afterAll(() => {
  delete (globalThis as any).IntersectionObserver;
  delete (globalThis as any).document;
});
beforeEach(() => {
  jest.useFakeTimers();
  doc.visibilityState = 'visible';
});
afterEach(() => jest.useRealTimers());

const element = (name: string) => ({ name }) as unknown as Element;

function setup() {
  const seen: string[] = [];
  const impressions = createImpressions<string>((item) => seen.push(item));
  return { seen, impressions, io: FakeObserver.last };
}

test('half visible for a whole second counts once', () => {
  const { seen, impressions, io } = setup();
  const hero = element('hero');
  impressions.observe(hero, 'hero', 'v1');
  io.show(hero, 0.6);
  jest.advanceTimersByTime(999);
  expect(seen).toEqual([]);
  jest.advanceTimersByTime(1);
  expect(seen).toEqual(['hero']);
  io.show(hero, 0);
  io.show(hero, 1);
  jest.advanceTimersByTime(5000);
  expect(seen).toEqual(['hero']);
});

test('less than half visible, or scrolled away before a second, does not count', () => {
  const { seen, impressions, io } = setup();
  const hero = element('hero');
  impressions.observe(hero, 'hero', 'v1');
  io.show(hero, 0.4);
  jest.advanceTimersByTime(2000);
  io.show(hero, 0.9);
  jest.advanceTimersByTime(600);
  io.show(hero, 0.2);
  jest.advanceTimersByTime(2000);
  expect(seen).toEqual([]);
});

test('each element counts on its own; a new served entry in the same element counts again', () => {
  const { seen, impressions, io } = setup();
  const [a, b] = [element('a'), element('b')];
  impressions.observe(a, 'a', 'v1');
  impressions.observe(b, 'b', 'v1');
  io.show(a, 1);
  io.show(b, 1);
  jest.advanceTimersByTime(1000);
  impressions.observe(a, 'a2', 'v2');
  io.show(a, 1);
  jest.advanceTimersByTime(1000);
  expect(seen).toEqual(['a', 'b', 'a2']);
});

test('a hidden page does not count; a new page view counts again', () => {
  const { seen, impressions, io } = setup();
  const hero = element('hero');
  impressions.observe(hero, 'hero', 'v1');
  io.show(hero, 1);
  doc.visibilityState = 'hidden';
  jest.advanceTimersByTime(1000);
  expect(seen).toEqual([]);
  doc.visibilityState = 'visible';
  listeners.forEach((fn) => fn());
  expect(io.observed.has(hero)).toBe(true);
  io.show(hero, 1);
  jest.advanceTimersByTime(1000);
  impressions.reset();
  io.show(hero, 1);
  jest.advanceTimersByTime(1000);
  expect(seen).toEqual(['hero', 'hero']);
});

test('an element no longer observed does not count', () => {
  const { seen, impressions, io } = setup();
  const hero = element('hero');
  const stop = impressions.observe(hero, 'hero', 'v1');
  io.show(hero, 1);
  stop();
  jest.advanceTimersByTime(2000);
  expect(seen).toEqual([]);
  expect(io.observed.has(hero)).toBe(false);
});
