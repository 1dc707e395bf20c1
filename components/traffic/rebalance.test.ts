import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import {
  distribute,
  maxFor,
  rebalance,
  splitEvenly,
  sumWeights,
  weightsProblem,
} from './rebalance';

const order = ['v1', 'v2', 'v3'];

describe('rebalance', () => {
  it('takes from the others in proportion to their weights', () => {
    expect(rebalance(order, { v1: 50, v2: 30, v3: 20 }, new Set(), 'v1', 0)).toEqual({
      v1: 0,
      v2: 60,
      v3: 40,
    });
    expect(rebalance(order, { v1: 50, v2: 30, v3: 20 }, new Set(), 'v1', 100)).toEqual({
      v1: 100,
      v2: 0,
      v3: 0,
    });
  });
  it('spreads evenly when the others are all at 0', () => {
    expect(rebalance(order, { v1: 100, v2: 0, v3: 0 }, new Set(), 'v1', 40)).toEqual({
      v1: 40,
      v2: 30,
      v3: 30,
    });
  });
  it('never moves locked sliders and caps the moved one', () => {
    const locked = new Set(['v3']);
    expect(rebalance(order, { v1: 50, v2: 20, v3: 30 }, locked, 'v1', 90)).toEqual({
      v1: 70,
      v2: 0,
      v3: 30,
    });
    expect(maxFor(order, { v1: 50, v2: 20, v3: 30 }, locked, 'v1')).toBe(70);
  });
  it('pins a slider when nothing else is free', () => {
    expect(rebalance(['v1', 'v2'], { v1: 60, v2: 40 }, new Set(['v2']), 'v1', 10)).toEqual({
      v1: 60,
      v2: 40,
    });
  });
  it('property: from the same anchor, moving a slider back restores every weight', () => {
    fc.assert(
      fc.property(fc.array(fc.nat(100), { minLength: 2, maxLength: 6 }), fc.nat(100), (raw, v) => {
        const names = raw.map((_, i) => `s${i}`);
        const anchor = Object.fromEntries(names.map((n, i) => [n, distribute(raw, 100)[i]]));
        rebalance(names, anchor, new Set(), 's0', v);
        expect(rebalance(names, anchor, new Set(), 's0', anchor.s0)).toEqual(anchor);
      }),
    );
  });
  it('property: sum stays 100, locked untouched, integers in range', () => {
    fc.assert(
      fc.property(
        fc.array(fc.nat(100), { minLength: 2, maxLength: 6 }),
        fc.array(fc.boolean(), { minLength: 6, maxLength: 6 }),
        fc.nat(5),
        fc.integer({ min: -20, max: 140 }),
        (raw, lockFlags, pick, value) => {
          const names = raw.map((_, i) => `s${i}`);
          // Start from a valid split.
          const start = Object.fromEntries(names.map((n, i) => [n, distribute(raw, 100)[i]]));
          const moved = names[pick % names.length];
          const locked = new Set(names.filter((n, i) => lockFlags[i] && n !== moved));
          const out = rebalance(names, start, locked, moved, value);
          expect(sumWeights(out, names)).toBe(100);
          for (const n of locked) expect(out[n]).toBe(start[n]);
          for (const n of names) {
            expect(Number.isInteger(out[n])).toBe(true);
            expect(out[n]).toBeGreaterThanOrEqual(0);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('splitEvenly and checks', () => {
  it('splits what locks leave', () => {
    expect(splitEvenly(order, { v1: 10, v2: 10, v3: 80 }, new Set())).toEqual({
      v1: 34,
      v2: 33,
      v3: 33,
    });
    expect(splitEvenly(order, { v1: 10, v2: 10, v3: 80 }, new Set(['v1']))).toEqual({
      v1: 10,
      v2: 45,
      v3: 45,
    });
  });
  it('names the problem with a split', () => {
    expect(weightsProblem(order, { v1: 10, v2: 10, v3: 10 })).toBe(
      'weights must sum to 100 (now 30)',
    );
    expect(weightsProblem(order, { v1: 10.5, v2: 10, v3: 10 })).toBe(
      'weight for v1 must be a whole number',
    );
    expect(weightsProblem(order, { v1: 0, v2: 0, v3: 100 })).toBeNull();
  });
});
