import { ROW_FLAG, type TraceRows } from '@/server/model/trace';

/**
 * Pure waterfall logic over the server's pre-order rows. Every operation is an index walk using
 * the precomputed subtree ends, so a 50,000-span trace collapses, expands and searches in a few
 * milliseconds on the main thread.
 */

/** Rows shown given the collapsed rows: a collapsed row hides rows `i+1 … end[i]-1`. */
export function visibleRows(
  rows: Pick<TraceRows, 'end'>,
  collapsed: ReadonlySet<number>,
): number[] {
  const out: number[] = [];
  const n = rows.end.length;
  for (let i = 0; i < n;) {
    out.push(i);
    i = collapsed.has(i) ? rows.end[i] : i + 1;
  }
  return out;
}

/** Every row that has children: `]` collapses them all. */
export function allCollapsible(rows: Pick<TraceRows, 'flags'>): Set<number> {
  const out = new Set<number>();
  rows.flags.forEach((f, i) => {
    if (f & ROW_FLAG.hasChildren) out.add(i);
  });
  return out;
}

/** Uncollapses every ancestor of `row`, so a search hit or a linked span becomes visible. */
export function revealRow(
  rows: Pick<TraceRows, 'parent'>,
  collapsed: ReadonlySet<number>,
  row: number,
): ReadonlySet<number> {
  let next: Set<number> | undefined;
  for (let p = rows.parent[row]; p >= 0; p = rows.parent[p]) {
    if (collapsed.has(p)) {
      next ??= new Set(collapsed);
      next.delete(p);
    }
  }
  return next ?? collapsed;
}

/** The next (dir 1) or previous (dir -1) entry of a sorted list after/before `current`, wrapping. */
export function stepThrough(sorted: readonly number[], current: number, dir: 1 | -1): number {
  if (!sorted.length) return -1;
  if (dir === 1) {
    for (const v of sorted) if (v > current) return v;
    return sorted[0];
  }
  for (let k = sorted.length - 1; k >= 0; k--) if (sorted[k] < current) return sorted[k];
  return sorted[sorted.length - 1];
}

/** A time window within the trace, µs from its start. */
export interface ViewRange {
  start: number;
  end: number;
}

/**
 * Five ticks over the view range at "nice" offsets (1, 2, 2.5, 5 × 10^k µs), as offsets from
 * the range start in [0, 1] with the absolute time since trace start.
 */
export function timeTicks(range: ViewRange, target = 5): { at: number; us: number }[] {
  const span = range.end - range.start;
  if (!(span > 0)) return [{ at: 0, us: range.start }];
  const raw = span / target;
  const pow = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * pow).find((s) => s >= raw) ?? 10 * pow;
  const first = Math.ceil(range.start / step) * step;
  const out: { at: number; us: number }[] = [];
  for (let us = first; us <= range.end + 1e-6; us += step) {
    out.push({ at: (us - range.start) / span, us });
  }
  return out;
}

/** Left offset and width of a bar in the view range, as fractions (clamped, width ≥ 0). */
export function barGeometry(
  start: number,
  duration: number,
  range: ViewRange,
): { left: number; width: number } {
  const span = range.end - range.start || 1;
  const l = (start - range.start) / span;
  const r = (start + duration - range.start) / span;
  const left = Math.min(1, Math.max(0, l));
  return { left, width: Math.max(0, Math.min(1, r) - left) };
}

/** Critical-path triples grouped by row, for drawing the overlay on visible rows only. */
export function criticalByRow(flat: readonly number[]): Map<number, [number, number][]> {
  const out = new Map<number, [number, number][]>();
  for (let k = 0; k + 2 < flat.length; k += 3) {
    const list = out.get(flat[k]);
    const seg: [number, number] = [flat[k + 1], flat[k + 2]];
    if (list) list.push(seg);
    else out.set(flat[k], [seg]);
  }
  return out;
}

/**
 * Twenty service colours, distinct in light and dark mode, given in first-seen order (the
 * server's service index), so a service keeps its colour across the page.
 */
export const SERVICE_COLORS = [
  '#4c6ef5',
  '#12b886',
  '#fd7e14',
  '#be4bdb',
  '#15aabf',
  '#fab005',
  '#e64980',
  '#40c057',
  '#7950f2',
  '#228be6',
  '#82c91e',
  '#f76707',
  '#0ca678',
  '#ae3ec9',
  '#1098ad',
  '#f59f00',
  '#d6336c',
  '#5c7cfa',
  '#37b24d',
  '#845ef7',
] as const;

export function serviceColor(index: number): string {
  return SERVICE_COLORS[
    ((index % SERVICE_COLORS.length) + SERVICE_COLORS.length) % SERVICE_COLORS.length
  ];
}
