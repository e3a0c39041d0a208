/**
 * A value read from the database and kept in memory for a while: what every request needs
 * (segments, settings, experiments, the default locale) without a statement per request.
 * Concurrent reads while it loads share one load; a write through this instance invalidates it at
 * once, and other instances' writes are seen within `ttlMs`.
 */
export interface TtlCache<T> {
  get(): Promise<T>;
  invalidate(): void;
}

export const ttlCache = <T>(load: () => Promise<T>, ttlMs: number): TtlCache<T> => {
  let current: { value: T; at: number } | null = null;
  let loading: Promise<T> | null = null;
  // A load started before an invalidation must not store what it read.
  let generation = 0;

  return {
    get() {
      if (current && Date.now() - current.at < ttlMs) return Promise.resolve(current.value);
      if (loading) return loading;
      const started = generation;
      const run = load().then((value) => {
        if (started === generation) current = { value, at: Date.now() };
        return value;
      });
      loading = run;
      const done = () => {
        if (loading === run) loading = null;
      };
      run.then(done, done);
      return run;
    },

    invalidate() {
      current = null;
      loading = null;
      generation++;
    },
  };
};
