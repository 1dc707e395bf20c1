import { describe, expect, it } from 'vitest';

import type { DemoSpan } from '../traces/span';
import { bookinfo, reviewsVs } from './__fixtures__/bookinfo-snapshot';
import { retriable } from './routing/retry-on';
import { MeshRuntime } from './runtime';
import type { IstioObject, MeshSnapshot, VirtualServiceSpec } from './snapshot';

const CALLS: Record<string, Record<string, string>> = {
  'productpage-v1': {
    'demo.meshscope.dev/calls': 'details:9080,reviews:9080',
    'demo.meshscope.dev/latency-ms': '1',
  },
  'reviews-v2': {
    'demo.meshscope.dev/calls': 'ratings:9080',
    'demo.meshscope.dev/latency-ms': '1',
  },
  'reviews-v3': {
    'demo.meshscope.dev/calls': 'ratings:9080',
    'demo.meshscope.dev/latency-ms': '1',
  },
};

function mesh(
  vs: IstioObject<VirtualServiceSpec>[] = [],
  patch: (s: MeshSnapshot) => MeshSnapshot = (s) => s,
) {
  const s = bookinfo(vs);
  return patch({
    ...s,
    workloads: s.workloads.map((w) => ({
      ...w,
      annotations: CALLS[w.name] ?? { 'demo.meshscope.dev/latency-ms': '1' },
    })),
  });
}

type Series = { labels: Record<string, string | number>; value: number };

async function run(snapshot: MeshSnapshot, requests: number, headers: Record<string, string> = {}) {
  const spans: DemoSpan[] = [];
  const rt = new MeshRuntime({ inProcess: true, sink: { addSpans: (s) => spans.push(...s) } });
  await rt.reconcile(snapshot);
  const gw = rt.replicas().find((r) => r.workload.name === 'istio-ingressgateway')!;
  const results = await Promise.all(
    Array.from({ length: requests }, () =>
      rt.transport(
        'http',
        gw.port,
        {
          method: 'GET',
          path: '/productpage',
          authority: 'bookinfo.example',
          headers,
          bodyBytes: 0,
        },
        AbortSignal.timeout(5000),
      ),
    ),
  );
  // Mirrors are fire-and-forget; give them a moment to land.
  await new Promise((r) => setTimeout(r, 30));
  const series = (await rt.telemetry.registry.getSingleMetric('istio_requests_total')!.get())
    .values as Series[];
  const count = (want: Record<string, string>) =>
    series
      .filter((s) => Object.entries(want).every(([k, v]) => s.labels[k] === v))
      .reduce((a, s) => a + s.value, 0);
  await rt.close();
  return { results, count, spans, series };
}

describe('sidecar telemetry', () => {
  it('reports every hop from both proxies with Istio labels', async () => {
    const { results, count, series } = await run(mesh(), 30);
    expect(results.every((r) => r.status === 200)).toBe(true);
    expect(
      count({
        reporter: 'source',
        source_workload: 'istio-ingressgateway',
        destination_workload: 'productpage-v1',
      }),
    ).toBe(30);
    // gateways have no inbound sidecar report
    expect(count({ reporter: 'destination', destination_workload: 'istio-ingressgateway' })).toBe(
      0,
    );
    for (const dst of ['details-v1', 'productpage-v1']) {
      expect(count({ reporter: 'source', destination_workload: dst })).toBe(30);
      expect(count({ reporter: 'destination', destination_workload: dst })).toBe(30);
    }
    expect(
      count({
        reporter: 'destination',
        source_workload: 'reviews-v1',
        destination_workload: 'ratings-v1',
      }),
    ).toBe(0);
    const one = series.find(
      (s) => s.labels.reporter === 'destination' && s.labels.destination_workload === 'details-v1',
    )!;
    expect(one.labels).toMatchObject({
      source_principal: 'spiffe://cluster.local/ns/bookinfo/sa/bookinfo-productpage',
      destination_service: 'details.bookinfo.svc.cluster.local',
      destination_service_name: 'details',
      destination_service_namespace: 'bookinfo',
      destination_canonical_service: 'details',
      destination_canonical_revision: 'v1',
      connection_security_policy: 'mutual_tls',
      request_protocol: 'http',
      response_flags: '-',
      response_code: '200',
      source_cluster: 'Kubernetes',
    });
  });

  it('aborts are reported by the source only, with FI and an unknown destination workload', async () => {
    const vs: IstioObject<VirtualServiceSpec> = {
      name: 'details',
      namespace: 'bookinfo',
      spec: {
        hosts: ['details'],
        http: [
          {
            fault: { abort: { httpStatus: 503, percentage: { value: 100 } } },
            route: [{ destination: { host: 'details' } }],
          },
        ],
      },
    };
    const { count } = await run(mesh([vs]), 10);
    expect(
      count({
        reporter: 'source',
        destination_service_name: 'details',
        response_code: '503',
        response_flags: 'FI',
        destination_workload: 'unknown',
      }),
    ).toBe(10);
    expect(count({ reporter: 'destination', destination_workload: 'details-v1' })).toBe(0);
  });

  it('times out with 504 UT and retries 503s up to `attempts` (URX)', async () => {
    const timeoutVs: IstioObject<VirtualServiceSpec> = {
      name: 'details',
      namespace: 'bookinfo',
      spec: {
        hosts: ['details'],
        http: [
          {
            fault: { delay: { fixedDelay: '200ms', percentage: { value: 100 } } },
            timeout: '50ms',
            route: [{ destination: { host: 'details' } }],
          },
        ],
      },
    };
    const t = await run(mesh([timeoutVs]), 5);
    expect(
      t.count({
        reporter: 'source',
        destination_service_name: 'details',
        response_code: '504',
        response_flags: 'UT',
      }),
    ).toBe(5);

    const failing = mesh(
      [
        reviewsVs({
          http: [
            {
              retries: { attempts: 3, retryOn: '5xx' },
              route: [{ destination: { host: 'reviews', subset: 'v1' } }],
            },
          ],
        }),
      ],
      (s) => ({
        ...s,
        workloads: s.workloads.map((w) =>
          w.name === 'reviews-v1'
            ? {
                ...w,
                annotations: {
                  'demo.meshscope.dev/error-rate': '1',
                  'demo.meshscope.dev/latency-ms': '0',
                },
              }
            : w,
        ),
      }),
    );
    const r = await run(failing, 4);
    expect(
      r.count({
        reporter: 'source',
        destination_workload: 'reviews-v1',
        response_code: '500',
        response_flags: 'URX',
      }),
    ).toBe(4);
    // 1 try + 3 retries each reach the destination
    expect(
      r.count({
        reporter: 'destination',
        destination_workload: 'reviews-v1',
        response_code: '500',
      }),
    ).toBe(16);
  });

  it('mirrors are seen by the mirror destination only', async () => {
    const vs = reviewsVs({
      http: [
        {
          route: [{ destination: { host: 'reviews', subset: 'v1' }, weight: 100 }],
          mirror: { host: 'reviews', subset: 'v2' },
          mirror_percent: 100,
        },
      ],
    });
    const { count } = await run(mesh([vs]), 10);
    expect(count({ reporter: 'source', destination_workload: 'reviews-v1' })).toBe(10);
    expect(count({ reporter: 'source', destination_workload: 'reviews-v2' })).toBe(0);
    expect(count({ reporter: 'destination', destination_workload: 'reviews-v2' })).toBe(10);
  });

  it('overflowing a connection pool answers 503 UO', async () => {
    const patch = (s: MeshSnapshot): MeshSnapshot => ({
      ...s,
      destinationRules: [
        {
          name: 'details',
          namespace: 'bookinfo',
          spec: {
            host: 'details',
            trafficPolicy: {
              connectionPool: { tcp: { maxConnections: 1 }, http: { http1MaxPendingRequests: 1 } },
            },
          },
        },
      ],
      workloads: s.workloads.map((w) =>
        w.name === 'details-v1'
          ? { ...w, annotations: { 'demo.meshscope.dev/latency-ms': '30' } }
          : w,
      ),
    });
    const { count } = await run(mesh([], patch), 10);
    expect(
      count({
        reporter: 'source',
        destination_service_name: 'details',
        response_code: '503',
        response_flags: 'UO',
      }),
    ).toBeGreaterThan(0);
    expect(
      count({ reporter: 'source', destination_service_name: 'details', response_code: '200' }),
    ).toBeGreaterThanOrEqual(2);
  });

  it('links client and server spans across every hop', async () => {
    const { spans } = await run(mesh(), 1);
    const ids = new Set(spans.map((s) => s.spanId));
    expect(spans.filter((s) => s.references.length === 0).map((s) => s.serviceName)).toEqual([
      'istio-ingressgateway.istio-system',
    ]);
    expect(spans.every((s) => s.references.every((r) => ids.has(r.spanId)))).toBe(true);
    expect(new Set(spans.map((s) => s.traceId)).size).toBe(1);
    const client = spans.find(
      (s) =>
        s.tags['span.kind'] === 'client' &&
        s.serviceName === 'productpage.bookinfo' &&
        s.operationName.startsWith('details'),
    )!;
    expect(client.tags).toMatchObject({
      component: 'proxy',
      'http.method': 'GET',
      'http.status_code': '200',
      response_flags: '-',
      upstream_cluster: 'outbound|9080||details.bookinfo.svc.cluster.local',
      'istio.namespace': 'bookinfo',
    });
    expect(client.tags.error).toBeUndefined();
  });
});

describe('retriable', () => {
  const policy = (on: string[]) => ({ attempts: 2, retryOn: new Set(on) });
  it('follows Envoy retry_on', () => {
    expect(retriable({ res: { status: 503, bodyBytes: 0 } }, policy(['503']), 'http')).toBe(true);
    expect(retriable({ res: { status: 500, bodyBytes: 0 } }, policy(['503']), 'http')).toBe(false);
    expect(
      retriable({ res: { status: 502, bodyBytes: 0 } }, policy(['gateway-error']), 'http'),
    ).toBe(true);
    expect(
      retriable(
        { res: { status: 503, bodyBytes: 0 }, reason: 'connect-failure' },
        policy(['connect-failure']),
        'http',
      ),
    ).toBe(true);
    expect(
      retriable(
        { res: { status: 200, grpcStatus: 14, bodyBytes: 0 } },
        policy(['unavailable']),
        'grpc',
      ),
    ).toBe(true);
    expect(retriable({ res: { status: 200, bodyBytes: 0 } }, policy(['5xx']), 'http')).toBe(false);
  });
});
