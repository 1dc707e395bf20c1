import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import * as k8s from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createGraphService } from '@/server/graph/get-mesh-graph';
import { loadKubeConfig, makeKubeClients } from '@/server/kube/client';
import { fetchInventory } from '@/server/kube/workloads';
import { createPrometheusClient } from '@/server/prometheus/client';

import { type RunningCluster, startCluster, writeKubeconfig } from '../cluster';
import { type RunningPrometheus, startPrometheus } from '../prometheus/prometheus';
import type { DemoSpan } from '../traces/span';
import { freePort } from '../util/ports';
import { type RunningMesh, startMesh } from '.';

// One stack for every scenario: the demo cluster, the mesh at 40 rps (fast statistics) and a
// real Prometheus scraping it every second. Scenarios run in order and each replaces the
// previous Istio config, then measures with short rate windows.
const RPS = 40;
let dir: string;
let cluster: RunningCluster;
let mesh: RunningMesh;
let prom: RunningPrometheus;
let custom: k8s.CustomObjectsApi;
const spans: DemoSpan[] = [];

/** Instant query; each series is keyed by the values of `by` labels, in that order. */
async function query(expr: string, by: string[]): Promise<Map<string, number>> {
  const res = await fetch(`${prom.url}/api/v1/query?query=${encodeURIComponent(expr)}`);
  const body = (await res.json()) as {
    status: string;
    data: { result: { metric: Record<string, string>; value: [number, string] }[] };
  };
  expect(body.status).toBe('success');
  const out = new Map<string, number>();
  for (const r of body.data.result) {
    out.set(by.map((l) => r.metric[l] ?? '').join(','), Number(r.value[1]));
  }
  return out;
}

/** Requests/s per destination workload as the destination proxies report them. */
async function rateBy(
  by: string,
  selector: string,
  window = '8s',
): Promise<Record<string, number>> {
  const m = await query(
    `sum(rate(istio_requests_total{${selector}}[${window}])) by (${by})`,
    by.split(','),
  );
  return Object.fromEntries(m);
}

async function eventually<T>(
  fn: () => Promise<T>,
  check: (v: T) => boolean,
  timeoutMs: number,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last = await fn();
  while (!check(last)) {
    if (Date.now() > deadline) return last;
    await new Promise((r) => setTimeout(r, 1000));
    last = await fn();
  }
  return last;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function applyVs(name: string, spec: object): Promise<void> {
  const base = {
    group: 'networking.istio.io',
    version: 'v1',
    namespace: 'bookinfo',
    plural: 'virtualservices',
  };
  const body = {
    apiVersion: 'networking.istio.io/v1',
    kind: 'VirtualService',
    metadata: { name, namespace: 'bookinfo' },
    spec,
  };
  try {
    const cur = (await custom.getNamespacedCustomObject({ ...base, name })) as {
      metadata: { resourceVersion: string };
    };
    await custom.replaceNamespacedCustomObject({
      ...base,
      name,
      body: {
        ...body,
        metadata: { ...body.metadata, resourceVersion: cur.metadata.resourceVersion },
      },
    });
  } catch (err) {
    if (!(err instanceof k8s.ApiException && err.code === 404)) throw err;
    await custom.createNamespacedCustomObject({ ...base, body });
  }
}

async function deleteVs(name: string): Promise<void> {
  await custom
    .deleteNamespacedCustomObject({
      group: 'networking.istio.io',
      version: 'v1',
      namespace: 'bookinfo',
      plural: 'virtualservices',
      name,
    })
    .catch(() => undefined);
}

const subset = (s: string, weight?: number) => ({
  destination: { host: 'reviews', subset: s },
  ...(weight !== undefined ? { weight } : {}),
});
const reviewsDest = 'destination_service_name="reviews",reporter="destination"';

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'meshscope-h2-int-'));
  cluster = await startCluster({ port: 0, dataDir: join(dir, 'cluster') });
  const kubeconfig = join(dir, 'kubeconfig');
  await writeKubeconfig(kubeconfig, cluster.url);
  const kc = new k8s.KubeConfig();
  kc.loadFromFile(kubeconfig);
  custom = kc.makeApiClient(k8s.CustomObjectsApi);
  await custom.createNamespacedCustomObject({
    group: 'networking.istio.io',
    version: 'v1',
    namespace: 'bookinfo',
    plural: 'destinationrules',
    body: {
      apiVersion: 'networking.istio.io/v1',
      kind: 'DestinationRule',
      metadata: { name: 'reviews', namespace: 'bookinfo' },
      spec: {
        host: 'reviews',
        subsets: ['v1', 'v2', 'v3'].map((v) => ({ name: v, labels: { version: v } })),
      },
    },
  });
  mesh = await startMesh({
    kubeconfig,
    metricsPort: 0,
    rps: RPS,
    traceSink: { addSpans: (s) => spans.push(...s) },
  });
  prom = await startPrometheus({
    port: await freePort(),
    dataDir: join(dir, 'prom'),
    targets: [{ job: 'mesh', target: mesh.metricsTarget }],
    scrapeInterval: '1s',
  });
});

afterAll(async () => {
  await prom?.close();
  await mesh?.close();
  await cluster?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('demo mesh on a real Prometheus', () => {
  it('ingress rate matches the generator, and source and destination reports agree', async () => {
    const ingress = 'reporter="source",source_workload="istio-ingressgateway"';
    const r = await eventually(
      () => rateBy('source_workload', ingress, '10s'),
      (v) =>
        (v['istio-ingressgateway'] ?? 0) > RPS * 0.9 &&
        (v['istio-ingressgateway'] ?? 0) < RPS * 1.1,
      30_000,
    );
    expect(r['istio-ingressgateway']).toBeGreaterThan(RPS * 0.9);
    expect(r['istio-ingressgateway']).toBeLessThan(RPS * 1.1);
    // Unrouted: an even spread over reviews v1/v2/v3, each edge reported by both proxies.
    const edges = 'source_workload_namespace="bookinfo"';
    const src = await rateBy(
      'source_workload,destination_workload',
      `reporter="source",${edges}`,
      '10s',
    );
    const dst = await rateBy(
      'source_workload,destination_workload',
      `reporter="destination",${edges}`,
      '10s',
    );
    for (const edge of [
      'productpage-v1,details-v1',
      'productpage-v1,reviews-v1',
      'productpage-v1,reviews-v2',
      'reviews-v2,ratings-v1',
    ]) {
      expect(src[edge], edge).toBeGreaterThan(1);
      expect(Math.abs(src[edge] - dst[edge]) / src[edge], edge).toBeLessThan(0.1);
    }
  });

  it("the console's graph of the demo: Bookinfo's shape, edge rates within 10 % of Prometheus", async () => {
    const kubeconfig = join(dir, 'kubeconfig');
    const graphs = createGraphService({
      prometheus: createPrometheusClient({ url: prom.url }),
      inventory: () => fetchInventory(makeKubeClients(loadKubeConfig(kubeconfig))),
    });
    const time = Math.floor(Date.now() / 1000);
    const g = await graphs.getGraph({
      namespaces: ['bookinfo'],
      graphType: 'versionedApp',
      duration: 10,
      queryTime: time,
      injectServiceNodes: false,
      includeIdleNodes: false,
      includeIdleEdges: false,
      responseTimeQuantiles: [],
    });
    const name = (id: string) => {
      const n = g.nodes.find((x) => x.id === id);
      return n?.version && n.version !== 'latest' ? `${n.app} ${n.version}` : (n?.app ?? id);
    };
    const edges = new Map(g.edges.map((e) => [`${name(e.source)} → ${name(e.target)}`, e.rps]));
    // What Prometheus says directly, at the same time over the same window.
    const direct = await query(
      `sum by (source_canonical_service,source_canonical_revision,destination_canonical_service,` +
        `destination_canonical_revision) (rate(istio_requests_total{reporter="destination",` +
        `destination_workload_namespace="bookinfo"}[10s] @ ${time}))`,
      [
        'source_canonical_service',
        'source_canonical_revision',
        'destination_canonical_service',
        'destination_canonical_revision',
      ],
    );
    for (const [from, to] of [
      ['istio-ingressgateway', 'productpage,v1'],
      ['productpage,v1', 'details,v1'],
      ['productpage,v1', 'reviews,v1'],
      ['productpage,v1', 'reviews,v2'],
      ['productpage,v1', 'reviews,v3'],
      ['reviews,v2', 'ratings,v1'],
      ['reviews,v3', 'ratings,v1'],
    ]) {
      const [sa, sv] = from.split(',');
      const [da, dv] = to.split(',');
      const key = `${sv ? `${sa} ${sv}` : sa} → ${da} ${dv}`;
      const want = [...direct].find(
        ([k]) => k.startsWith(sv ? `${sa},${sv},` : `${sa},`) && k.endsWith(`,${da},${dv}`),
      )?.[1];
      expect(edges.get(key), `${key} among ${[...edges.keys()].join('; ')}`).toBeGreaterThan(0.5);
      expect(want, key).toBeGreaterThan(0);
      expect(Math.abs(edges.get(key)! - want!) / want!, key).toBeLessThan(0.1);
    }
    // Nothing between productpage and ratings, nothing from v1 of reviews to ratings.
    expect(edges.has('productpage v1 → ratings v1')).toBe(false);
    expect(edges.has('reviews v1 → ratings v1')).toBe(false);
  });

  it('route everything to v1: reviews-v2/v3 and ratings drop to 0 within 30 s', async () => {
    await applyVs('reviews', { hosts: ['reviews'], http: [{ route: [subset('v1')] }] });
    const t0 = Date.now();
    const r = await eventually(
      () =>
        rateBy(
          'destination_workload',
          'reporter="destination",destination_workload=~"reviews-v2|reviews-v3|ratings-v1"',
          '5s',
        ),
      (v) => Object.values(v).every((x) => x === 0),
      30_000,
    );
    expect(r).toEqual(expect.objectContaining({}));
    expect(
      Object.values(r).every((x) => x === 0),
      JSON.stringify(r),
    ).toBe(true);
    expect(Date.now() - t0).toBeLessThan(30_000);
    const v1 = await rateBy('destination_workload', reviewsDest, '5s');
    expect(v1['reviews-v1']).toBeGreaterThan(RPS * 0.8);
  });

  it('50/50 v1/v3 gives an observed split within ±10 %', async () => {
    await applyVs('reviews', {
      hosts: ['reviews'],
      http: [{ route: [subset('v1', 50), subset('v3', 50)] }],
    });
    await sleep(12_000);
    const r = await rateBy('destination_workload', reviewsDest, '10s');
    const share = r['reviews-v1'] / (r['reviews-v1'] + r['reviews-v3']);
    expect(Math.abs(share - 0.5), JSON.stringify(r)).toBeLessThan(0.1);
    expect(r['reviews-v2'] ?? 0).toBe(0);
  });

  it('end-user: jason goes to v2 under header routing', async () => {
    await applyVs('reviews', {
      hosts: ['reviews'],
      http: [
        { match: [{ headers: { 'end-user': { exact: 'jason' } } }], route: [subset('v2')] },
        { route: [subset('v1')] },
      ],
    });
    await sleep(11_000);
    const r = await rateBy('destination_workload', reviewsDest, '8s');
    // The generator logs in every 3rd request as one of three users: jason is ~1/9 of traffic.
    const total = (r['reviews-v1'] ?? 0) + (r['reviews-v2'] ?? 0);
    expect(r['reviews-v3'] ?? 0).toBe(0);
    expect(r['reviews-v2'] / total, JSON.stringify(r)).toBeGreaterThan(0.05);
    expect(r['reviews-v2'] / total, JSON.stringify(r)).toBeLessThan(0.2);
  });

  it('a mirror sends copies to v2 without changing the primary split', async () => {
    await applyVs('reviews', {
      hosts: ['reviews'],
      http: [
        {
          route: [subset('v1', 100)],
          mirror: { host: 'reviews', subset: 'v2' },
          mirrorPercentage: { value: 100 },
        },
      ],
    });
    await sleep(11_000);
    const dst = await rateBy('destination_workload', reviewsDest, '8s');
    const src = await rateBy(
      'destination_workload',
      'destination_service_name="reviews",reporter="source"',
      '8s',
    );
    // The callers only ever see v1 answer; v2 receives shadow copies at the same rate.
    expect(Object.keys(src).filter((k) => (src[k] ?? 0) > 0)).toEqual(['reviews-v1']);
    expect(
      Math.abs(dst['reviews-v2'] - dst['reviews-v1']) / dst['reviews-v1'],
      JSON.stringify(dst),
    ).toBeLessThan(0.15);
  });

  it('a 50 % abort on details gives ~50 % 5xx with flag FI on productpage → details', async () => {
    await deleteVs('reviews');
    await applyVs('details', {
      hosts: ['details'],
      http: [
        {
          fault: { abort: { httpStatus: 500, percentage: { value: 50 } } },
          route: [{ destination: { host: 'details' } }],
        },
      ],
    });
    await sleep(11_000);
    const r = await rateBy(
      'response_code,response_flags',
      'reporter="source",source_workload="productpage-v1",destination_service_name="details"',
      '8s',
    );
    const total = Object.values(r).reduce((a, b) => a + b, 0);
    expect(Math.abs(r['500,FI'] / total - 0.5), JSON.stringify(r)).toBeLessThan(0.1);
    // Aborted requests never reach details, so its proxy reports only the other half.
    const dst = await rateBy(
      'response_code',
      'reporter="destination",destination_workload="details-v1"',
      '8s',
    );
    expect(Math.abs(dst['200'] / total - 0.5), JSON.stringify(dst)).toBeLessThan(0.1);
  });

  it('a 2 s delay under a 1 s timeout gives 504 with flag UT', async () => {
    await applyVs('details', {
      hosts: ['details'],
      http: [
        {
          fault: { delay: { fixedDelay: '2s', percentage: { value: 100 } } },
          timeout: '1s',
          route: [{ destination: { host: 'details' } }],
        },
      ],
    });
    await sleep(12_000);
    const r = await rateBy(
      'response_code,response_flags',
      'reporter="source",source_workload="productpage-v1",destination_service_name="details"',
      '6s',
    );
    // Every details call times out (the rate itself depends on how busy the machine is).
    expect(r['504,UT'], JSON.stringify(r)).toBeGreaterThan(RPS * 0.5);
    expect(Object.keys(r).filter((k) => r[k] > 0)).toEqual(['504,UT']);
    await deleteVs('details');
  });

  it('emits complete traces: gateway → productpage → details/reviews → ratings', () => {
    const byTrace = new Map<string, DemoSpan[]>();
    for (const s of spans) byTrace.set(s.traceId, [...(byTrace.get(s.traceId) ?? []), s]);
    const full = [...byTrace.values()].find((t) =>
      t.some((s) => s.serviceName === 'ratings.bookinfo'),
    );
    expect(full).toBeDefined();
    const ids = new Set(full!.map((s) => s.spanId));
    const roots = full!.filter((s) => s.references.length === 0);
    expect(roots.map((s) => s.serviceName)).toEqual(['istio-ingressgateway.istio-system']);
    for (const s of full!)
      if (s.references.length) expect(ids.has(s.references[0].spanId)).toBe(true);
    const services = new Set(full!.map((s) => s.serviceName));
    expect([...services].sort()).toEqual([
      'details.bookinfo',
      'istio-ingressgateway.istio-system',
      'productpage.bookinfo',
      'ratings.bookinfo',
      'reviews.bookinfo',
    ]);
    const server = full!.find(
      (s) => s.serviceName === 'ratings.bookinfo' && s.tags['span.kind'] === 'server',
    )!;
    const client = full!.find((s) => s.spanId === server.references[0].spanId)!;
    expect(client.tags['span.kind']).toBe('client');
    expect(client.tags.upstream_cluster).toMatch(
      /^outbound\|9080\|\|ratings\.bookinfo\.svc\.cluster\.local$/,
    );
    expect(server.tags.upstream_cluster).toBe('inbound|9080||');
    expect(server.operationName).toBe('ratings.bookinfo.svc.cluster.local:9080/*');
    // Nested timings: the server span lies within its client span.
    expect(server.startTimeUs).toBeGreaterThanOrEqual(client.startTimeUs - 1000);
    expect(server.durationUs).toBeLessThanOrEqual(client.durationUs + 1000);
  });
});
