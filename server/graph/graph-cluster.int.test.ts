import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startTestCluster, type TestCluster } from '@/demo/cluster/test-cluster';
import type { RunningPrometheus } from '@/demo/prometheus/prometheus';
import { AppError } from '@/server/http/app-error';
import { loadKubeConfig, makeKubeClients } from '@/server/kube/client';
import { fetchInventory, type Inventory } from '@/server/kube/workloads';
import type { MeshGraph } from '@/server/model/graph';
import type { PrometheusClient } from '@/server/prometheus/client';

import { END, scenarioInventory } from './__fixtures__/scenario';
import { edge, node, query, startScenarioPrometheus } from './__fixtures__/scenario-prometheus';
import { createGraphService } from './get-mesh-graph';
import { listNamespaces } from './list-namespaces';

// The graph with its Kubernetes side read from the demo cluster through client-node, and the
// route handlers end to end, on the scenario's real Prometheus (see graph.int.test.ts).
let scenario: Awaited<ReturnType<typeof startScenarioPrometheus>>;
let prom: RunningPrometheus;
let client: PrometheusClient;

beforeAll(async () => {
  scenario = await startScenarioPrometheus();
  ({ prom, client } = scenario);
});

afterAll(async () => {
  await scenario?.close();
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
