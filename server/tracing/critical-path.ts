import 'server-only';

/** What the critical path needs per waterfall row (pre-order, parents before children). */
export interface CriticalPathInput {
  /** Parent row, -1 for roots. */
  parent: ArrayLike<number>;
  /** Start, µs (any common origin). */
  start: ArrayLike<number>;
  /** Duration, µs. */
  duration: ArrayLike<number>;
  /** The parent does not wait for this row (FOLLOWS_FROM, or a message consumer). */
  nonBlocking: ArrayLike<boolean>;
}

interface Frame {
  row: number;
  /** The row's window, clipped to its parent's. */
  s: number;
  /** Cursor: time up to which the critical path inside this row is already decided. */
  t: number;
  kids: { row: number; s: number; e: number }[];
  next: number;
}

/**
 * The critical path: the stretches of spans that the trace's end-to-end latency waits on.
 * Walking back from each root's end, the blocking child that finished last (at or before the
 * cursor) is critical from its end back to its start; the parent's own time between children is
 * critical; then the child that finished before that child started, and so on; a span's time
 * before its first critical child is its own. Children are first clipped to their parent's
 * window (a child wholly outside it is dropped): a child measured past its parent's end cannot
 * have delayed it. Non-blocking children (FOLLOWS_FROM, consumers) never delay their parent.
 * Returns flat triples `[row, start, end, …]` in the input's time origin. Iterative, so
 * arbitrarily deep traces are fine.
 */
export function criticalPath(input: CriticalPathInput): number[] {
  const n = input.parent.length;
  const kidsOf: number[][] = Array.from({ length: n }, () => []);
  const roots: number[] = [];
  for (let i = 0; i < n; i++) {
    const p = input.parent[i];
    if (p < 0) roots.push(i);
    else if (!input.nonBlocking[i]) kidsOf[p].push(i);
  }
  const out: number[] = [];
  const frame = (row: number, s: number, e: number): Frame => {
    const kids: Frame['kids'] = [];
    for (const k of kidsOf[row]) {
      const ks = Math.max(s, input.start[k]);
      const ke = Math.min(e, input.start[k] + input.duration[k]);
      // Zero-length (or wholly outside) children take no time on the path.
      if (ke > ks) kids.push({ row: k, s: ks, e: ke });
    }
    // Latest end first; the cursor only moves back, so one pass over this list suffices.
    kids.sort((a, b) => b.e - a.e || b.s - a.s);
    return { row, s, t: e, kids, next: 0 };
  };
  const emit = (row: number, s: number, e: number) => {
    if (e > s) out.push(row, s, e);
  };

  for (const root of roots) {
    const s0 = input.start[root];
    const stack: Frame[] = [frame(root, s0, s0 + input.duration[root])];
    while (stack.length) {
      const f = stack[stack.length - 1];
      let pick: Frame['kids'][number] | undefined;
      while (f.next < f.kids.length) {
        const k = f.kids[f.next++];
        // A child still running at the cursor overlaps the critical child already taken.
        if (k.e <= f.t && k.s < f.t) {
          pick = k;
          break;
        }
      }
      if (pick) {
        emit(f.row, pick.e, f.t);
        f.t = pick.s;
        stack.push(frame(pick.row, pick.s, pick.e));
      } else {
        emit(f.row, f.s, f.t);
        stack.pop();
      }
    }
  }
  return out;
}
