import { describe, expect, it } from 'vitest';

import { parseQuery } from '@/server/http/handle';

import { graphQuerySchema } from './schema';

const parse = (qs: string) => parseQuery(graphQuerySchema, `http://x/api/namespaces/graph?${qs}`);

describe('graph query parameters', () => {
  it('applies defaults and normalises', () => {
    expect(parse('namespaces=bookinfo,istio-system,bookinfo')).toEqual({
      namespaces: ['bookinfo', 'istio-system'],
      graphType: 'versionedApp',
      duration: 60,
      injectServiceNodes: true,
      includeIdleNodes: false,
      includeIdleEdges: false,
    });
    expect(
      parse(
        'namespaces=a&graphType=service&duration=5m&queryTime=1700000000&injectServiceNodes=false&idleNodes=true&idleEdges=true',
      ),
    ).toEqual({
      namespaces: ['a'],
      graphType: 'service',
      duration: 300,
      queryTime: 1700000000,
      injectServiceNodes: false,
      includeIdleNodes: true,
      includeIdleEdges: true,
    });
  });

  it('responseTime: named quantiles, all, or none for the average only', () => {
    expect(parse('namespaces=a&responseTime=p50,p99').responseTimeQuantiles).toEqual([
      'p50',
      'p99',
    ]);
    expect(parse('namespaces=a&responseTime=all').responseTimeQuantiles).toEqual([
      'p50',
      'p95',
      'p99',
    ]);
    expect(parse('namespaces=a&responseTime=none').responseTimeQuantiles).toEqual([]);
    expect(() => parse('namespaces=a&responseTime=p90')).toThrow(/use p50, p95, p99, all or none/);
  });

  it('throughput: on unless turned off; anything but true/false is a 400', () => {
    expect(parse('namespaces=a')).not.toHaveProperty('throughput');
    expect(parse('namespaces=a&throughput=true')).not.toHaveProperty('throughput');
    expect(parse('namespaces=a&throughput=false').throughput).toBe(false);
    expect(() => parse('namespaces=a&throughput=no')).toThrow(/throughput: must be true or false/);
  });

  it.each([
    ['', /^namespaces: /],
    ['namespaces=', /namespaces: at least one namespace/],
    [
      `namespaces=${encodeURIComponent('bookinfo"} or vector(1) #')}`,
      /namespaces: invalid namespace/,
    ],
    [
      'namespaces=a&graphType=nodes',
      /graphType: must be one of app, versionedApp, workload, service/,
    ],
    ['namespaces=a&duration=forever', /duration: invalid duration "forever"/],
    ['namespaces=a&queryTime=yesterday', /queryTime: /],
    ['namespaces=a&idleEdges=yes', /idleEdges: must be true or false/],
  ])('400 naming the parameter for %j', (qs, message) => {
    expect(() => parse(qs)).toThrow(message);
    try {
      parse(qs);
    } catch (err) {
      expect((err as { status: number }).status).toBe(400);
    }
  });
});
