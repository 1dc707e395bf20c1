import 'server-only';

import { ROW_FLAG, type SpanDetail, type TraceRows, type TraceView } from '@/server/model/trace';

import { criticalPath } from './critical-path';
import { buildTraceTree, type TraceTree } from './tree';
import type { SpanRecord, TraceRecord } from './types';

const CLIENT_KINDS = new Set(['client', 'producer']);
const SERVER_KINDS = new Set(['server', 'consumer']);

/** A trace with its computed tree, kept together so span details and search reuse the work. */
export interface BuiltTrace {
  record: TraceRecord;
  tree: TraceTree;
  view: TraceView;
  /** span index → row */
  rowOfSpan: Int32Array;
}

/**
 * A trace → everything the waterfall renders: pre-order rows (columnar), services in first-seen
 * order (the colour index), the critical path and the header summary. Runs on the server so the
 * browser only indexes arrays, even for 50,000 spans.
 */
export function buildTraceView(record: TraceRecord): BuiltTrace {
  const spans = record.spans;
  const tree = buildTraceTree(spans);
  const n = tree.order.length;
  const services: string[] = [];
  const serviceIdx = new Map<string, number>();
  const operations: string[] = [];
  const operationIdx = new Map<string, number>();
  const intern = (list: string[], idx: Map<string, number>, v: string) => {
    let i = idx.get(v);
    if (i === undefined) {
      i = list.length;
      list.push(v);
      idx.set(v, i);
    }
    return i;
  };

  let startUs = Infinity;
  let endUs = -Infinity;
  for (let i = 0; i < spans.length; i++) {
    startUs = Math.min(startUs, tree.adjustedStartUs[i]);
    endUs = Math.max(endUs, tree.adjustedStartUs[i] + spans[i].durationUs);
  }
  if (!Number.isFinite(startUs)) startUs = endUs = 0;

  const rows: TraceRows = {
    spanId: new Array(n),
    depth: tree.depth,
    parent: tree.parentRow,
    service: new Array(n),
    operation: new Array(n),
    start: new Array(n),
    duration: new Array(n),
    end: tree.end,
    flags: new Array(n).fill(0),
    peer: new Array(n).fill(-1),
  };
  const rowOfSpan = new Int32Array(spans.length);
  let errors = 0;
  let maxDepth = 0;
  for (let r = 0; r < n; r++) {
    const i = tree.order[r];
    const s = spans[i];
    rowOfSpan[i] = r;
    rows.spanId[r] = s.spanId;
    rows.service[r] = intern(services, serviceIdx, s.service);
    rows.operation[r] = intern(operations, operationIdx, s.operation);
    rows.start[r] = tree.adjustedStartUs[i] - startUs;
    rows.duration[r] = s.durationUs;
    let f = 0;
    if (s.error) {
      f |= ROW_FLAG.error;
      errors++;
    }
    if (s.kind && CLIENT_KINDS.has(s.kind)) f |= ROW_FLAG.client;
    if (s.kind && SERVER_KINDS.has(s.kind)) f |= ROW_FLAG.server;
    if (tree.end[r] > r + 1) f |= ROW_FLAG.hasChildren;
    if (tree.orphan[i]) f |= ROW_FLAG.orphan;
    if (tree.followsFrom[i]) f |= ROW_FLAG.followsFrom;
    if (s.warnings.length || tree.spanWarnings[i].length) f |= ROW_FLAG.warning;
    rows.flags[r] = f;
    maxDepth = Math.max(maxDepth, tree.depth[r]);
  }
  // Descendant errors and client→callee hints, bottom-up (children come after parents).
  for (let r = n - 1; r >= 0; r--) {
    const p = rows.parent[r];
    if (p < 0) continue;
    if (rows.flags[r] & (ROW_FLAG.error | ROW_FLAG.descendantError)) {
      rows.flags[p] |= ROW_FLAG.descendantError;
    }
    if (
      rows.flags[p] & ROW_FLAG.client &&
      rows.flags[r] & ROW_FLAG.server &&
      rows.service[r] !== rows.service[p]
    ) {
      rows.peer[p] = rows.service[r];
    }
  }
  for (let r = 0; r < n; r++) {
    if (rows.flags[r] & ROW_FLAG.client && rows.peer[r] < 0) {
      const peer = spans[tree.order[r]].tags.find((t) => t.key === 'peer.service')?.value;
      if (peer) rows.peer[r] = intern(services, serviceIdx, peer);
    }
  }

  const cp = criticalPath({
    parent: rows.parent,
    start: rows.start,
    duration: rows.duration,
    nonBlocking: rows.flags.map(
      (f, r) => (f & ROW_FLAG.followsFrom) !== 0 || spans[tree.order[r]].kind === 'consumer',
    ),
  });
  for (let k = 0; k < cp.length; k += 3) rows.flags[cp[k]] |= ROW_FLAG.critical;

  const root = n ? spans[tree.order[0]] : undefined;
  const view: TraceView = {
    traceId: record.traceId,
    rootService: root?.service ?? '',
    rootOperation: root?.operation ?? '',
    startUs,
    durationUs: endUs - startUs,
    spanCount: n,
    errorCount: errors,
    depth: n ? maxDepth + 1 : 0,
    services,
    operations,
    warnings: [...record.warnings, ...tree.warnings],
    rows,
    criticalPath: cp,
  };
  return { record, tree, view, rowOfSpan };
}

/** One span's full detail, from a built trace. */
export function spanDetail(built: BuiltTrace, spanId: string): SpanDetail | undefined {
  const i = built.record.spans.findIndex((s) => s.spanId === spanId.toLowerCase());
  if (i < 0) return undefined;
  const s = built.record.spans[i];
  const pRow = built.view.rows.parent[built.rowOfSpan[i]];
  return {
    spanId: s.spanId,
    parentSpanId: pRow >= 0 ? built.view.rows.spanId[pRow] : undefined,
    service: s.service,
    operation: s.operation,
    kind: s.kind,
    startUs: s.startUs,
    durationUs: s.durationUs,
    error: s.error,
    tags: s.tags,
    process: { serviceName: s.service, tags: s.processTags },
    logs: s.logs,
    references: s.references,
    warnings: [...s.warnings, ...built.tree.spanWarnings[i]],
  };
}

/** Splits a search box into terms; double quotes group words (`"GET /reviews"`). */
export function searchTerms(q: string): string[] {
  const terms: string[] = [];
  for (const m of q.matchAll(/"([^"]*)"|(\S+)/g)) {
    const t = (m[1] ?? m[2]).trim().toLowerCase();
    if (t) terms.push(t);
  }
  return terms;
}

function spanText(s: SpanRecord): string[] {
  const out = [s.service, s.operation, s.spanId];
  for (const kv of s.tags) out.push(kv.key, kv.value, `${kv.key}=${kv.value}`);
  for (const kv of s.processTags) out.push(kv.key, kv.value, `${kv.key}=${kv.value}`);
  for (const l of s.logs) for (const kv of l.fields) out.push(kv.value, `${kv.key}=${kv.value}`);
  return out.map((x) => x.toLowerCase());
}

/**
 * Rows matching a search within the trace: every term must occur (case-insensitive substring)
 * in the service, operation, span ID, a tag/process tag/log field key, value or `key=value`;
 * a `-key` term excludes spans having that tag key.
 */
export function findInTrace(built: BuiltTrace, q: string): number[] {
  const terms = searchTerms(q);
  const include = terms.filter((t) => !(t.startsWith('-') && t.length > 1));
  const exclude = terms.filter((t) => t.startsWith('-') && t.length > 1).map((t) => t.slice(1));
  if (!include.length && !exclude.length) return [];
  const rows: number[] = [];
  built.record.spans.forEach((s, i) => {
    if (exclude.some((k) => s.tags.some((kv) => kv.key.toLowerCase() === k))) return;
    const text = spanText(s);
    if (include.every((t) => text.some((x) => x.includes(t)))) rows.push(built.rowOfSpan[i]);
  });
  return rows.sort((a, b) => a - b);
}
