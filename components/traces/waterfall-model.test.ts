import { describe, expect, it } from 'vitest';

import { ROW_FLAG } from '@/server/model/trace';

import {
  allCollapsible,
  barGeometry,
  criticalByRow,
  revealRow,
  stepThrough,
  timeTicks,
  visibleRows,
} from './waterfall-model';

// root(0) → a(1) → a1(2), a2(3); b(4) → b1(5)
const rows = {
  end: [6, 4, 3, 4, 6, 6],
  parent: [-1, 0, 1, 1, 0, 4],
  flags: [ROW_FLAG.hasChildren, ROW_FLAG.hasChildren, 0, 0, ROW_FLAG.hasChildren, 0],
};

describe('waterfall model', () => {
  it('hides collapsed subtrees using subtree ends', () => {
    expect(visibleRows(rows, new Set())).toEqual([0, 1, 2, 3, 4, 5]);
    expect(visibleRows(rows, new Set([1]))).toEqual([0, 1, 4, 5]);
    expect(visibleRows(rows, new Set([0, 1]))).toEqual([0]);
    expect(visibleRows(rows, allCollapsible(rows))).toEqual([0]);
  });

  it('reveals a hidden row by expanding its ancestors only', () => {
    const collapsed = new Set([0, 1, 4]);
    expect([...revealRow(rows, collapsed, 3)].sort()).toEqual([4]);
    expect(revealRow(rows, new Set([4]), 2)).toEqual(new Set([4]));
  });

  it('steps through matches with wrap-around', () => {
    expect(stepThrough([2, 5, 9], 5, 1)).toBe(9);
    expect(stepThrough([2, 5, 9], 9, 1)).toBe(2);
    expect(stepThrough([2, 5, 9], 2, -1)).toBe(9);
    expect(stepThrough([2, 5, 9], -1, 1)).toBe(2);
    expect(stepThrough([], 0, 1)).toBe(-1);
  });

  it('places nice ticks', () => {
    expect(timeTicks({ start: 0, end: 100_000 }).map((t) => t.us)).toEqual([
      0, 20_000, 40_000, 60_000, 80_000, 100_000,
    ]);
    const t = timeTicks({ start: 1_000, end: 13_000 });
    expect(t.map((x) => x.us)).toEqual([2_500, 5_000, 7_500, 10_000, 12_500]);
    expect(t[0].at).toBeCloseTo(0.125);
  });

  it('clips bars to the view range', () => {
    expect(barGeometry(25, 50, { start: 0, end: 100 })).toEqual({ left: 0.25, width: 0.5 });
    expect(barGeometry(-50, 100, { start: 0, end: 100 })).toEqual({ left: 0, width: 0.5 });
    expect(barGeometry(150, 10, { start: 0, end: 100 })).toEqual({ left: 1, width: 0 });
  });

  it('groups critical path segments by row', () => {
    expect(criticalByRow([0, 0, 10, 1, 10, 40, 0, 40, 50])).toEqual(
      new Map([
        [
          0,
          [
            [0, 10],
            [40, 50],
          ],
        ],
        [1, [[10, 40]]],
      ]),
    );
  });
});
