import { ttlCache } from './ttl-cache';

const deferred = <T>() => {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
};

describe('ttlCache', () => {
  afterEach(() => jest.useRealTimers());

  test('reads once while fresh, again once stale', async () => {
    jest.useFakeTimers({ now: 0 });
    let reads = 0;
    const cache = ttlCache(async () => ++reads, 1000);
    expect(await cache.get()).toBe(1);
    jest.setSystemTime(999);
    expect(await cache.get()).toBe(1);
    jest.setSystemTime(1000);
    expect(await cache.get()).toBe(2);
  });

  test('concurrent reads share one load', async () => {
    let reads = 0;
    const cache = ttlCache(async () => ++reads, 1000);
    expect(await Promise.all([cache.get(), cache.get(), cache.get()])).toEqual([1, 1, 1]);
  });

  test('a load started before an invalidation is not kept', async () => {
    const first = deferred<string>();
    const loads = [first.promise, Promise.resolve('after')];
    const cache = ttlCache(() => loads.shift()!, 60_000);
    const early = cache.get();
    cache.invalidate();
    expect(await cache.get()).toBe('after');
    first.resolve('before');
    expect(await early).toBe('before');
    expect(await cache.get()).toBe('after');
  });

  test('a failed load is not kept: the next read tries again', async () => {
    let reads = 0;
    const cache = ttlCache(async () => {
      if (++reads === 1) throw new Error('database down');
      return reads;
    }, 60_000);
    await expect(cache.get()).rejects.toThrow('database down');
    expect(await cache.get()).toBe(2);
  });
});
