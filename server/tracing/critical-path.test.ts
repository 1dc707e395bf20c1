import { describe, expect, it } from 'vitest';

import { criticalPath } from './critical-path';

/** Rows as [parent, start, duration, nonBlocking?]; result as [row, start, end] triples. */
function cp(rows: [number, number, number, boolean?][]): number[][] {
  const flat = criticalPath({
    parent: rows.map((r) => r[0]),
    start: rows.map((r) => r[1]),
    duration: rows.map((r) => r[2]),
    nonBlocking: rows.map((r) => r[3] ?? false),
  });
  const out: number[][] = [];
  for (let i = 0; i < flat.length; i += 3) out.push(flat.slice(i, i + 3));
  return out.sort((a, b) => a[1] - b[1] || a[0] - b[0]);
}

describe('criticalPath', () => {
  it('is the whole span for a leaf', () => {
    expect(cp([[-1, 0, 10]])).toEqual([[0, 0, 10]]);
  });

  it('runs through sequential children and the parent gaps between them', () => {
    // root 0..100, A 10..40, B 50..90
    expect(
      cp([
        [-1, 0, 100],
        [0, 10, 30],
        [0, 50, 40],
      ]),
    ).toEqual([
      [0, 0, 10],
      [1, 10, 40],
      [0, 40, 50],
      [2, 50, 90],
      [0, 90, 100],
    ]);
  });

  it('takes only the last-finishing of parallel children', () => {
    // A 10..80 and B 20..60 overlap: B is hidden behind A
    expect(
      cp([
        [-1, 0, 100],
        [0, 10, 70],
        [0, 20, 40],
      ]),
    ).toEqual([
      [0, 0, 10],
      [1, 10, 80],
      [0, 80, 100],
    ]);
  });

  it('resumes with the child that finished before the critical child started', () => {
    // A 5..25, B 20..40 (overlaps C), C 30..90: C critical, then A (ends 25 ≤ 30), B skipped
    expect(
      cp([
        [-1, 0, 100],
        [0, 5, 20],
        [0, 20, 20],
        [0, 30, 60],
      ]),
    ).toEqual([
      [0, 0, 5],
      [1, 5, 25],
      [0, 25, 30],
      [3, 30, 90],
      [0, 90, 100],
    ]);
  });

  it('recurses into grandchildren', () => {
    // root 0..100 → A 10..90 → G 20..50
    expect(
      cp([
        [-1, 0, 100],
        [0, 10, 80],
        [1, 20, 30],
      ]),
    ).toEqual([
      [0, 0, 10],
      [1, 10, 20],
      [2, 20, 50],
      [1, 50, 90],
      [0, 90, 100],
    ]);
  });

  it('clips children overflowing their parent and drops those outside it', () => {
    // A 80..130 is clipped to 80..100; B 150..160 lies outside the root
    expect(
      cp([
        [-1, 0, 100],
        [0, 80, 50],
        [0, 150, 10],
      ]),
    ).toEqual([
      [0, 0, 80],
      [1, 80, 100],
    ]);
  });

  it('ignores non-blocking (FOLLOWS_FROM) children', () => {
    expect(
      cp([
        [-1, 0, 100],
        [0, 10, 80, true],
      ]),
    ).toEqual([[0, 0, 100]]);
  });

  it('covers every root of a trace with orphans', () => {
    expect(
      cp([
        [-1, 0, 10],
        [-1, 20, 5],
      ]),
    ).toEqual([
      [0, 0, 10],
      [1, 20, 25],
    ]);
  });

  it('handles a 20,000-deep chain without recursion', () => {
    const n = 20_000;
    const flat = criticalPath({
      parent: Array.from({ length: n }, (_, i) => i - 1),
      start: Array.from({ length: n }, (_, i) => i),
      duration: Array.from({ length: n }, (_, i) => 2 * (n - i)),
      nonBlocking: new Array(n).fill(false),
    });
    expect(flat.length / 3).toBe(2 * n - 1);
  });
});
