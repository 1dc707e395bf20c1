import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

import { freePort } from '@/demo/util/ports';
import { AppError } from '@/server/http/app-error';
import { createPrometheusClient, type PrometheusClient } from '@/server/prometheus/client';

import { END, scenarioInventory } from './__fixtures__/scenario';
import { edge, node, query, startScenarioPrometheus } from './__fixtures__/scenario-prometheus';
import { createGraphService, type GraphService } from './get-mesh-graph';
import { createWorkerBuilder, inThreadBuilder } from './graph-builder';

// A real Prometheus 2.42 serving the deterministic scenario, and the graph service called
// directly with the Kubernetes side passed as plain data. The Kubernetes side from the demo
// cluster and the route handlers are in graph-cluster.int.test.ts.
let scenario: Awaited<ReturnType<typeof startScenarioPrometheus>>;
let client: PrometheusClient;
let service: GraphService;

beforeAll(async () => {
  scenario = await startScenarioPrometheus();
  client = scenario.client;
  service = createGraphService({
    prometheus: client,
    inventory: async () => scenarioInventory(),
    now: () => END,
  });
});

afterAll(async () => {
  await scenario?.close();
});

describe('graph API on a real Prometheus', () => {
  it('versionedApp: exact nodes, edges, rates, errors and p95', async () => {
    const before = client.queryCount;
    const g = await service.getGraph(query({}));
    // requests, tcp, throughput, average response time, and the latency buckets for quantiles.
    expect(client.queryCount - before).toBe(5);
    expect(g.nodes.map((n) => n.id)).toEqual([
      'app:bookinfo:details:v1',
      'app:bookinfo:echo:v1',
      'app:bookinfo:mysqldb:v1',
      'app:bookinfo:productpage:v1',
      'app:bookinfo:ratings:v1',
      'app:bookinfo:reviews:v1',
      'app:bookinfo:reviews:v2',
      'app:bookinfo:reviews:v3',
      'app:istio-system:istio-ingressgateway:latest',
      'svc:bookinfo:reviews',
      'unknown',
    ]);
    expect(g.edges).toHaveLength(11);

    const ingress = edge(
      g,
      'app:istio-system:istio-ingressgateway:latest->app:bookinfo:productpage:v1:http',
    );
    // Reported by both proxies, counted once; timings from the destination proxy.
    expect(ingress).toMatchObject({
      rps: 10,
      percentOfSource: 100,
      errorRate: 0,
      mtlsPercent: 100,
    });
    expect(ingress.responseTime).toEqual({ avg: 30, p50: 25, p95: 75, p99: 95 });
    expect(ingress.throughput).toBe(21000);
    const gw = node(g, 'app:istio-system:istio-ingressgateway:latest');
    expect(gw).toMatchObject({ isRoot: true, isGateway: true, isOutside: true, health: 'healthy' });
    expect(gw.badges).toEqual(expect.arrayContaining(['gateway', 'root']));

    const unknown = edge(g, 'unknown->app:bookinfo:productpage:v1:http');
    expect(unknown).toMatchObject({ rps: 2, responseTime: { p95: 24.25 } });
    expect(node(g, 'unknown')).toMatchObject({ nodeType: 'unknown', isRoot: true });

    const details = edge(g, 'app:bookinfo:productpage:v1->app:bookinfo:details:v1:http');
    expect(details).toMatchObject({
      rps: 10,
      percentOfSource: 48.8,
      errorRate: 0.1,
      responseCodes: { '200': 9, '500': 1 },
      health: 'failure',
    });
    expect(details.responseTime.p95).toBe(17.5);

    expect(edge(g, 'app:bookinfo:productpage:v1->app:bookinfo:reviews:v1:http')).toMatchObject({
      rps: 4,
      percentOfSource: 19.5,
      responseTime: { p95: 23.5 },
      health: 'healthy',
    });
    expect(
      edge(g, 'app:bookinfo:productpage:v1->app:bookinfo:reviews:v2:http').responseTime.p95,
    ).toBe(48.13);
    expect(edge(g, 'app:bookinfo:productpage:v1->app:bookinfo:reviews:v3:http')).toMatchObject({
      rps: 3,
      errorRate: 0.3333,
      responseCodes: { '200': 2, '503': 1 },
      responseTime: { p95: 96.25 },
    });

    // Requests that never reached a workload end at the service node.
    expect(edge(g, 'app:bookinfo:productpage:v1->svc:bookinfo:reviews:http')).toMatchObject({
      rps: 0.5,
      percentOfSource: 2.4,
      errorRate: 1,
      responseCodes: { '503': 0.5 },
      responseFlags: { UO: 0.5 },
      mtlsPercent: 0,
      health: 'failure',
    });

    expect(edge(g, 'app:bookinfo:reviews:v3->app:bookinfo:ratings:v1:http')).toMatchObject({
      rps: 3,
      errorRate: 0.1667,
      health: 'degraded',
      responseTime: { p95: 9.75 },
    });

    // gRPC: the grpc-status is the response code; status 14 is an error.
    expect(edge(g, 'app:bookinfo:productpage:v1->app:bookinfo:echo:v1:grpc')).toMatchObject({
      protocol: 'grpc',
      rps: 5,
      percentOfSource: 100,
      errorRate: 0.2,
      responseCodes: { '0': 4, '14': 1 },
      responseTime: { p95: 8.75 },
      health: 'failure',
    });

    // TCP: bytes/s sent plus received, reported by the caller only.
    expect(edge(g, 'app:bookinfo:ratings:v1->app:bookinfo:mysqldb:v1:tcp')).toMatchObject({
      protocol: 'tcp',
      rps: 4000,
      throughput: 4000,
      mtlsPercent: 0,
      health: 'healthy',
    });
    expect(node(g, 'app:bookinfo:mysqldb:v1')).toMatchObject({
      hasSidecar: false,
      health: 'healthy',
    });
    expect(node(g, 'app:bookinfo:mysqldb:v1').badges).toContain('missingSidecar');

    // Health: error rates merged with Deployment availability (the worse wins).
    expect(node(g, 'app:bookinfo:reviews:v2').health).toBe('degraded');
    expect(node(g, 'app:bookinfo:reviews:v3').health).toBe('failure');
    expect(node(g, 'app:bookinfo:productpage:v1')).toMatchObject({
      health: 'healthy',
      inbound: { total: 12 },
      outbound: { total: 25.5 },
    });
    expect(node(g, 'app:bookinfo:reviews:v1').badges).toEqual(
      expect.arrayContaining(['virtualService', 'trafficShifting']),
    );
    expect(node(g, 'app:bookinfo:ratings:v1').badges).toContain('circuitBreaker');
  });

  it('app: versions merge and the p95 is the quantile of the merged histogram', async () => {
    const g = await service.getGraph(query({ graphType: 'app' }));
    const reviews = edge(g, 'app:bookinfo:productpage->app:bookinfo:reviews:http');
    expect(reviews).toMatchObject({
      rps: 10,
      errorRate: 0.1,
      responseCodes: { '200': 9, '503': 1 },
      responseTime: { p95: 87.5 },
    });
    expect(edge(g, 'app:bookinfo:reviews->app:bookinfo:ratings:http')).toMatchObject({
      rps: 6,
      errorRate: 0.0833,
      health: 'healthy',
      responseTime: { p95: 9.75 },
    });
    expect(g.nodes.filter((n) => n.nodeType === 'app').map((n) => n.id)).toContain(
      'app:bookinfo:reviews',
    );
  });

  it('workload with service nodes: caller → service → workload', async () => {
    const g = await service.getGraph(query({ graphType: 'workload', injectServiceNodes: true }));
    expect(
      edge(g, 'wl:istio-system:istio-ingressgateway->svc:bookinfo:productpage:http'),
    ).toMatchObject({
      rps: 10,
      responseTime: { p95: 75 },
    });
    expect(edge(g, 'svc:bookinfo:productpage->wl:bookinfo:productpage-v1:http')).toMatchObject({
      rps: 12,
      responseTime: { p95: 70 },
    });
    expect(edge(g, 'wl:bookinfo:productpage-v1->svc:bookinfo:reviews:http')).toMatchObject({
      rps: 10.5,
      errorRate: 0.1429,
      responseCodes: { '200': 9, '503': 1.5 },
      responseFlags: { UO: 0.5 },
      responseTime: { p95: 87.5 },
    });
    expect(edge(g, 'svc:bookinfo:reviews->wl:bookinfo:reviews-v2:http')).toMatchObject({
      rps: 3,
      percentOfSource: 30,
    });
    expect(node(g, 'svc:bookinfo:reviews').badges).toEqual(
      expect.arrayContaining(['virtualService', 'trafficShifting']),
    );
    expect(node(g, 'svc:bookinfo:ratings').badges).toContain('circuitBreaker');
  });

  it('service: workloads reduced into the services in front of them', async () => {
    const g = await service.getGraph(query({ graphType: 'service' }));
    expect(g.nodes.map((n) => n.id)).toEqual([
      'svc:bookinfo:details',
      'svc:bookinfo:echo',
      'svc:bookinfo:mysqldb',
      'svc:bookinfo:productpage',
      'svc:bookinfo:ratings',
      'svc:bookinfo:reviews',
      'unknown',
      'wl:istio-system:istio-ingressgateway',
    ]);
    expect(g.edges.map((e) => [e.id, e.rps])).toEqual([
      ['svc:bookinfo:productpage->svc:bookinfo:details:http', 10],
      ['svc:bookinfo:productpage->svc:bookinfo:echo:grpc', 5],
      ['svc:bookinfo:productpage->svc:bookinfo:reviews:http', 10.5],
      ['svc:bookinfo:ratings->svc:bookinfo:mysqldb:tcp', 4000],
      ['svc:bookinfo:reviews->svc:bookinfo:ratings:http', 6],
      ['unknown->svc:bookinfo:productpage:http', 2],
      ['wl:istio-system:istio-ingressgateway->svc:bookinfo:productpage:http', 10],
    ]);
    expect(edge(g, 'svc:bookinfo:reviews->svc:bookinfo:ratings:http').responseTime.p95).toBe(9.75);
  });

  it('both namespaces: source and destination reports of the same requests count once', async () => {
    const g = await service.getGraph(query({ namespaces: ['istio-system', 'bookinfo'] }));
    const ingress = edge(
      g,
      'app:istio-system:istio-ingressgateway:latest->app:bookinfo:productpage:v1:http',
    );
    expect(ingress.rps).toBe(10);
    expect(node(g, 'app:istio-system:istio-ingressgateway:latest').isOutside).toBeUndefined();
  });

  it('idle edges and idle nodes on request', async () => {
    const g = await service.getGraph(query({ includeIdleEdges: true, includeIdleNodes: true }));
    expect(edge(g, 'app:bookinfo:details:v1->app:bookinfo:legacy:v1:http')).toMatchObject({
      rps: 0,
      isIdle: true,
      health: 'idle',
    });
    expect(node(g, 'app:bookinfo:unused:v1')).toMatchObject({ isIdle: true, health: 'idle' });
    const plain = await service.getGraph(query({}));
    expect(plain.edges.some((e) => e.isIdle)).toBe(false);
  });

  it('responseTime none: four queries and the average only', async () => {
    const before = client.queryCount;
    const g = await service.getGraph(query({ responseTimeQuantiles: [] }));
    expect(client.queryCount - before).toBe(4);
    const e = edge(g, 'app:bookinfo:productpage:v1->app:bookinfo:reviews:v2:http');
    expect(Object.keys(e.responseTime)).toEqual(['avg']);
    expect(e.responseTime.avg).toBeGreaterThan(0);
  });

  it('throughput false: three queries, no bytes on http edges, tcp edges keep theirs', async () => {
    const before = client.queryCount;
    const g = await service.getGraph(query({ responseTimeQuantiles: [], throughput: false }));
    expect(client.queryCount - before).toBe(3);
    const http = edge(
      g,
      'app:istio-system:istio-ingressgateway:latest->app:bookinfo:productpage:v1:http',
    );
    expect(http.rps).toBe(10);
    expect(http).not.toHaveProperty('throughput');
    expect(edge(g, 'app:bookinfo:ratings:v1->app:bookinfo:mysqldb:v1:tcp').throughput).toBe(4000);
  });

  it('the same number of queries for 2 or 100 namespaces, and one round for concurrent callers', async () => {
    const many = Array.from({ length: 99 }, (_, i) => `ns-${i}`);
    const svc = createGraphService({
      prometheus: client,
      inventory: async () => {
        const inv = scenarioInventory();
        for (const ns of many) inv.namespaces.set(ns, {});
        return inv;
      },
      now: () => END,
    });
    let before = client.queryCount;
    await svc.getGraph(query({ namespaces: ['bookinfo', 'ns-1'] }));
    // Four queries, plus the latency buckets in LATENCY_SHARDS (2) parts.
    expect(client.queryCount - before).toBe(6);
    before = client.queryCount;
    const q = query({ namespaces: ['bookinfo', ...many] });
    const [a, b, c] = await Promise.all([svc.getGraph(q), svc.getGraph(q), svc.getGraph({ ...q })]);
    expect(client.queryCount - before).toBe(6);
    expect(b).toBe(a);
    expect(c).toBe(a);
    expect(a.edges).toHaveLength(11);
  });

  it('the build worker thread and an in-thread build give the same graph', async () => {
    const q = query({ graphType: 'workload', injectServiceNodes: true, queryTime: END - 1 });
    const warn = vi.spyOn(console, 'warn');
    const onWorker = await createGraphService({
      prometheus: client,
      inventory: async () => scenarioInventory(),
      builder: createWorkerBuilder(),
    }).getGraphJson(q);
    // Phases are measured from the start of the build, so Prometheus' includes its queries.
    expect(onWorker.phases.prometheus).toBeGreaterThan(0);
    expect(onWorker.phases.build).toBeGreaterThanOrEqual(0);
    const inThread = await createGraphService({
      prometheus: client,
      inventory: async () => scenarioInventory(),
      builder: inThreadBuilder,
    }).getGraphJson(q);
    // The worker really ran: a fallback to in-thread building would have said so.
    expect(warn).not.toHaveBeenCalled();
    warn.mockRestore();
    expect(JSON.parse(onWorker.json)).toEqual(JSON.parse(inThread.json));
    expect(JSON.parse(onWorker.json).edges.length).toBeGreaterThan(10);
  });

  it('unknown namespace is a 404; Prometheus down is a 503 naming prometheus', async () => {
    await expect(service.getGraph(query({ namespaces: ['nope'] }))).rejects.toMatchObject({
      code: 'not_found',
      message: 'namespace "nope" not found',
    });
    const down = createGraphService({
      prometheus: createPrometheusClient({
        url: `http://127.0.0.1:${await freePort()}`,
        timeoutMs: 2000,
      }),
      inventory: async () => scenarioInventory(),
    });
    const err = await down.getGraph(query({})).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).status).toBe(503);
    expect((err as AppError).toBody().error.upstream).toBe('prometheus');
  });
});
