import { describe, expect, it } from 'vitest';

import { workload } from './__fixtures__/bookinfo-snapshot';
import { parseBehaviour, workloadIdentity } from './behaviour';

describe('parseBehaviour', () => {
  it('reads every annotation', () => {
    const b = parseBehaviour({
      'demo.meshscope.dev/calls': 'details:9080, reviews.bookinfo:9080/reviews/0',
      'demo.meshscope.dev/latency-ms': '10-40',
      'demo.meshscope.dev/error-rate': '0.25',
      'demo.meshscope.dev/protocol': 'grpc',
    });
    expect(b.calls).toEqual([
      { host: 'details', port: 9080, path: '/' },
      { host: 'reviews.bookinfo', port: 9080, path: '/reviews/0' },
    ]);
    expect(b.latencyMs).toEqual({ min: 10, max: 40 });
    expect(b.errorRate).toBe(0.25);
    expect(b.protocol).toBe('grpc');
  });

  it('has sensible defaults', () => {
    const b = parseBehaviour({});
    expect(b.calls).toEqual([]);
    expect(b.errorRate).toBe(0);
    expect(b.protocol).toBe('http');
    expect(b.latencyMs.min).toBeGreaterThan(0);
  });

  it('names the bad annotation', () => {
    expect(() => parseBehaviour({ 'demo.meshscope.dev/calls': 'details' })).toThrow(
      /calls.*service:port/,
    );
    expect(() => parseBehaviour({ 'demo.meshscope.dev/latency-ms': '40-10' })).toThrow(/max < min/);
    expect(() => parseBehaviour({ 'demo.meshscope.dev/error-rate': '2' })).toThrow(
      /between 0 and 1/,
    );
    expect(() => parseBehaviour({ 'demo.meshscope.dev/protocol': 'udp' })).toThrow(
      /http, grpc or tcp/,
    );
  });
});

describe('workloadIdentity', () => {
  it('derives canonical names and the SPIFFE principal like Istio', () => {
    const id = workloadIdentity(
      workload('reviews-v2', 'bookinfo', { app: 'reviews', version: 'v2' }),
    );
    expect(id).toMatchObject({
      app: 'reviews',
      version: 'v2',
      canonicalService: 'reviews',
      canonicalRevision: 'v2',
      principal: 'spiffe://cluster.local/ns/bookinfo/sa/bookinfo-reviews',
      cluster: 'Kubernetes',
    });
    const bare = workloadIdentity(workload('worker', 'ns', {}));
    expect(bare).toMatchObject({
      app: 'unknown',
      version: 'unknown',
      canonicalService: 'worker',
      canonicalRevision: 'latest',
    });
  });
});
