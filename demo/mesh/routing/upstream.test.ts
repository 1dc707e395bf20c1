import { describe, expect, it } from 'vitest';

import { workload } from '../__fixtures__/bookinfo-snapshot';
import { parseDurationMs, percentOf } from './duration';
import type { Endpoint } from './hosts';
import { admissionLimit, UpstreamCluster } from './upstream';

const w = workload('httpbin-v1', 'default', { app: 'httpbin', version: 'v1' }, 3);
const eps: Endpoint[] = w.pods.map((p) => ({ workload: w, pod: p.name }));

describe('UpstreamCluster', () => {
  it('round-robins evenly', () => {
    const c = new UpstreamCluster();
    const counts = new Map<string, number>();
    for (let i = 0; i < 30; i++) {
      const r = c.pick(eps, { loadBalancer: { simple: 'ROUND_ROBIN' } });
      if (!('endpoint' in r)) throw new Error('no endpoint');
      counts.set(r.endpoint.pod, (counts.get(r.endpoint.pod) ?? 0) + 1);
      c.done(r.endpoint, 200, undefined, eps.length);
    }
    expect([...counts.values()]).toEqual([10, 10, 10]);
  });

  it('overflows past maxConnections + http1MaxPendingRequests with UO', () => {
    const c = new UpstreamCluster();
    const policy = {
      connectionPool: { tcp: { maxConnections: 1 }, http: { http1MaxPendingRequests: 1 } },
    };
    expect(admissionLimit(policy)).toBe(2);
    const a = c.pick(eps, policy);
    const b = c.pick(eps, policy);
    expect('endpoint' in a && 'endpoint' in b).toBe(true);
    expect(c.pick(eps, policy)).toEqual({ failure: 'UO' });
    if ('endpoint' in a) c.done(a.endpoint, 200, undefined, 3);
    expect('endpoint' in c.pick(eps, policy)).toBe(true);
  });

  it('ejects a host after consecutive gateway errors and reports UH when none is left', () => {
    let now = 0;
    const c = new UpstreamCluster(() => now);
    const od = { consecutiveGatewayErrors: 1, baseEjectionTime: '3m', maxEjectionPercent: 100 };
    const one = [eps[0]];
    const r = c.pick(one, {});
    if (!('endpoint' in r)) throw new Error('no endpoint');
    c.done(r.endpoint, 503, od, 1);
    expect(c.isEjected(eps[0])).toBe(true);
    expect(c.pick(one, {})).toEqual({ failure: 'UH' });
    now = 3 * 60_000 + 1;
    expect('endpoint' in c.pick(one, {})).toBe(true);
  });

  it('caps ejections at maxEjectionPercent but always allows one', () => {
    const c = new UpstreamCluster(() => 0);
    const od = { consecutive5xxErrors: 1 }; // default cap 10 %
    for (const e of eps) {
      c.pick([e], {});
      c.done(e, 500, od, eps.length);
    }
    expect(eps.filter((e) => c.isEjected(e))).toHaveLength(1);
  });

  it('hashes consistently on a header', () => {
    const c = new UpstreamCluster();
    const lb = { loadBalancer: { consistentHash: { httpHeaderName: 'end-user' } } };
    const picks = new Set<string>();
    for (let i = 0; i < 10; i++) {
      const r = c.pick(eps, lb, 'jason');
      if ('endpoint' in r) picks.add(r.endpoint.pod);
    }
    expect(picks.size).toBe(1);
  });
});

describe('durations', () => {
  it('parses Istio durations and rejects garbage', () => {
    expect(parseDurationMs('1s')).toBe(1000);
    expect(parseDurationMs('0.5s')).toBe(500);
    expect(parseDurationMs('100ms')).toBe(100);
    expect(parseDurationMs('1m30s')).toBe(90_000);
    expect(parseDurationMs(undefined)).toBeUndefined();
    expect(() => parseDurationMs('soon')).toThrow(/duration/);
    expect(percentOf({ percentage: { value: 12.5 }, percent: 50 })).toBe(12.5);
    expect(percentOf({ percent: 50 })).toBe(50);
    expect(percentOf({})).toBe(100);
  });
});
