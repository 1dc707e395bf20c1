import { describe, expect, it } from 'vitest';

import { TtlCache } from './cache';

describe('TtlCache', () => {
  it('shares one load between concurrent callers and serves it until it expires', async () => {
    let now = 0;
    let loads = 0;
    const cache = new TtlCache<number>(10, () => now);
    const load = async () => {
      loads++;
      await new Promise((r) => setTimeout(r, 5));
      return loads;
    };
    const [a, b] = await Promise.all([cache.get('k', 100, load), cache.get('k', 100, load)]);
    expect([a, b, loads]).toEqual([1, 1, 1]);
    now = 99;
    expect(await cache.get('k', 100, load)).toBe(1);
    now = 100;
    expect(cache.has('k')).toBe(false);
    expect(await cache.get('k', 100, load)).toBe(2);
    expect(cache.has('k')).toBe(true);
  });

  it('does not cache failures and evicts the oldest entry when full', async () => {
    const cache = new TtlCache<string>(2);
    await expect(cache.get('x', 1000, () => Promise.reject(new Error('down')))).rejects.toThrow(
      'down',
    );
    expect(await cache.get('x', 1000, async () => 'up')).toBe('up');
    await cache.get('y', 1000, async () => 'y');
    await cache.get('z', 1000, async () => 'z');
    expect(await cache.get('x', 1000, async () => 'reloaded')).toBe('reloaded');
  });

  it('stale-while-revalidate: serves a stale value while one background load replaces it', async () => {
    let now = 0;
    let loads = 0;
    let fail = false;
    const cache = new TtlCache<number>(10, () => now);
    const load = async () => {
      loads++;
      if (fail) throw new Error('down');
      return loads;
    };
    const get = () => cache.getOrRevalidate('k', 10, 100, load);
    expect(await get()).toBe(1);
    now = 9;
    expect([await get(), loads]).toEqual([1, 1]); // fresh
    now = 50;
    // Stale: answered at once with the old value; two callers start one background load.
    expect(await Promise.all([get(), get()])).toEqual([1, 1]);
    expect(loads).toBe(2);
    await new Promise((r) => setTimeout(r, 0));
    expect(await get()).toBe(2);
    // A failed refresh keeps the old value until it is too old, then the error reaches callers.
    fail = true;
    now = 120;
    expect(await get()).toBe(2);
    await new Promise((r) => setTimeout(r, 0));
    now = 151;
    await expect(get()).rejects.toThrow('down');
    fail = false;
    expect(await cache.reload('k', 10, 100, load)).toBe(loads);
  });
});
