import type { GraphEdge, GraphNode, MeshGraph } from '../server/model/graph';

/**
 * Generated meshes of any size, the same for every run: the graph-page benchmark draws them, and
 * e2e tests that need a graph bigger than the demo's serve them in place of the graph API.
 */

/** Deterministic PRNG so every run measures the same mesh. */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const rates = (total: number) => ({
  total,
  http3xx: 0,
  http4xx: 0,
  http5xx: 0,
  noResponse: 0,
  tcpBytes: 0,
});

/** A layered mesh: `layers` tiers, each node calling a few nodes in deeper tiers. */
export function generateMesh(nodeCount: number, edgeCount: number, seed = 7): MeshGraph {
  const rand = rng(seed);
  const layers = 8;
  const nodes: GraphNode[] = Array.from({ length: nodeCount }, (_, i) => {
    const app = `svc-${Math.floor(i / 3)}`;
    return {
      id: `app:ns-${i % 10}:${app}:v${(i % 3) + 1}`,
      nodeType: 'app',
      namespace: `ns-${i % 10}`,
      app,
      version: `v${(i % 3) + 1}`,
      health: rand() < 0.05 ? 'degraded' : 'healthy',
      isRoot: i < 5,
      inbound: rates(1),
      outbound: rates(1),
      badges: i % 7 === 0 ? ['virtualService'] : [],
    };
  });
  const tier = (i: number) => Math.min(layers - 1, Math.floor((i / nodeCount) * layers));
  const edges: GraphEdge[] = [];
  const seen = new Set<string>();
  while (edges.length < edgeCount) {
    const s = Math.floor(rand() * nodeCount);
    const t = Math.floor(rand() * nodeCount);
    if (tier(t) <= tier(s)) continue;
    const id = `${nodes[s].id}->${nodes[t].id}:http`;
    if (seen.has(id)) continue;
    seen.add(id);
    const rps = Math.round((0.1 + rand() * 30) * 100) / 100;
    const errorRate = rand() < 0.1 ? rand() * 0.3 : 0;
    edges.push({
      id,
      source: nodes[s].id,
      target: nodes[t].id,
      protocol: rand() < 0.05 ? 'tcp' : 'http',
      rps,
      percentOfSource: 10,
      errorRate,
      responseCodes: { '200': rps },
      responseFlags: {},
      responseTime: { avg: 20 + rand() * 200, p95: 40 + rand() * 400 },
      throughput: rps * 1500,
      mtlsPercent: 100,
      health: errorRate > 0.1 ? 'failure' : errorRate > 0 ? 'degraded' : 'healthy',
    });
  }
  return {
    timestamp: Math.floor(Date.now() / 1000),
    duration: 60,
    graphType: 'versionedApp',
    namespaces: ['ns-0'],
    nodes,
    edges,
  };
}
