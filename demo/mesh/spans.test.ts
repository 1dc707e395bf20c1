import { describe, expect, it } from 'vitest';

import { workload } from './__fixtures__/bookinfo-snapshot';
import { workloadIdentity } from './behaviour';
import { UNKNOWN_IDENTITY } from './behaviour';
import { extractContext, injectContext, proxySpan } from './spans';
import { peerLabels, requestLabels } from './telemetry';

const ctx = { traceId: 'a'.repeat(32), spanId: 'b'.repeat(16), sampled: true, requestId: 'req-1' };
const reviews = workloadIdentity(
  workload('reviews-v2', 'bookinfo', { app: 'reviews', version: 'v2' }),
);

describe('trace context', () => {
  it('round-trips B3 and W3C headers', () => {
    const h = injectContext(ctx, 'c'.repeat(16));
    expect(h.traceparent).toBe(`00-${'a'.repeat(32)}-${'b'.repeat(16)}-01`);
    expect(h['x-b3-parentspanid']).toBe('c'.repeat(16));
    expect(extractContext(h)).toEqual(ctx);
    const { 'x-b3-traceid': _t, 'x-b3-spanid': _s, ...w3cOnly } = h;
    expect(extractContext(w3cOnly)).toEqual(ctx);
    expect(extractContext({ b3: `${'a'.repeat(32)}-${'b'.repeat(16)}-0` })?.sampled).toBe(false);
    expect(extractContext({})).toBeUndefined();
  });
});

describe('proxySpan', () => {
  it("carries Envoy's tags as strings and marks 5xx as errors", () => {
    const s = proxySpan({
      kind: 'server',
      ctx,
      spanId: 'd'.repeat(16),
      parentSpanId: ctx.spanId,
      operation: 'reviews.bookinfo.svc.cluster.local:9080/*',
      self: reviews,
      pod: 'reviews-v2-abc',
      podIp: '10.244.0.9',
      peerAddress: '10.244.0.5',
      upstreamCluster: 'inbound|9080||',
      method: 'GET',
      url: 'http://reviews:9080/reviews/0',
      status: 503,
      flags: 'UH',
      startUs: 1,
      durationUs: 10,
      requestBytes: 1,
      responseBytes: 2,
    });
    expect(s.serviceName).toBe('reviews.bookinfo');
    expect(s.references).toEqual([
      { refType: 'CHILD_OF', traceId: ctx.traceId, spanId: ctx.spanId },
    ]);
    expect(s.tags).toMatchObject({
      'span.kind': 'server',
      component: 'proxy',
      'http.status_code': '503',
      response_flags: 'UH',
      error: 'true',
      'guid:x-request-id': 'req-1',
      'peer.address': '10.244.0.5',
      node_id: 'sidecar~10.244.0.9~reviews-v2-abc.bookinfo~bookinfo.svc.cluster.local',
      'istio.canonical_service': 'reviews',
      'istio.canonical_revision': 'v2',
    });
    expect(Object.values(s.tags).every((v) => typeof v === 'string')).toBe(true);
  });
});

describe('telemetry labels', () => {
  const base = {
    source: reviews,
    destination: UNKNOWN_IDENTITY,
    service: { host: 'ratings.bookinfo.svc.cluster.local', name: 'ratings', namespace: 'bookinfo' },
    protocol: 'http' as const,
    flags: 'FI',
    securityPolicy: 'mutual_tls' as const,
  };
  it('uses unknown for the source reporter security policy and keeps grpc status empty for http', () => {
    const l = requestLabels({
      ...base,
      reporter: 'source',
      responseCode: 500,
      durationMs: 1,
      requestBytes: 0,
      responseBytes: 0,
    });
    expect(l).toMatchObject({
      reporter: 'source',
      destination_workload: 'unknown',
      destination_service_name: 'ratings',
      connection_security_policy: 'unknown',
      response_code: '500',
      grpc_response_status: '',
      response_flags: 'FI',
    });
    expect(Object.keys(l)).toHaveLength(25);
    expect(peerLabels({ ...base, reporter: 'destination' }).connection_security_policy).toBe(
      'mutual_tls',
    );
    expect(
      requestLabels({
        ...base,
        reporter: 'destination',
        protocol: 'grpc',
        responseCode: 200,
        grpcStatus: 14,
        durationMs: 1,
        requestBytes: 0,
        responseBytes: 0,
      }).grpc_response_status,
    ).toBe('14');
  });
});
