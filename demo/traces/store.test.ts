import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { generateBookinfoTrace } from './generate';
import type { DemoSpan } from './span';
import { type TraceQuery, TraceStore } from './store';

const T0 = 1_767_225_600_000_000; // 2026-01-01T00:00:00Z in µs

let next = 1;
/** A span with sensible defaults; IDs are unique per call. */
function mk(p: Partial<DemoSpan> & { trace: number; parent?: string }): DemoSpan {
  const traceId = p.trace.toString(16).padStart(32, '0');
  return {
    traceId,
    spanId: (next++).toString(16).padStart(16, '0'),
    references: p.parent ? [{ refType: 'CHILD_OF', traceId, spanId: p.parent }] : [],
    operationName: p.operationName ?? 'op',
    serviceName: p.serviceName ?? 'a.ns',
    processTags: p.processTags ?? { hostname: 'pod-a' },
    startTimeUs: p.startTimeUs ?? T0,
    durationUs: p.durationUs ?? 1000,
    tags: p.tags ?? { 'span.kind': 'server' },
    logs: p.logs ?? [],
  };
}

const q = (over: Partial<TraceQuery>): TraceQuery => ({ tags: {}, limit: 0, ...over });
const ids = (traces: { id: string }[]) => traces.map((t) => parseInt(t.id, 16)).sort();

describe('TraceStore search', () => {
  const store = new TraceStore();
  store.addSpans([
    mk({ trace: 1, serviceName: 'a.ns', operationName: 'GET /x', durationUs: 500 }),
    mk({
      trace: 1,
      serviceName: 'b.ns',
      operationName: 'GET /y',
      durationUs: 5_000,
      startTimeUs: T0 + 10,
    }),
    mk({
      trace: 2,
      serviceName: 'a.ns',
      operationName: 'GET /y',
      durationUs: 50_000,
      startTimeUs: T0 + 1_000_000,
      tags: { 'span.kind': 'client', error: 'true', 'http.status_code': '503' },
    }),
    mk({
      trace: 3,
      serviceName: 'a.ns',
      operationName: 'GET /x',
      durationUs: 2_000,
      startTimeUs: T0 + 2_000_000,
      processTags: { hostname: 'pod-z' },
      logs: [{ timestampUs: T0 + 2_000_100, fields: { event: 'retry', attempt: '2' } }],
    }),
  ]);

  it('filters by service', () => {
    expect(ids(store.find(q({ service: 'a.ns' })))).toEqual([1, 2, 3]);
    expect(ids(store.find(q({ service: 'b.ns' })))).toEqual([1]);
    expect(store.find(q({ service: 'nope.ns' }))).toEqual([]);
  });

  it('filters by operation within the service', () => {
    expect(ids(store.find(q({ service: 'a.ns', operation: 'GET /x' })))).toEqual([1, 3]);
    // Trace 1 has GET /y only on b.ns: the service and operation must hold on the same span.
    expect(ids(store.find(q({ service: 'a.ns', operation: 'GET /y' })))).toEqual([2]);
  });

  it('filters by span tags, process tags and log fields, all on one span', () => {
    expect(ids(store.find(q({ service: 'a.ns', tags: { error: 'true' } })))).toEqual([2]);
    expect(
      ids(store.find(q({ service: 'a.ns', tags: { error: 'true', 'http.status_code': '503' } }))),
    ).toEqual([2]);
    expect(
      store.find(q({ service: 'a.ns', tags: { error: 'true', 'http.status_code': '500' } })),
    ).toEqual([]);
    expect(ids(store.find(q({ service: 'a.ns', tags: { hostname: 'pod-z' } })))).toEqual([3]);
    expect(ids(store.find(q({ service: 'a.ns', tags: { event: 'retry' } })))).toEqual([3]);
    // error=true is on a.ns in trace 2 but the b.ns span of trace 1 lacks it.
    expect(store.find(q({ service: 'b.ns', tags: { error: 'true' } }))).toEqual([]);
  });

  it('filters by span start window (inclusive)', () => {
    expect(ids(store.find(q({ service: 'a.ns', startUs: T0 + 1_000_000 })))).toEqual([2, 3]);
    expect(ids(store.find(q({ service: 'a.ns', endUs: T0 + 1_000_000 })))).toEqual([1, 2]);
    expect(ids(store.find(q({ service: 'a.ns', startUs: T0 + 1, endUs: T0 + 1_999_999 })))).toEqual(
      [2],
    );
  });

  it('filters by duration bounds (inclusive)', () => {
    expect(ids(store.find(q({ service: 'a.ns', minDurationUs: 2_000 })))).toEqual([2, 3]);
    expect(ids(store.find(q({ service: 'a.ns', maxDurationUs: 2_000 })))).toEqual([1, 3]);
    expect(
      ids(store.find(q({ service: 'a.ns', minDurationUs: 1_000, maxDurationUs: 10_000 }))),
    ).toEqual([3]);
    // b.ns's 5 ms span is in trace 1, but with service a.ns only a.ns spans count.
    expect(
      ids(store.find(q({ service: 'a.ns', minDurationUs: 4_000, maxDurationUs: 6_000 }))),
    ).toEqual([]);
  });

  it('returns the newest traces first, at most limit', () => {
    expect(store.find(q({ service: 'a.ns', limit: 2 })).map((t) => parseInt(t.id, 16))).toEqual([
      3, 2,
    ]);
  });

  it('searches every service when none is given (api_v3 allows that)', () => {
    expect(ids(store.find(q({ operation: 'GET /y' })))).toEqual([1, 2]);
  });

  it('lists services and operations with their span kinds', () => {
    expect(store.services()).toEqual(['a.ns', 'b.ns']);
    expect(store.operationsOf('a.ns')).toEqual([
      { name: 'GET /x', spanKind: 'server' },
      { name: 'GET /y', spanKind: 'client' },
    ]);
    expect(store.operationsOf('a.ns', 'client')).toEqual([{ name: 'GET /y', spanKind: 'client' }]);
    expect(store.operationsOf('nope')).toEqual([]);
  });
});

describe('TraceStore eviction', () => {
  it('keeps the span budget by evicting whole traces, oldest first', () => {
    const store = new TraceStore(20);
    const traces = [0, 1, 2, 3].map((i) =>
      generateBookinfoTrace({ startUs: T0 + i * 1_000_000, seed: 100 + i }),
    );
    for (const t of traces) store.addSpans(t);
    expect(store.spanCount).toBeLessThanOrEqual(20);
    const kept = traces.filter((t) => store.get(t[0].traceId));
    // The newest traces survive, and the first (oldest) is gone.
    expect(kept.length).toBeGreaterThanOrEqual(2);
    expect(store.get(traces[0][0].traceId)).toBeUndefined();
    expect(store.get(traces[3][0].traceId)).toBeDefined();
    expect(store.spanCount).toBe(kept.reduce((n, t) => n + t.length, 0));
    // Evicted traces leave the indexes too: a search only finds what is kept.
    const found = store.find(q({ service: 'productpage.bookinfo' }));
    expect(found.map((t) => t.id).sort()).toEqual(kept.map((t) => t[0].traceId).sort());
    // Services stay listed after eviction, as in Jaeger's memory store.
    expect(store.services()).toContain('details.bookinfo');
  });

  it('caps a single oversized trace and counts what it dropped', () => {
    const store = new TraceStore(5);
    store.addSpans(Array.from({ length: 8 }, () => mk({ trace: 9 })));
    const t = store.get((9).toString(16).padStart(32, '0'));
    expect(t?.spans).toHaveLength(5);
    expect(t?.dropped).toBe(3);
    expect(store.spanCount).toBe(5);
  });

  it('skips malformed spans without throwing and reports them once', () => {
    const logs: string[] = [];
    const store = new TraceStore(100, (m) => logs.push(m));
    store.addSpans([mk({ trace: 1 }), { ...mk({ trace: 2 }), traceId: 'not-hex' }]);
    expect(store.spanCount).toBe(1);
    expect(store.rejectedCount).toBe(1);
    expect(logs).toHaveLength(1);
    expect(logs[0]).toContain('strconv.ParseUint: parsing "not-hex": invalid syntax');
  });

  it('rejects a budget that is not a positive integer', () => {
    expect(() => new TraceStore(0)).toThrow('maxSpans must be a positive integer');
  });
});

describe('TraceStore dependencies', () => {
  it('counts client→server hops between services within the window', () => {
    const store = new TraceStore();
    store.addSpans(generateBookinfoTrace({ startUs: T0, seed: 1 }));
    store.addSpans(generateBookinfoTrace({ startUs: T0 + 1000, seed: 2 }));
    store.addSpans(generateBookinfoTrace({ startUs: T0 - 10 * 3_600_000_000, seed: 3 }));
    const deps = store.dependencies(T0 + 60_000_000, 3_600_000_000);
    const get = (p: string, c: string) =>
      deps.find((d) => d.parent === p && d.child === c)?.callCount ?? 0;
    expect(get('istio-ingressgateway.istio-system', 'productpage.bookinfo')).toBe(2);
    expect(get('productpage.bookinfo', 'details.bookinfo')).toBe(2);
    expect(get('productpage.bookinfo', 'reviews.bookinfo')).toBe(2);
    // No self-edges from a service's server span to its own client span.
    expect(deps.every((d) => d.parent !== d.child)).toBe(true);
    // The trace 10 h ago is outside a 1 h lookback.
    const wide = store.dependencies(T0 + 60_000_000, 24 * 3_600_000_000);
    expect(wide.find((d) => d.child === 'productpage.bookinfo')?.callCount).toBe(3);
  });
});

describe('TraceStore against a brute-force model', () => {
  // Small domains so that random queries hit, miss and collide often.
  const spanArb = fc.record({
    trace: fc.integer({ min: 1, max: 12 }),
    serviceName: fc.constantFrom('a.ns', 'b.ns', 'c.ns'),
    operationName: fc.constantFrom('x', 'y'),
    startTimeUs: fc.integer({ min: 0, max: 100 }),
    durationUs: fc.integer({ min: 0, max: 100 }),
    k: fc.constantFrom('1', '2'),
  });
  const queryArb = fc.record({
    service: fc.option(fc.constantFrom('a.ns', 'b.ns', 'c.ns', 'd.ns'), { nil: undefined }),
    operation: fc.option(fc.constantFrom('x', 'y'), { nil: undefined }),
    tags: fc.constantFrom({}, { k: '1' }, { k: '2' }, { k: '3' }),
    startUs: fc.option(fc.integer({ min: 0, max: 100 }), { nil: undefined }),
    endUs: fc.option(fc.integer({ min: 0, max: 100 }), { nil: undefined }),
    minDurationUs: fc.option(fc.integer({ min: 0, max: 100 }), { nil: undefined }),
    maxDurationUs: fc.option(fc.integer({ min: 0, max: 100 }), { nil: undefined }),
    limit: fc.integer({ min: 0, max: 5 }),
  });

  it('finds what a linear scan of the kept spans finds, after eviction', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(spanArb, { minLength: 1, maxLength: 6 }), { maxLength: 8 }),
        fc.integer({ min: 1, max: 40 }),
        queryArb,
        (batches, maxSpans, query) => {
          const store = new TraceStore(maxSpans);
          // The model: traces in first-arrival order, each capped at the budget; after every
          // batch, whole traces leave from the front until the budget holds. A late span of an
          // evicted trace starts it afresh at the back.
          const kept = new Map<string, DemoSpan[]>();
          const count = () => [...kept.values()].reduce((n, l) => n + l.length, 0);
          for (const batch of batches) {
            const spans = batch.map((b) =>
              mk({ ...b, startTimeUs: T0 + b.startTimeUs, tags: { k: b.k } }),
            );
            store.addSpans(spans);
            for (const s of spans) {
              const list = kept.get(s.traceId) ?? [];
              kept.set(s.traceId, list);
              if (list.length < maxSpans) list.push(s);
            }
            for (const id of [...kept.keys()]) {
              if (count() <= maxSpans) break;
              kept.delete(id);
            }
          }
          const total = count();
          expect(store.spanCount).toBe(total);
          const q: TraceQuery = {
            ...query,
            tags: query.tags as Record<string, string>,
            startUs: query.startUs === undefined ? undefined : T0 + query.startUs,
            endUs: query.endUs === undefined ? undefined : T0 + query.endUs,
          };
          const matches = (s: DemoSpan) =>
            (!q.service || s.serviceName === q.service) &&
            (!q.operation || s.operationName === q.operation) &&
            Object.entries(q.tags).every(([k, v]) => s.tags[k] === v) &&
            (q.startUs === undefined || s.startTimeUs >= q.startUs) &&
            (q.endUs === undefined || s.startTimeUs <= q.endUs) &&
            (q.minDurationUs === undefined || s.durationUs >= q.minDurationUs) &&
            (q.maxDurationUs === undefined || s.durationUs <= q.maxDurationUs);
          const hits = [...kept.values()]
            .filter((spans) => spans.some(matches))
            .map((spans) => ({
              id: spans[0].traceId,
              start: Math.min(...spans.map((s) => s.startTimeUs)),
            }));
          const found = store.find(q);
          // Newest first; ties in start time may come in any order, so compare as sets
          // and check the ordering separately.
          const expectedIds = hits.map((h) => h.id).sort();
          if (q.limit === 0 || hits.length <= q.limit) {
            expect(found.map((t) => t.id).sort()).toEqual(expectedIds);
          } else {
            expect(found).toHaveLength(q.limit);
            const cutoff = hits.map((h) => h.start).sort((a, b) => b - a)[q.limit - 1];
            for (const t of found) expect(expectedIds).toContain(t.id);
            for (const t of found) expect(t.startUs).toBeGreaterThanOrEqual(cutoff);
          }
          for (let i = 1; i < found.length; i++) {
            expect(found[i - 1].startUs).toBeGreaterThanOrEqual(found[i].startUs);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
