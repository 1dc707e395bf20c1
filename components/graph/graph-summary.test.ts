import { describe, expect, it } from 'vitest';

import type { MeshGraph } from '@/server/model/graph';

import { bookinfoGraph as g } from './__fixtures__/bookinfo-graph';
import {
  codeClasses,
  edgeTitle,
  graphTotals,
  indexNodes,
  observedByVersion,
  shareRows,
  topEdges,
  tracePathIds,
  versionSplit,
} from './graph-summary';

const edge = (id: string) => g.edges.find((e) => e.id === id)!;
const node = (id: string) => g.nodes.find((n) => n.id === id)!;

describe('graph summary', () => {
  it('counts each request hop once', () => {
    const t = graphTotals(g);
    // gw→pp 0.96, pp→reviews 0.96, pp→details 0.96, reviews-v3→ratings 0.47
    expect(t.requestRps).toBeCloseTo(3.35, 5);
    expect(t.nodes).toBe(11);
    expect(t.errorPercent).toBe(0);
  });

  it('ranks top edges by rate and by errors', () => {
    expect(topEdges(g, 'rps', 1)[0].rps).toBe(0.96);
    expect(topEdges(g, 'errors').map((e) => e.id)).toEqual(['svc-ratings->ratings-v1:http']);
  });

  it('picks the same top edges as a full sort, ties by id, on a mesh with many ties', () => {
    // Rates from a handful of values and shuffled ids: most comparisons are ties.
    const edges = Array.from({ length: 400 }, (_, i) => ({
      ...g.edges[i % g.edges.length],
      id: `e-${(i * 7919) % 400}`,
      rps: (i * 13) % 6,
      errorRate: ((i * 29) % 4) / 10,
      protocol: i % 9 === 0 ? ('tcp' as const) : ('http' as const),
    }));
    const mesh: MeshGraph = { ...g, edges };
    for (const by of ['rps', 'errors'] as const) {
      const key = (e: (typeof edges)[number]) => (by === 'rps' ? e.rps : e.rps * e.errorRate);
      const sorted = edges
        .filter((e) => key(e) > 0 && (by === 'rps' || e.protocol !== 'tcp'))
        .sort((a, b) => key(b) - key(a) || a.id.localeCompare(b.id));
      for (const n of [0, 1, 5, 30])
        expect(topEdges(mesh, by, n).map((e) => e.id)).toEqual(sorted.slice(0, n).map((e) => e.id));
    }
  });

  it('names edges by their ends', () => {
    expect(edgeTitle(indexNodes(g), edge('productpage-v1->svc-reviews:http'))).toBe(
      'productpage v1 → reviews',
    );
  });

  it('splits an edge into a service across versions', () => {
    const split = versionSplit(g, edge('productpage-v1->svc-reviews:http'));
    expect(split.map((r) => [r.version, r.rps])).toEqual([
      ['v1', 0.49],
      ['v2', 0],
      ['v3', 0.47],
    ]);
    expect(split[0].percent).toBeCloseTo(51.04, 1);
  });

  it('splits without service nodes using the caller edges to each version', () => {
    const noSvc: MeshGraph = {
      ...g,
      edges: [
        { ...edge('svc-reviews->reviews-v1:http'), id: 'a', source: 'productpage-v1' },
        { ...edge('svc-reviews->reviews-v3:http'), id: 'b', source: 'productpage-v1' },
      ],
    };
    expect(versionSplit(noSvc, noSvc.edges[0]).map((r) => r.version)).toEqual(['v1', 'v3']);
  });

  it('computes observed rps per version for the traffic editor', () => {
    expect(observedByVersion(g, node('svc-reviews'))).toEqual({
      service: 'reviews',
      observed: { v1: 0.49, v2: 0, v3: 0.47 },
    });
    // An app node whose service has several versions gets the editor too…
    expect(observedByVersion(g, node('reviews-v1'))?.service).toBe('reviews');
    // …one with a single version does not.
    expect(observedByVersion(g, node('details-v1'))).toBeUndefined();
  });

  it('breaks rates into response-code classes', () => {
    const rows = codeClasses({
      total: 10,
      http3xx: 1,
      http4xx: 2,
      http5xx: 3,
      noResponse: 0,
      tcpBytes: 0,
    });
    expect(rows.map((r) => r.rps)).toEqual([4, 1, 2, 3, 0]);
    expect(rows[3].percent).toBe(30);
    expect(
      codeClasses({ total: 0, http3xx: 0, http4xx: 0, http5xx: 0, noResponse: 0, tcpBytes: 0 })[0]
        .percent,
    ).toBe(0);
  });

  it('lists codes busiest first with shares', () => {
    expect(shareRows({ '200': 0.37, '503': 0.1 }, 0.47)[1]).toMatchObject({ key: '503' });
  });

  it('maps trace hops onto the graph through service nodes', () => {
    const path = tracePathIds(g, [
      {
        source: { namespace: 'bookinfo', app: 'productpage', version: 'v1' },
        target: { namespace: 'bookinfo', app: 'reviews', version: 'v3' },
      },
    ]);
    expect([...path.edges].sort()).toEqual([
      'productpage-v1->svc-reviews:http',
      'svc-reviews->reviews-v3:http',
    ]);
    expect(path.nodes.has('reviews-v1')).toBe(false);
  });
});
