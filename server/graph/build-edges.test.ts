import { describe, expect, it } from 'vitest';

import type { InstantSample } from '@/server/prometheus/client';

import { buildEdges } from './build-edges';
import { reduceToServiceGraph } from './reduce-to-service-graph';
import { toCode, toRequestSamples, toTcpSamples } from './telemetry';

function sample(over: Record<string, string>, value: number): InstantSample {
  return {
    labels: {
      reporter: 'destination',
      source_workload_namespace: 'bookinfo',
      source_workload: 'productpage-v1',
      source_canonical_service: 'productpage',
      source_canonical_revision: 'v1',
      destination_service_namespace: 'bookinfo',
      destination_service_name: 'reviews',
      destination_service: 'reviews.bookinfo.svc.cluster.local',
      destination_workload_namespace: 'bookinfo',
      destination_workload: 'reviews-v1',
      destination_canonical_service: 'reviews',
      destination_canonical_revision: 'v1',
      request_protocol: 'http',
      response_code: '200',
      grpc_response_status: '',
      response_flags: '-',
      connection_security_policy: 'mutual_tls',
      ...over,
    },
    value,
  };
}

const opts = { graphType: 'workload' as const, injectServiceNodes: false };
const empty = { tcp: [], throughput: [], responseTime: [] };

describe('buildEdges', () => {
  it('counts a request reported by both proxies once, preferring the destination', () => {
    const requests = toRequestSamples([
      sample({}, 4),
      sample({ reporter: 'source', connection_security_policy: 'unknown' }, 4.2),
    ]);
    const { edges } = buildEdges({ ...empty, requests }, opts);
    const e = edges.get('wl:bookinfo:productpage-v1->wl:bookinfo:reviews-v1:http');
    expect(e?.rps).toBe(4);
    expect(e?.mtlsRps).toBe(4);
  });

  it("keeps source-only outcomes the destination never saw (the caller's circuit breaker)", () => {
    const requests = toRequestSamples([
      sample({}, 4),
      sample({ reporter: 'source', response_code: '503', response_flags: 'UO' }, 1),
    ]);
    const e = buildEdges({ ...empty, requests }, opts).edges.get(
      'wl:bookinfo:productpage-v1->wl:bookinfo:reviews-v1:http',
    );
    expect(e?.rps).toBe(5);
    expect(Object.fromEntries(e?.flags ?? [])).toEqual({ UO: 1 });
    expect(e?.http5xx).toBe(1);
  });

  it('unknown sources become the unknown node; unanswered requests end at the service', () => {
    const requests = toRequestSamples([
      sample(
        {
          source_workload: 'unknown',
          source_canonical_service: 'unknown',
          source_workload_namespace: 'unknown',
        },
        2,
      ),
      sample(
        {
          reporter: 'source',
          destination_workload: 'unknown',
          destination_workload_namespace: 'unknown',
          destination_canonical_service: 'unknown',
          response_code: '0',
        },
        1,
      ),
    ]);
    const { edges, nodes } = buildEdges({ ...empty, requests }, opts);
    expect([...edges.keys()].sort()).toEqual([
      'unknown->wl:bookinfo:reviews-v1:http',
      'wl:bookinfo:productpage-v1->svc:bookinfo:reviews:http',
    ]);
    expect(nodes.get('unknown')?.nodeType).toBe('unknown');
    expect(edges.get('wl:bookinfo:productpage-v1->svc:bookinfo:reviews:http')?.noResponse).toBe(1);
  });

  it('gRPC uses grpc-status for the code and counts non-OK as errors', () => {
    expect(
      toCode({ request_protocol: 'grpc', response_code: '200', grpc_response_status: '14' }),
    ).toBe('14');
    expect(toCode({ request_protocol: 'http', response_code: '0' })).toBe('-');
    const requests = toRequestSamples([
      sample({ request_protocol: 'grpc', grpc_response_status: '0' }, 3),
      sample({ request_protocol: 'grpc', grpc_response_status: '2' }, 1),
    ]);
    const e = buildEdges({ ...empty, requests }, opts).edges.get(
      'wl:bookinfo:productpage-v1->wl:bookinfo:reviews-v1:grpc',
    );
    expect(Object.fromEntries(e?.codes ?? [])).toEqual({ '0': 3, '2': 1 });
    expect(e?.http5xx).toBe(1);
  });

  it('tcp: bytes sent plus received, destination preferred', () => {
    const tcp = toTcpSamples([
      sample({ tcp_dir: 'sent' }, 100),
      sample({ tcp_dir: 'received' }, 300),
      sample({ reporter: 'source', tcp_dir: 'sent' }, 100),
      sample({ reporter: 'source', tcp_dir: 'received' }, 300),
    ]);
    const e = buildEdges({ ...empty, requests: [], tcp }, opts).edges.get(
      'wl:bookinfo:productpage-v1->wl:bookinfo:reviews-v1:tcp',
    );
    expect(e?.rps).toBe(400);
  });

  it('injects service nodes and reduces a workload graph to a service graph', () => {
    const requests = toRequestSamples([
      sample({}, 4),
      sample(
        {
          source_workload: 'reviews-v1',
          source_canonical_service: 'reviews',
          destination_service_name: 'ratings',
          destination_service: 'ratings.bookinfo.svc.cluster.local',
          destination_workload: 'ratings-v1',
          destination_canonical_service: 'ratings',
        },
        2,
      ),
    ]);
    const set = buildEdges(
      { ...empty, requests },
      { graphType: 'service', injectServiceNodes: false },
    );
    expect([...set.edges.keys()].sort()).toEqual([
      'svc:bookinfo:ratings->wl:bookinfo:ratings-v1:http',
      'svc:bookinfo:reviews->wl:bookinfo:reviews-v1:http',
      'wl:bookinfo:productpage-v1->svc:bookinfo:reviews:http',
      'wl:bookinfo:reviews-v1->svc:bookinfo:ratings:http',
    ]);
    const reduced = reduceToServiceGraph(set);
    expect([...reduced.edges.values()].map((e) => [e.id, e.rps]).sort()).toEqual([
      ['svc:bookinfo:reviews->svc:bookinfo:ratings:http', 2],
      ['wl:bookinfo:productpage-v1->svc:bookinfo:reviews:http', 4],
    ]);
  });
});
