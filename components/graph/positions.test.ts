import { describe, expect, it } from 'vitest';

import { loadPins, pinKey, placeNear, savePins } from './positions';

class MemStorage {
  data = new Map<string, string>();
  getItem(k: string) {
    return this.data.get(k) ?? null;
  }
  setItem(k: string, v: string) {
    this.data.set(k, v);
  }
  removeItem(k: string) {
    this.data.delete(k);
  }
}

describe('pins', () => {
  it('keys by sorted namespace set and graph type', () => {
    expect(pinKey(['b', 'a'], 'app')).toBe(pinKey(['a', 'b'], 'app'));
    expect(pinKey(['a'], 'app')).not.toBe(pinKey(['a'], 'workload'));
  });

  it('round-trips and ignores corrupt entries', () => {
    const s = new MemStorage();
    savePins(s, 'k', { a: { x: 1, y: 2 } });
    expect(loadPins(s, 'k')).toEqual({ a: { x: 1, y: 2 } });
    s.setItem('k', '{not json');
    expect(loadPins(s, 'k')).toEqual({});
    s.setItem('k', JSON.stringify({ a: { x: 'no' }, b: { x: 3, y: 4 } }));
    expect(loadPins(s, 'k')).toEqual({ b: { x: 3, y: 4 } });
    savePins(s, 'k', {});
    expect(s.data.has('k')).toBe(false);
    expect(loadPins(undefined, 'k')).toEqual({});
  });
});

describe('placeNear', () => {
  it('puts a node next to its neighbours, spreading siblings', () => {
    const a = placeNear(
      [
        { x: 0, y: 0 },
        { x: 100, y: 0 },
      ],
      null,
      0,
    );
    const b = placeNear(
      [
        { x: 0, y: 0 },
        { x: 100, y: 0 },
      ],
      null,
      1,
    );
    expect(Math.abs(a.x - 50)).toBeLessThan(100);
    expect(a).not.toEqual(b);
  });

  it('falls back to the right of the bounding box', () => {
    expect(placeNear([], { x2: 500, y1: 0, y2: 300 }, 0).x).toBeGreaterThan(500);
  });
});
