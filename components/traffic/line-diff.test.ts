import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { diffLines, foldUnchanged, hasChanges } from './line-diff';

describe('diffLines', () => {
  it('shows a changed line as a delete then an add', () => {
    const before = 'route:\n  - subset: v1\n    weight: 100\ntimeout: 5s\n';
    const after = 'route:\n  - subset: v1\n    weight: 60\ntimeout: 5s\n';
    expect(diffLines(before, after)).toEqual([
      { kind: 'same', text: 'route:' },
      { kind: 'same', text: '  - subset: v1' },
      { kind: 'del', text: '    weight: 100' },
      { kind: 'add', text: '    weight: 60' },
      { kind: 'same', text: 'timeout: 5s' },
    ]);
  });
  it('property: the diff reproduces both sides', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom('a', 'b', 'c', 'weight: 0', 'weight: 100'), { maxLength: 12 }),
        fc.array(fc.constantFrom('a', 'b', 'c', 'weight: 0', 'weight: 100'), { maxLength: 12 }),
        (x, y) => {
          const d = diffLines(x.join('\n'), y.join('\n'));
          expect(d.filter((l) => l.kind !== 'add').map((l) => l.text)).toEqual(x);
          expect(d.filter((l) => l.kind !== 'del').map((l) => l.text)).toEqual(y);
        },
      ),
    );
  });
  it('handles creation and no change', () => {
    expect(diffLines('', 'a\nb')).toEqual([
      { kind: 'add', text: 'a' },
      { kind: 'add', text: 'b' },
    ]);
    expect(hasChanges(diffLines('a\nb', 'a\nb'))).toBe(false);
  });
  it('folds unchanged runs away from changes', () => {
    const before = Array.from({ length: 20 }, (_, i) => `l${i}`).join('\n');
    const after = before.replace('l10', 'X');
    const folded = foldUnchanged(diffLines(before, after), 2);
    expect(folded.map((l) => l.text)).toEqual([
      '… 8 unchanged lines',
      'l8',
      'l9',
      'l10',
      'X',
      'l11',
      'l12',
      '… 7 unchanged lines',
    ]);
  });
});
