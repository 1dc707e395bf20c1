import type { GraphEdge, GraphNode, MeshGraph, TrafficRates } from '@/server/model/graph';

// A hand-written versioned-app graph of Bookinfo with service nodes, shaped like the tutorial
// numbers (productpage → reviews at 0.96 rps split between v1 and v3), for unit tests.

const r = (total: number, http5xx = 0): TrafficRates => ({
  total,
  http3xx: 0,
  http4xx: 0,
  http5xx,
  noResponse: 0,
  tcpBytes: 0,
});

const node = (id: string, over: Partial<GraphNode>): GraphNode => ({
  id,
  nodeType: 'app',
  namespace: 'bookinfo',
  health: 'healthy',
  inbound: r(0),
  outbound: r(0),
  badges: [],
  ...over,
});

const edge = (source: string, target: string, rps: number, over: Partial<GraphEdge> = {}) => {
  const protocol = over.protocol ?? 'http';
  return {
    id: `${source}->${target}:${protocol}`,
    source,
    target,
    protocol,
    rps,
    percentOfSource: 100,
    errorRate: 0,
    responseCodes: { '200': rps },
    responseFlags: {},
    responseTime: { avg: 20, p50: 15, p95: 40, p99: 80 },
    throughput: rps * 2000,
    mtlsPercent: 100,
    health: 'healthy',
    ...over,
  } satisfies GraphEdge;
};

export const bookinfoGraph: MeshGraph = {
  timestamp: 1_700_000_000,
  duration: 60,
  graphType: 'versionedApp',
  namespaces: ['bookinfo'],
  nodes: [
    node('gw', {
      nodeType: 'workload',
      namespace: 'istio-system',
      app: 'istio-ingressgateway',
      workload: 'istio-ingressgateway',
      isRoot: true,
      isGateway: true,
      isOutside: true,
      outbound: r(0.96),
    }),
    node('svc-productpage', {
      nodeType: 'service',
      service: 'productpage',
      app: 'productpage',
      inbound: r(0.96),
      badges: ['virtualService'],
    }),
    node('productpage-v1', { app: 'productpage', version: 'v1', inbound: r(0.96) }),
    node('svc-reviews', {
      nodeType: 'service',
      service: 'reviews',
      app: 'reviews',
      inbound: r(0.96),
      badges: ['virtualService', 'trafficShifting'],
    }),
    node('reviews-v1', { app: 'reviews', version: 'v1', inbound: r(0.49) }),
    node('reviews-v2', { app: 'reviews', version: 'v2', inbound: r(0), isIdle: true, health: 'idle' }),
    node('reviews-v3', { app: 'reviews', version: 'v3', inbound: r(0.47) }),
    node('svc-ratings', { nodeType: 'service', service: 'ratings', app: 'ratings', inbound: r(0.47, 0.1) }),
    node('ratings-v1', { app: 'ratings', version: 'v1', inbound: r(0.47, 0.1), health: 'failure' }),
    node('svc-details', { nodeType: 'service', service: 'details', app: 'details', inbound: r(0.96) }),
    node('details-v1', { app: 'details', version: 'v1', inbound: r(0.96) }),
  ],
  edges: [
    edge('gw', 'svc-productpage', 0.96),
    edge('svc-productpage', 'productpage-v1', 0.96),
    edge('productpage-v1', 'svc-reviews', 0.96, { percentOfSource: 50 }),
    edge('productpage-v1', 'svc-details', 0.96, { percentOfSource: 50 }),
    edge('svc-reviews', 'reviews-v1', 0.49, { percentOfSource: 51 }),
    edge('svc-reviews', 'reviews-v3', 0.47, { percentOfSource: 49 }),
    edge('svc-reviews', 'reviews-v2', 0, { percentOfSource: 0, isIdle: true, health: 'idle' }),
    edge('reviews-v3', 'svc-ratings', 0.47),
    edge('svc-ratings', 'ratings-v1', 0.47, {
      errorRate: 0.21,
      health: 'failure',
      responseCodes: { '200': 0.37, '503': 0.1 },
      responseFlags: { UO: 0.1 },
    }),
    edge('svc-details', 'details-v1', 0.96),
  ],
};
