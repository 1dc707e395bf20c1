import { describe, expect, it } from 'vitest';

import type { GraphEdge, GraphNode, MeshGraph } from '@/server/model/graph';

import { observedByVersion } from './observed';

const rates = { total: 0, ok: 0, err3xx: 0, err4xx: 0, err5xx: 0, noResponse: 0, tcpBytes: 0 };
const node = (id: string, extra: Partial<GraphNode>): GraphNode =>
  ({
    id,
    nodeType: 'app',
    namespace: 'bookinfo',
    health: 'healthy',
    inbound: rates,
    outbound: rates,
    badges: [],
    ...extra,
  }) as GraphNode;
const edge = (source: string, target: string, rps: number): GraphEdge =>
  ({ id: `${source}>${target}`, source, target, rps }) as GraphEdge;

describe('observedByVersion', () => {
  it('sums service → version edges', () => {
    const graph = {
      nodes: [
        node('svc', { nodeType: 'service', service: 'reviews' }),
        node('r1', { app: 'reviews', version: 'v1' }),
        node('r3', { app: 'reviews', version: 'v3' }),
        node('pp', { app: 'productpage', version: 'v1' }),
      ],
      edges: [edge('pp', 'svc', 10), edge('svc', 'r1', 2.5), edge('svc', 'r3', 7.5)],
    } as unknown as MeshGraph;
    expect(observedByVersion(graph, 'bookinfo', 'reviews')).toEqual({ v1: 2.5, v3: 7.5 });
    expect(observedByVersion(graph, 'bookinfo', 'ratings')).toBeUndefined();
    expect(observedByVersion(undefined, 'bookinfo', 'reviews')).toBeUndefined();
  });
});
