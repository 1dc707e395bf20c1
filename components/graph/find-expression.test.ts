import { describe, expect, it } from 'vitest';

import type { GraphEdge, GraphNode } from '@/server/model/graph';

import { compileFind, type FindTarget } from './find-expression';

const rates = (total: number, http5xx = 0) => ({
  total,
  http3xx: 0,
  http4xx: 0,
  http5xx,
  noResponse: 0,
  tcpBytes: 0,
});

const node = (over: Partial<GraphNode>): FindTarget => ({
  kind: 'node',
  node: {
    id: 'n',
    nodeType: 'app',
    namespace: 'bookinfo',
    health: 'healthy',
    inbound: rates(0),
    outbound: rates(0),
    badges: [],
    ...over,
  },
});

const edge = (over: Partial<GraphEdge>): FindTarget => ({
  kind: 'edge',
  edge: {
    id: 'a->b:http',
    source: 'a',
    target: 'b',
    protocol: 'http',
    rps: 1,
    percentOfSource: 100,
    errorRate: 0,
    responseCodes: {},
    responseFlags: {},
    responseTime: {},
    throughput: 0,
    mtlsPercent: 100,
    health: 'healthy',
    ...over,
  },
});

function match(expr: string, t: FindTarget): boolean {
  const r = compileFind(expr);
  if (!r.ok) throw new Error(r.error);
  return r.match ? r.match(t) : false;
}

describe('compileFind', () => {
  it('treats an empty expression as no filter', () => {
    expect(compileFind('   ')).toEqual({ ok: true, match: null });
  });

  it('compares rates on edges and nodes', () => {
    expect(match('rps > 1', edge({ rps: 2 }))).toBe(true);
    expect(match('rps > 1', edge({ rps: 1 }))).toBe(false);
    expect(match('rps >= 1', edge({ rps: 1 }))).toBe(true);
    expect(match('rps > 1', node({ inbound: rates(3) }))).toBe(true);
    expect(match('rps > 1', node({ isRoot: true, outbound: rates(3) }))).toBe(true);
  });

  it('computes %error from the error share', () => {
    expect(match('%error > 5', edge({ errorRate: 0.1 }))).toBe(true);
    expect(match('%error > 5', edge({ errorRate: 0.01 }))).toBe(false);
    expect(match('%error > 5', node({ inbound: rates(10, 1) }))).toBe(true);
    expect(match('%error > 5', node({ inbound: rates(0) }))).toBe(false);
  });

  it('matches string attributes case-insensitively, only on their element kind', () => {
    expect(match('app = reviews', node({ app: 'Reviews' }))).toBe(true);
    expect(match('app = reviews', edge({}))).toBe(false);
    // Service nodes answer to their service name; other nodes without an app do not match.
    expect(match('app = ratings', node({ nodeType: 'service', service: 'ratings' }))).toBe(true);
    expect(match('app = ratings', node({ nodeType: 'unknown' }))).toBe(false);
    expect(match('version = v2', node({ version: 'v2' }))).toBe(true);
    expect(match('version != v2', node({ version: 'v1' }))).toBe(true);
    expect(match('protocol = tcp', edge({ protocol: 'tcp' }))).toBe(true);
    expect(match('protocol = tcp', node({}))).toBe(false);
  });

  it('supports unary terms and negation', () => {
    expect(match('!healthy', node({ health: 'failure' }))).toBe(true);
    expect(match('!healthy', edge({ health: 'healthy' }))).toBe(false);
    expect(match('root', node({ isRoot: true }))).toBe(true);
    expect(match('ts', node({ badges: ['trafficShifting'] }))).toBe(true);
  });

  it('binds AND tighter than OR', () => {
    const t = node({ app: 'reviews', version: 'v1' });
    expect(match('app = ratings OR app = reviews AND version = v1', t)).toBe(true);
    expect(match('app = ratings OR app = reviews AND version = v2', t)).toBe(false);
    expect(match('app = reviews and version = v1', t)).toBe(true);
  });

  it('reports a clear error for bad expressions', () => {
    const bad = (s: string) => {
      const r = compileFind(s);
      return r.ok ? '' : r.error;
    };
    expect(bad('rps >')).toMatch(/Expected a value after 'rps >'/);
    expect(bad('rps > fast')).toMatch(/not a number/);
    expect(bad('colour = red')).toMatch(/Unknown attribute 'colour'/);
    expect(bad('bogus')).toMatch(/Unknown term 'bogus'/);
    expect(bad('app > 3')).toMatch(/use = or !=/);
    expect(bad('rps > 1 rps < 3')).toMatch(/Expected AND or OR/);
    expect(bad('rps > 1 AND')).toMatch(/Expected a term/);
    expect(bad('app')).toMatch(/needs an operator/);
  });
});
