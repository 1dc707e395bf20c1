import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { applyMergePatch, deepEqual, mergePatchDiff } from './traffic-split-patch';

describe('mergePatchDiff', () => {
  it('sends only what changed, null for removed keys, arrays whole', () => {
    const before = { hosts: ['a'], http: [{ x: 1 }], tls: { a: 1, b: 2 }, gone: 1 };
    const after = { hosts: ['a'], http: [{ x: 2 }], tls: { a: 1, b: 3 } };
    expect(mergePatchDiff(before, after)).toEqual({ http: [{ x: 2 }], tls: { b: 3 }, gone: null });
  });
  it('property: applying the diff reproduces the target (null-free values)', () => {
    const value = fc.letrec((tie) => ({
      leaf: fc.oneof(
        fc.integer(),
        fc.string(),
        fc.boolean(),
        fc.array(fc.integer(), { maxLength: 3 }),
      ),
      map: fc.dictionary(fc.constantFrom('a', 'b', 'c', 'd'), tie('node'), { maxKeys: 4 }),
      node: fc.oneof({ depthSize: 'small' }, tie('leaf'), tie('map')),
    }));
    fc.assert(
      fc.property(value.map, value.map, (a, b) => {
        const patched = applyMergePatch(a, mergePatchDiff(a, b));
        expect(deepEqual(patched, b)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
