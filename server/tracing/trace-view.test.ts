import { describe, expect, it } from 'vitest';

import { ROW_FLAG } from '@/server/model/trace';

import { span } from './__fixtures__/make-span';
import { tracePath, workloadFromPod } from './trace-path';
import { buildTraceView, findInTrace, searchTerms, spanDetail } from './trace-view';

const GW = 'istio-ingressgateway.istio-system';
const PP = 'productpage.bookinfo';
const RV = 'reviews.bookinfo';
const RT = 'ratings.bookinfo';

/** ingress → productpage → reviews → ratings, each hop a client span plus a server span. */
function bookinfo() {
  const host = (pod: string) => ({ hostname: pod });
  return {
    traceId: 't1',
    warnings: [],
    spans: [
      span('gw', {
        service: GW,
        kind: 'client',
        start: 0,
        dur: 100,
        processTags: host('istio-ingressgateway-6b7d9c5f4-abcde'),
      }),
      span('pp', {
        parent: 'gw',
        service: PP,
        kind: 'server',
        start: 1,
        dur: 98,
        processTags: host('productpage-v1-564d4686f-t6s4m'),
        tags: { 'istio.canonical_revision': 'v1' },
      }),
      span('pp-rv', { parent: 'pp', service: PP, kind: 'client', start: 10, dur: 80 }),
      span('rv', {
        parent: 'pp-rv',
        service: RV,
        kind: 'server',
        start: 11,
        dur: 78,
        tags: { 'istio.canonical_revision': 'v2', 'http.status_code': '200' },
      }),
      span('rv-rt', {
        parent: 'rv',
        service: RV,
        kind: 'client',
        start: 20,
        dur: 30,
        error: true,
        tags: { 'http.status_code': '503', response_flags: 'UF' },
      }),
      span('rt', {
        parent: 'rv-rt',
        service: RT,
        kind: 'server',
        start: 21,
        dur: 28,
        error: true,
        tags: { 'istio.canonical_revision': 'v1' },
      }),
    ],
  };
}

describe('buildTraceView', () => {
  const built = buildTraceView(bookinfo());
  const { view } = built;
  const { rows } = view;

  it('summarizes the trace', () => {
    expect(view).toMatchObject({
      rootService: GW,
      spanCount: 6,
      errorCount: 2,
      depth: 6,
      durationUs: 100_000,
      services: [GW, PP, RV, RT],
    });
  });

  it('sends pre-order rows with colours, hop hints and error flags', () => {
    expect(rows.spanId).toEqual(['gw', 'pp', 'pp-rv', 'rv', 'rv-rt', 'rt']);
    expect(rows.service).toEqual([0, 1, 1, 2, 2, 3]);
    expect(rows.peer).toEqual([1, -1, 2, -1, 3, -1]);
    expect(rows.start).toEqual([0, 1_000, 10_000, 11_000, 20_000, 21_000]);
    expect(rows.flags[4] & ROW_FLAG.error).toBeTruthy();
    expect(rows.flags[1] & ROW_FLAG.descendantError).toBeTruthy();
    expect(rows.flags[5] & ROW_FLAG.hasChildren).toBe(0);
    expect(rows.flags[0] & ROW_FLAG.critical).toBeTruthy();
  });

  it('gives span details with Meshscope warnings and the parent', () => {
    const d = spanDetail(built, 'rv-rt');
    expect(d).toMatchObject({ parentSpanId: 'rv', service: RV, kind: 'client', error: true });
    expect(d?.tags).toContainEqual({ key: 'response_flags', value: 'UF', type: 'string' });
    expect(spanDetail(built, 'nope')).toBeUndefined();
  });

  it('finds rows by service, tag key=value, and excludes by -key', () => {
    expect(findInTrace(built, 'ratings')).toEqual([5]);
    expect(findInTrace(built, 'http.status_code=503')).toEqual([4]);
    expect(findInTrace(built, 'reviews -response_flags')).toEqual([3]);
    expect(findInTrace(built, '')).toEqual([]);
    expect(searchTerms('a "GET /x" b')).toEqual(['a', 'get /x', 'b']);
  });

  it('turns hops into a graph path with versions and workloads', () => {
    expect(tracePath(built).hops).toEqual([
      {
        source: {
          namespace: 'istio-system',
          app: 'istio-ingressgateway',
          workload: 'istio-ingressgateway',
        },
        target: {
          namespace: 'bookinfo',
          app: 'productpage',
          version: 'v1',
          workload: 'productpage-v1',
        },
      },
      {
        source: { namespace: 'bookinfo', app: 'productpage' },
        target: { namespace: 'bookinfo', app: 'reviews', version: 'v2' },
      },
      {
        source: { namespace: 'bookinfo', app: 'reviews' },
        target: { namespace: 'bookinfo', app: 'ratings', version: 'v1' },
      },
    ]);
    expect(workloadFromPod('reviews-v2-7d7f8b9c6d-x2kq9')).toBe('reviews-v2');
    expect(workloadFromPod('standalone')).toBe('standalone');
  });
});
