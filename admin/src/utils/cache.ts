import * as React from 'react';

const ERROR_RETRY = 5_000;

/** One cached value: set once loaded (or failed); `loading` while a request is out. */
export interface CacheEntry<V> {
  value?: V;
  error?: unknown;
  loadedAt: number;
  loading: boolean;
}

/**
 * A tiny keyed cache kept in module scope, shared by every component that reads it (the
 * list-view cells of a whole table read one request). Entries are replaced, never mutated,
 * so `useSyncExternalStore` sees each change.
 */
export class KeyedCache<V> {
  private readonly entries = new Map<string, CacheEntry<V>>();
  private readonly listeners = new Set<() => void>();

  constructor(
    private readonly load: (key: string) => Promise<V>,
    /** How long a loaded value is fresh, in ms. */
    private readonly ttl: number
  ) {}

  subscribe = (listener: () => void) => {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  };

  get = (key: string): CacheEntry<V> | undefined => this.entries.get(key);

  /** Loads the key unless a fresh value (younger than maxAge) is there or a request is out. */
  ensure(key: string, maxAge = this.ttl): void {
    const entry = this.entries.get(key);
    if (entry?.loading) return;
    // A failed load is tried again after a few seconds, whatever the ttl.
    if (entry && Date.now() - entry.loadedAt < (entry.error === undefined ? maxAge : ERROR_RETRY)) return;
    this.set(key, { ...entry, loadedAt: entry?.loadedAt ?? 0, loading: true });
    this.load(key).then(
      (value) => this.set(key, { value, loadedAt: Date.now(), loading: false }),
      (error) => this.set(key, { value: entry?.value, error, loadedAt: Date.now(), loading: false })
    );
  }

  /** Forgets every key (or one): the next reader loads it again. */
  invalidate(key?: string): void {
    if (key === undefined) this.entries.clear();
    else this.entries.delete(key);
    this.notify();
  }

  private set(key: string, entry: CacheEntry<V>) {
    this.entries.set(key, entry);
    this.notify();
  }

  private notify() {
    for (const listener of this.listeners) listener();
  }
}

/** Reads a key of a cache, loading it when missing or stale; re-renders when it changes. */
export function useCacheEntry<V>(cache: KeyedCache<V>, key: string | null): CacheEntry<V> | undefined {
  const entry = React.useSyncExternalStore(cache.subscribe, () => (key === null ? undefined : cache.get(key)));
  React.useEffect(() => {
    if (key !== null) cache.ensure(key);
  }, [cache, key]);
  return entry;
}
