import { rm } from 'node:fs/promises';

import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

import { startTestCluster, type TestCluster } from '@/demo/cluster/test-cluster';
import {
  backfillOpenMetrics,
  type RunningPrometheus,
  startPrometheus,
} from '@/demo/prometheus/prometheus';
import { freePort } from '@/demo/util/ports';
import { AppError } from '@/server/http/app-error';
import { loadKubeConfig, makeKubeClients } from '@/server/kube/client';
import { fetchInventory, type Inventory } from '@/server/kube/workloads';
import type { GraphEdge, GraphQuery, MeshGraph } from '@/server/model/graph';
import { createPrometheusClient, type PrometheusClient } from '@/server/prometheus/client';
import {
  graphLatencyBuckets,
  histogramSelectors,
  namespaceShards,
} from '@/server/prometheus/queries';

import { END, scenarioInventory, scenarioOpenMetrics } from './__fixtures__/scenario';
import { createGraphService, type GraphService } from './get-mesh-graph';
import { unionOfShards } from './graph-answers';
import { createWorkerBuilder, inThreadBuilder } from './graph-builder';
import { quantileSamples } from './histogram';
import { listNamespaces } from './list-namespaces';
import { getTrafficMetrics } from './node-metrics';
import { latencyKeyLabels, responseTimeGroupings } from './response-time';

// A real Prometheus 2.42 serving the deterministic scenario (backfilled with promtool), and the
// graph service called directly with the Kubernetes side passed as plain data.
const dataDir = `/tmp/meshscope-h4-int-${process.pid}`;
let prom: RunningPrometheus;
let client: PrometheusClient;
let service: GraphService;

beforeAll(async () => {
  await rm(dataDir, { recursive: true, force: true });
  await backfillOpenMetrics(dataDir, scenarioOpenMetrics());
  prom = await startPrometheus({ port: await freePort(), dataDir, targets: [] });
  client = createPrometheusClient({ url: prom.url, timeoutMs: 5000 });
  service = createGraphService({
    prometheus: client,
    inventory: async () => scenarioInventory(),
    now: () => END,
  });
});

afterAll(async () => {
  await prom?.close();
  await rm(dataDir, { recursive: true, force: true });
});

function query(over: Partial<GraphQuery>): GraphQuery {
  return {
    namespaces: ['bookinfo'],
    graphType: 'versionedApp',
    duration: 60,
    queryTime: END,
    injectServiceNodes: false,
    includeIdleNodes: false,
    includeIdleEdges: false,
    responseTimeQuantiles: ['p50', 'p95', 'p99'],
    ...over,
  };
}

function edge(g: MeshGraph, id: string): GraphEdge {
  const e = g.edges.find((x) => x.id === id);
  if (!e) throw new Error(`no edge ${id}; have ${g.edges.map((x) => x.id).join(', ')}`);
  return e;
}

function node(g: MeshGraph, id: string) {
  const n = g.nodes.find((x) => x.id === id);
  if (!n) throw new Error(`no node ${id}; have ${g.nodes.map((x) => x.id).join(', ')}`);
  return n;
}

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

  it('quantiles computed from one pass over the buckets equal histogram_quantile per edge kind', async () => {
    const groupings = responseTimeGroupings('versionedApp', true);
    const key = latencyKeyLabels('versionedApp', true);
    const input = { namespaces: ['bookinfo'], window: 60 };
    const raw = await client.query(graphLatencyBuckets({ ...input, labels: key }), END);
    const ours = quantileSamples(raw, key, groupings, ['p50', 'p95', 'p99']);
    const sel = histogramSelectors(input.namespaces);
    let compared = 0;
    for (const [group, grouping] of groupings.entries()) {
      for (const [stat, q] of [
        ['p50', 0.5],
        ['p95', 0.95],
        ['p99', 0.99],
      ] as const) {
        // Prometheus' own answer for this grouping (test-only PromQL: what the graph avoids).
        const by = ['le', 'reporter', ...grouping].join(',');
        const expr = sel
          .map(
            (s) =>
              `histogram_quantile(${q}, sum by (${by}) (rate(istio_request_duration_milliseconds_bucket{${s}}[60s])))`,
          )
          .join(' or ');
        const theirs = (await client.query(expr, END)).filter((x) => Number.isFinite(x.value));
        const key = (l: Record<string, string>) =>
          ['reporter', ...grouping].map((n) => l[n] ?? '').join('|');
        const mine = new Map(
          ours.filter((x) => x.group === group && x.stat === stat).map((x) => [key(x.labels), x]),
        );
        expect(mine.size).toBe(theirs.length);
        for (const t of theirs) {
          expect(mine.get(key(t.labels))?.value).toBeCloseTo(t.value, 9);
          compared++;
        }
      }
    }
    expect(compared).toBeGreaterThan(20);
  });

  it('latency bucket shards joined give the unsharded answer', async () => {
    const namespaces = ['bookinfo', 'istio-system'];
    const input = { namespaces, window: 60, labels: latencyKeyLabels('versionedApp', true) };
    const whole = await client.query(graphLatencyBuckets(input), END);
    const parts = await Promise.all(
      namespaceShards(namespaces, 2).map((part) =>
        client.query(graphLatencyBuckets({ ...input, part }), END),
      ),
    );
    const key = (s: { labels: Record<string, string> }) =>
      JSON.stringify(s.labels, Object.keys(s.labels).sort());
    const sorted = (xs: { labels: Record<string, string>; value: number }[]) =>
      xs.map((x) => `${key(x)}=${x.value}`).sort();
    expect(whole.length).toBeGreaterThan(20);
    expect(sorted(unionOfShards(parts))).toEqual(sorted(whole));
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

  it('metrics API: node and edge range series with exact rates, error % and p95', async () => {
    const m = await getTrafficMetrics(
      {
        kind: 'node',
        node: 'wl:bookinfo:details-v1',
        direction: 'inbound',
        duration: 300,
        step: 60,
        end: END,
      },
      client,
    );
    expect(m).toMatchObject({
      start: END - 300,
      end: END,
      step: 60,
      rateWindow: 120,
      reporter: 'destination',
    });
    expect(m.series.rps).toEqual([0, 1, 2, 3, 4, 5].map((i) => [END - 300 + 60 * i, 10]));
    expect(m.series.errorPercent.every(([, v]) => v === 10)).toBe(true);
    expect(m.series.p95.at(-1)).toEqual([END, 17.5]);

    const out = await getTrafficMetrics(
      {
        kind: 'node',
        node: 'wl:bookinfo:productpage-v1',
        direction: 'outbound',
        duration: 120,
        step: 60,
        end: END,
      },
      client,
    );
    // 20.5 http + 5 grpc requests/s leave productpage, reported by its own proxy.
    expect(out.reporter).toBe('source');
    expect(out.series.rps.at(-1)).toEqual([END, 25.5]);

    // A database without a sidecar: no destination reports, so the caller's are used.
    const tcp = await getTrafficMetrics(
      {
        kind: 'edge',
        source: 'app:bookinfo:ratings:v1',
        target: 'app:bookinfo:mysqldb:v1',
        duration: 120,
        step: 60,
        end: END,
      },
      client,
    );
    expect(tcp.reporter).toBe('source');
    expect(tcp.series.tcpSent.at(-1)).toEqual([END, 3000]);
    expect(tcp.series.tcpReceived.at(-1)).toEqual([END, 1000]);

    const grpc = await getTrafficMetrics(
      {
        kind: 'edge',
        source: 'svc:bookinfo:echo',
        target: 'wl:bookinfo:echo-v1',
        duration: 60,
        step: 60,
        end: END,
      },
      client,
    );
    expect(grpc.series.errorPercent.at(-1)).toEqual([END, 20]);
    await expect(
      getTrafficMetrics(
        { kind: 'edge', source: 'svc:bookinfo:a', target: 'svc:bookinfo:b', duration: 60 },
        client,
      ),
    ).rejects.toMatchObject({ code: 'bad_request' });
  });
});

describe('graph API with the Kubernetes side from the demo cluster (client-node)', () => {
  let tc: TestCluster;
  let inventory: () => Promise<Inventory>;

  beforeAll(async () => {
    tc = await startTestCluster();
    const clients = makeKubeClients(loadKubeConfig(tc.kubeconfig));
    inventory = () => fetchInventory(clients);
  });

  afterAll(async () => {
    await tc?.dispose();
  });

  it('reshapes namespaces, Deployments, Services and Istio config from the real API', async () => {
    const inv = await inventory();
    expect(inv.namespaces.get('bookinfo')).toMatchObject({ 'istio-injection': 'enabled' });
    const pp = inv.workloads.find((w) => w.namespace === 'bookinfo' && w.name === 'productpage-v1');
    expect(pp).toMatchObject({
      app: 'productpage',
      version: 'v1',
      desired: 1,
      hasSidecar: true,
      isGateway: false,
    });
    const gw = inv.workloads.find((w) => w.name === 'istio-ingressgateway');
    expect(gw?.isGateway).toBe(true);
    expect(inv.services.map((s) => `${s.namespace}/${s.name}`)).toEqual(
      expect.arrayContaining(['bookinfo/productpage', 'bookinfo/reviews']),
    );
    expect(inv.virtualServices.some((v) => v.metadata?.name === 'bookinfo')).toBe(true);
  });

  it('graph on real inventory: 404 for a namespace the cluster lacks, data for one it has', async () => {
    const svc = createGraphService({ prometheus: client, inventory, now: () => END });
    await expect(svc.getGraph(query({ namespaces: ['bookinfo', 'nope'] }))).rejects.toMatchObject({
      code: 'not_found',
      message: 'namespace "nope" not found',
    });
    const g = await svc.getGraph(query({}));
    expect(node(g, 'app:bookinfo:productpage:v1')).toMatchObject({ hasSidecar: true });
    expect(node(g, 'app:istio-system:istio-ingressgateway:latest').isGateway).toBe(true);
  });

  it('a namespace missing from the cached inventory is looked up afresh before a 404', async () => {
    const asked: boolean[] = [];
    const svc = createGraphService({
      prometheus: client,
      inventory: async (opts) => {
        asked.push(!!opts?.fresh);
        const inv = scenarioInventory();
        // The cached copy predates the namespace; a relist has it.
        if (!opts?.fresh) inv.namespaces.delete('bookinfo');
        return inv;
      },
      now: () => END,
    });
    const g = await svc.getGraph(query({}));
    expect(asked).toEqual([false, true]);
    expect(g.edges.length).toBeGreaterThan(0);
  });

  it('route handlers: 200 graph JSON, 400 and 404 envelopes, namespaces and metrics', async () => {
    process.env.PROMETHEUS_URL = prom.url;
    process.env.KUBECONFIG = tc.kubeconfig;
    const graphRoute = await import('@/app/api/namespaces/graph/route');
    const nsRoute = await import('@/app/api/namespaces/route');
    const metricsRoute = await import('@/app/api/metrics/route');
    const get = (path: string) => new Request(`http://127.0.0.1${path}`);

    const ok = await graphRoute.GET(
      get(`/api/namespaces/graph?namespaces=bookinfo&queryTime=${END}&duration=1m`),
    );
    expect(ok.status).toBe(200);
    expect(ok.headers.get('server-timing')).toMatch(
      /^cache;desc=miss, inventory;dur=[\d.]+, prometheus;dur=[\d.]+, build;dur=[\d.]+$/,
    );
    const g = (await ok.json()) as MeshGraph;
    expect(g).toMatchObject({
      timestamp: END,
      duration: 60,
      graphType: 'versionedApp',
      namespaces: ['bookinfo'],
    });
    expect(edge(g, 'svc:bookinfo:productpage->app:bookinfo:productpage:v1:http').rps).toBe(12);

    const bad = await graphRoute.GET(
      get(`/api/namespaces/graph?namespaces=${encodeURIComponent('bookinfo"} or vector(1) #')}`),
    );
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { message: string } }).error.message).toMatch(
      /^namespaces: invalid namespace/,
    );
    const missing = await graphRoute.GET(get('/api/namespaces/graph?namespaces=nope'));
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({
      error: { code: 'not_found', message: 'namespace "nope" not found' },
    });

    const ns = await nsRoute.GET();
    expect(ns.status).toBe(200);
    expect(((await ns.json()) as { name: string }[]).map((n) => n.name)).toContain('bookinfo');

    const m = await metricsRoute.GET(
      get(`/api/metrics?node=wl:bookinfo:details-v1&duration=5m&step=1m&queryTime=${END}`),
    );
    expect(m.status).toBe(200);
    expect(((await m.json()) as { series: { rps: [number, number][] } }).series.rps.at(-1)).toEqual(
      [END, 10],
    );
    const badNode = await metricsRoute.GET(get('/api/metrics?node=pods:x'));
    expect(badNode.status).toBe(400);

    // The console's own metrics count the graph requests above (by cache hit or miss).
    const self = await (await import('@/app/metrics/route')).GET();
    expect(self.headers.get('content-type')).toMatch(/^text\/plain/);
    const text = await self.text();
    expect(text).toMatch(/^nodejs_eventloop_lag_max_seconds \d/m);
    expect(text).toMatch(/^meshscope_graph_request_duration_seconds_count\{cache="miss"\} [1-9]/m);
    expect(text).toMatch(/^meshscope_graph_builds_total\{thread="worker"\} [1-9]/m);
    expect(text).toMatch(/^meshscope_graph_phase_seconds_count\{phase="prometheus"\} [1-9]/m);
  });

  it('namespace list from the cluster; Kubernetes down is a 503 naming kubernetes', async () => {
    const list = await listNamespaces({ prometheus: client, inventory });
    expect(list.find((n) => n.name === 'bookinfo')).toMatchObject({ sidecarInjection: true });
    const dead = makeKubeClients(loadKubeConfig(tc.kubeconfig));
    await tc.cluster.close();
    const err = await fetchInventory(dead).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).status).toBe(503);
    expect((err as AppError).toBody().error.upstream).toBe('kubernetes');
  });
});
