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
});
