import 'server-only';

import { parentRef } from './reshape';
import type { SpanRecord } from './types';

/** The span tree of a trace, flattened in pre-order (the waterfall's row order). */
export interface TraceTree {
  /** Span indices (into the input array) in pre-order; siblings sorted by adjusted start. */
  order: number[];
  /** Per row: parent row index, -1 for roots. */
  parentRow: number[];
  /** Per row: depth, 0 for roots. */
  depth: number[];
  /** Per row: exclusive end of the subtree in rows. */
  end: number[];
  /** Per span index: start after clock-skew adjustment, µs since the epoch. */
  adjustedStartUs: number[];
  /** Per span index: the span's parent is referenced but absent from the trace. */
  orphan: boolean[];
  /** Per span index: attached to its parent by FOLLOWS_FROM only. */
  followsFrom: boolean[];
  /** Per span index: warnings Meshscope adds (clock skew, missing parent, duplicate ID). */
  spanWarnings: string[][];
  /** Trace-level warnings. */
  warnings: string[];
}

function fmtMs(us: number): string {
  return `${(us / 1_000).toFixed(3).replace(/\.?0+$/, '')}ms`;
}

/**
 * Builds the tree: parent = first same-trace CHILD_OF reference, else FOLLOWS_FROM; a parent that
 * is missing (not yet reported, or dropped) makes the span a root flagged as orphan; reference
 * cycles are cut. Clock skew: when a span's parent belongs to another service (another host, so
 * another clock) and the span does not fit inside its parent, the span and its same-service
 * descendants are shifted to sit centred inside the parent (or to start with it when longer),
 * because an RPC's server half cannot start before the client sent the request. FOLLOWS_FROM
 * children are never shifted: they may legitimately outlive their parent.
 * Iterative throughout: generated traces can be 50,000 spans deep.
 */
export function buildTraceTree(spans: SpanRecord[]): TraceTree {
  const n = spans.length;
  const byId = new Map<string, number>();
  const spanWarnings: string[][] = spans.map(() => []);
  const warnings: string[] = [];
  let duplicates = 0;
  for (let i = 0; i < n; i++) {
    if (byId.has(spans[i].spanId)) {
      duplicates++;
      spanWarnings[i].push(`duplicate span ID ${spans[i].spanId}; shown as a separate span`);
    } else byId.set(spans[i].spanId, i);
  }
  if (duplicates) warnings.push(`${duplicates} spans reuse another span's ID`);

  const parent = new Array<number>(n).fill(-1);
  const orphan = new Array<boolean>(n).fill(false);
  const followsFrom = new Array<boolean>(n).fill(false);
  let orphans = 0;
  for (let i = 0; i < n; i++) {
    const ref = parentRef(spans[i]);
    if (!ref) continue;
    const p = byId.get(ref.spanId);
    if (p === undefined || p === i) {
      orphan[i] = true;
      orphans++;
      spanWarnings[i].push(`parent span ${ref.spanId} is not in the trace`);
      continue;
    }
    parent[i] = p;
    followsFrom[i] = ref.refType === 'FOLLOWS_FROM';
  }
  if (orphans) warnings.push(`${orphans} spans have a parent missing from the trace`);

  // Cut reference cycles: a span whose ancestor chain returns to itself becomes a root.
  const state = new Uint8Array(n); // 0 new, 1 on the current chain, 2 done
  for (let i = 0; i < n; i++) {
    if (state[i]) continue;
    const chain: number[] = [];
    let j = i;
    while (j !== -1 && state[j] === 0) {
      state[j] = 1;
      chain.push(j);
      j = parent[j];
    }
    if (j !== -1 && state[j] === 1) {
      spanWarnings[j].push('reference cycle; shown as a root');
      warnings.push(`reference cycle through span ${spans[j].spanId}`);
      parent[j] = -1;
    }
    for (const c of chain) state[c] = 2;
  }

  const children: number[][] = spans.map(() => []);
  const roots: number[] = [];
  for (let i = 0; i < n; i++) (parent[i] === -1 ? roots : children[parent[i]]).push(i);

  // Clock skew, top-down (breadth-first so a parent is adjusted before its children).
  const delta = new Float64Array(n);
  const adjusted = new Array<number>(n);
  let skewed = 0;
  const queue = [...roots];
  for (const r of roots) adjusted[r] = spans[r].startUs;
  for (let q = 0; q < queue.length; q++) {
    const p = queue[q];
    const ps = adjusted[p];
    const pe = ps + spans[p].durationUs;
    for (const c of children[p]) {
      const child = spans[c];
      if (child.service === spans[p].service || followsFrom[c]) {
        delta[c] = child.service === spans[p].service ? delta[p] : 0;
      } else {
        // Another host: its clock owes nothing to the parent's; judge the raw times.
        const cs = child.startUs;
        const ce = cs + child.durationUs;
        let d = 0;
        if (cs < ps || ce > pe) {
          d =
            child.durationUs <= spans[p].durationUs
              ? ps + (spans[p].durationUs - child.durationUs) / 2 - cs
              : ps - cs;
          d = Math.round(d);
        }
        delta[c] = d;
        if (d !== 0) {
          skewed++;
          spanWarnings[c].push(
            `clock skew adjusted: shifted by ${d > 0 ? '+' : ''}${fmtMs(d)} to fit inside its parent`,
          );
        }
      }
      adjusted[c] = child.startUs + delta[c];
      queue.push(c);
    }
  }
  if (skewed) warnings.push(`clock skew adjusted on ${skewed} spans`);

  const byStart = (a: number, b: number) =>
    adjusted[a] - adjusted[b] || (spans[a].spanId < spans[b].spanId ? -1 : 1);
  roots.sort(byStart);
  for (const list of children) if (list.length > 1) list.sort(byStart);

  // Pre-order DFS with an explicit stack; `end` is filled when a subtree is left.
  const order: number[] = [];
  const parentRow: number[] = [];
  const depth: number[] = [];
  const end: number[] = [];
  const rowOf = new Int32Array(n).fill(-1);
  const stack: { span: number; next: number }[] = [];
  for (const r of roots) {
    stack.push({ span: r, next: 0 });
    rowOf[r] = order.length;
    order.push(r);
    parentRow.push(-1);
    depth.push(0);
    end.push(0);
    while (stack.length) {
      const top = stack[stack.length - 1];
      const kids = children[top.span];
      if (top.next < kids.length) {
        const c = kids[top.next++];
        const row = order.length;
        rowOf[c] = row;
        order.push(c);
        parentRow.push(rowOf[top.span]);
        depth.push(stack.length);
        end.push(0);
        stack.push({ span: c, next: 0 });
      } else {
        end[rowOf[top.span]] = order.length;
        stack.pop();
      }
    }
  }

  return {
    order,
    parentRow,
    depth,
    end,
    adjustedStartUs: adjusted,
    orphan,
    followsFrom,
    spanWarnings,
    warnings,
  };
}
