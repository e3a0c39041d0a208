/**
 * Impressions as an honest measure of what was seen: an element counts once it has been at least
 * half visible for a whole second while the page is visible, and only once per page view for the
 * same served entry. Where there is no IntersectionObserver (a server), nothing is observed.
 */

export interface Impressions<T> {
  /** Watches an element showing `item`; returns what stops watching it. */
  observe(element: Element, item: T, key: string): () => void;
  /** A new page view: elements still on the page may count again. */
  reset(): void;
}

const RATIO = 0.5;
const DWELL_MS = 1000;

export function createImpressions<T>(onSeen: (item: T) => void): Impressions<T> {
  const watched = new Map<Element, { item: T; key: string; timer?: ReturnType<typeof setTimeout> }>();
  let seen = new WeakMap<Element, Set<string>>();
  const onEntries = (entries: IntersectionObserverEntry[]) => {
    for (const entry of entries) {
      const watch = watched.get(entry.target);
      if (!watch) continue;
      clearTimeout(watch.timer);
      watch.timer = undefined;
      if (!entry.isIntersecting || entry.intersectionRatio < RATIO || seen.get(entry.target)?.has(watch.key)) continue;
      watch.timer = setTimeout(() => {
        if (document.visibilityState !== 'visible' || watched.get(entry.target) !== watch) return;
        const keys = seen.get(entry.target) ?? new Set<string>();
        if (keys.has(watch.key)) return;
        seen.set(entry.target, keys.add(watch.key));
        onSeen(watch.item);
      }, DWELL_MS);
    }
  };
  const observer = typeof IntersectionObserver !== 'undefined' ? new IntersectionObserver(onEntries, { threshold: [0, RATIO, 1] }) : null;

  /** Observing again makes the observer report each element's current visibility. */
  const restart = () => {
    for (const [element, watch] of watched) {
      clearTimeout(watch.timer);
      observer?.unobserve(element);
      observer?.observe(element);
    }
  };
  if (observer) document.addEventListener('visibilitychange', () => document.visibilityState === 'visible' && restart());

  return {
    observe(element, item, key) {
      if (!observer) return () => {};
      clearTimeout(watched.get(element)?.timer);
      watched.set(element, { item, key });
      observer.unobserve(element);
      observer.observe(element);
      return () => {
        clearTimeout(watched.get(element)?.timer);
        watched.delete(element);
        observer.unobserve(element);
      };
    },
    reset() {
      seen = new WeakMap();
      restart();
    },
  };
}
