import 'server-only';

import type { Inventory, WorkloadInfo } from '@/server/kube/workloads';

/**
 * A deterministic Bookinfo-shaped mesh as Istio would report it, written as OpenMetrics for
 * `promtool tsdb create-blocks-from openmetrics`. Every counter grows linearly, so Prometheus'
 * rate() over any window that covers whole 10 s steps returns exactly the rates below. The
 * integration test backfills it into a real Prometheus; record.ts records that Prometheus'
 * answers as the golden inputs of the unit tests.
 */

/** The end of the recorded history; graphs are queried at this time. */
export const END = 1_700_000_000;
/** History length and sample step. */
export const HISTORY_SECONDS = 900;
export const STEP_SECONDS = 10;

type Wl = readonly [namespace: string, workload: string, app: string, version: string];

export interface Outcome {
  code: string;
  grpc?: string;
  flags?: string;
  rps: number;
}

export interface Flow {
  src: Wl | 'unknown';
  svc: readonly [namespace: string, name: string];
  dst: Wl | 'unknown';
  protocol: 'http' | 'grpc' | 'tcp';
  reporters: readonly ('source' | 'destination')[];
  outcomes?: readonly Outcome[];
  /** Destination-side latency: requests/s per histogram bucket (upper bound ms). */
  latency?: readonly (readonly [le: number, rps: number])[];
  /** Sum of latencies per second (ms/s); avg = latencySum / requests. */
  latencySum?: number;
  /** TCP bytes/s as named by the metrics. */
  tcp?: { sent: number; received: number };
  /** HTTP bytes/s. */
  bytes?: { request: number; response: number };
  /** The counters stand still: an idle edge. */
  idle?: boolean;
}

export const LE = [5, 10, 25, 50, 100, 250, 500, 1000] as const;

const GW: Wl = ['istio-system', 'istio-ingressgateway', 'istio-ingressgateway', 'latest'];
const PP: Wl = ['bookinfo', 'productpage-v1', 'productpage', 'v1'];
const DT: Wl = ['bookinfo', 'details-v1', 'details', 'v1'];
const R1: Wl = ['bookinfo', 'reviews-v1', 'reviews', 'v1'];
const R2: Wl = ['bookinfo', 'reviews-v2', 'reviews', 'v2'];
const R3: Wl = ['bookinfo', 'reviews-v3', 'reviews', 'v3'];
const RT: Wl = ['bookinfo', 'ratings-v1', 'ratings', 'v1'];
const DB: Wl = ['bookinfo', 'mysqldb-v1', 'mysqldb', 'v1'];
const EC: Wl = ['bookinfo', 'echo-v1', 'echo', 'v1'];
const LG: Wl = ['bookinfo', 'legacy-v1', 'legacy', 'v1'];

const BOTH = ['source', 'destination'] as const;

export const FLOWS: readonly Flow[] = [
  // Ingress: the gateway reports as source, productpage as destination.
  {
    src: GW,
    svc: ['bookinfo', 'productpage'],
    dst: PP,
    protocol: 'http',
    reporters: BOTH,
    outcomes: [{ code: '200', rps: 10 }],
    latency: [
      [25, 5],
      [50, 4],
      [100, 1],
    ],
    latencySum: 300,
    bytes: { request: 1000, response: 20000 },
  },
  // A caller without a sidecar: only the destination reports, source_workload="unknown".
  {
    src: 'unknown',
    svc: ['bookinfo', 'productpage'],
    dst: PP,
    protocol: 'http',
    reporters: ['destination'],
    outcomes: [{ code: '200', rps: 2 }],
    latency: [[25, 2]],
    latencySum: 30,
  },
  {
    src: PP,
    svc: ['bookinfo', 'details'],
    dst: DT,
    protocol: 'http',
    reporters: BOTH,
    outcomes: [
      { code: '200', rps: 9 },
      { code: '500', rps: 1 },
    ],
    latency: [
      [5, 5],
      [10, 4],
      [25, 1],
    ],
    latencySum: 70,
  },
  {
    src: PP,
    svc: ['bookinfo', 'reviews'],
    dst: R1,
    protocol: 'http',
    reporters: BOTH,
    outcomes: [{ code: '200', rps: 4 }],
    latency: [
      [5, 1],
      [10, 1],
      [25, 2],
    ],
    latencySum: 40,
  },
  {
    src: PP,
    svc: ['bookinfo', 'reviews'],
    dst: R2,
    protocol: 'http',
    reporters: BOTH,
    outcomes: [{ code: '200', rps: 3 }],
    latency: [
      [25, 1],
      [50, 2],
    ],
    latencySum: 90,
  },
  {
    src: PP,
    svc: ['bookinfo', 'reviews'],
    dst: R3,
    protocol: 'http',
    reporters: BOTH,
    outcomes: [
      { code: '200', rps: 2 },
      { code: '503', rps: 1 },
    ],
    latency: [
      [50, 1],
      [100, 2],
    ],
    latencySum: 180,
  },
  // The caller's proxy tripped the circuit breaker: no workload answered, only the source reports.
  {
    src: PP,
    svc: ['bookinfo', 'reviews'],
    dst: 'unknown',
    protocol: 'http',
    reporters: ['source'],
    outcomes: [{ code: '503', flags: 'UO', rps: 0.5 }],
  },
  {
    src: R2,
    svc: ['bookinfo', 'ratings'],
    dst: RT,
    protocol: 'http',
    reporters: BOTH,
    outcomes: [{ code: '200', rps: 3 }],
    latency: [[10, 3]],
    latencySum: 15,
  },
  {
    src: R3,
    svc: ['bookinfo', 'ratings'],
    dst: RT,
    protocol: 'http',
    reporters: BOTH,
    outcomes: [
      { code: '200', rps: 2.5 },
      { code: '404', rps: 0.5 },
    ],
    latency: [[10, 3]],
    latencySum: 18,
  },
  // gRPC: HTTP 200 with grpc-status 14 (UNAVAILABLE) is a failed call.
  {
    src: PP,
    svc: ['bookinfo', 'echo'],
    dst: EC,
    protocol: 'grpc',
    reporters: BOTH,
    outcomes: [
      { code: '200', grpc: '0', rps: 4 },
      { code: '200', grpc: '14', rps: 1 },
    ],
    latency: [
      [5, 4],
      [10, 1],
    ],
    latencySum: 20,
  },
  // TCP to a database without a sidecar: only the caller reports.
  {
    src: RT,
    svc: ['bookinfo', 'mysqldb'],
    dst: DB,
    protocol: 'tcp',
    reporters: ['source'],
    tcp: { sent: 1000, received: 3000 },
  },
  // Traffic stopped before the window: counters stand still (an idle edge).
  {
    src: DT,
    svc: ['bookinfo', 'legacy'],
    dst: LG,
    protocol: 'http',
    reporters: BOTH,
    outcomes: [{ code: '200', rps: 1 }],
    idle: true,
  },
];

function endLabels(side: 'source' | 'destination', w: Wl | 'unknown'): Record<string, string> {
  const [ns, wl, app, version] = w === 'unknown' ? ['unknown', 'unknown', 'unknown', 'unknown'] : w;
  return {
    [`${side}_workload`]: wl,
    [`${side}_workload_namespace`]: ns,
    [`${side}_app`]: w === 'unknown' ? 'unknown' : app,
    [`${side}_version`]: w === 'unknown' ? 'unknown' : version,
    [`${side}_canonical_service`]: app,
    [`${side}_canonical_revision`]: version,
    [`${side}_principal`]: w === 'unknown' ? 'unknown' : `spiffe://cluster.local/ns/${ns}/sa/${app}`,
    [`${side}_cluster`]: 'Kubernetes',
  };
}

function labelsOf(f: Flow, reporter: 'source' | 'destination'): Record<string, string> {
  const [svcNs, svcName] = f.svc;
  return {
    reporter,
    ...endLabels('source', f.src),
    ...endLabels('destination', f.dst),
    destination_service: `${svcName}.${svcNs}.svc.cluster.local`,
    destination_service_name: svcName,
    destination_service_namespace: svcNs,
    request_protocol: f.protocol,
    // Only the server side knows the connection was mTLS; the client proxy says unknown.
    connection_security_policy: reporter === 'destination' ? 'mutual_tls' : 'unknown',
  };
}

function render(labels: Record<string, string>): string {
  return Object.entries(labels)
    .map(([k, v]) => `${k}="${v}"`)
    .join(',');
}

/** One counter series: `base + slope × (t − start)` at every step. */
function counter(name: string, labels: Record<string, string>, slope: number, out: string[]): void {
  const start = END - HISTORY_SECONDS;
  const l = render(labels);
  for (let t = start; t <= END; t += STEP_SECONDS) {
    out.push(`${name}{${l}} ${1000 + slope * (t - start)} ${t}`);
  }
}

/** The source proxy sees each request later by a network hop: one bucket up, 1.5× the sum. */
function latencyFor(f: Flow, reporter: 'source' | 'destination'): [number, number][] {
  const lat = (f.latency ?? []).map(([le, r]) => [le, r] as [number, number]);
  if (reporter === 'destination') return lat;
  return lat.map(([le, r]) => [LE[Math.min(LE.indexOf(le as (typeof LE)[number]) + 1, LE.length - 1)], r]);
}

/** The whole scenario as OpenMetrics text (families contiguous, as the format requires). */
export function scenarioOpenMetrics(flows: readonly Flow[] = FLOWS): string {
  const requests: string[] = [];
  const buckets: string[] = [];
  const sums: string[] = [];
  const counts: string[] = [];
  const tcpSent: string[] = [];
  const tcpReceived: string[] = [];
  const reqBytes: string[] = [];
  const resBytes: string[] = [];
  for (const f of flows) {
    const k = f.idle ? 0 : 1;
    for (const reporter of f.reporters) {
      const base = labelsOf(f, reporter);
      if (f.protocol === 'tcp') {
        counter('istio_tcp_sent_bytes_total', base, k * (f.tcp?.sent ?? 0), tcpSent);
        counter('istio_tcp_received_bytes_total', base, k * (f.tcp?.received ?? 0), tcpReceived);
        continue;
      }
      (f.outcomes ?? []).forEach((o, i) => {
        const labels = {
          ...base,
          response_code: o.code,
          grpc_response_status: o.grpc ?? '',
          response_flags: o.flags ?? '-',
        };
        counter('istio_requests_total', labels, k * o.rps, requests);
        // The histogram hangs off the first outcome's series; only its grouping matters.
        if (i !== 0 || !f.latency) return;
        const lat = latencyFor(f, reporter);
        let cumulative = 0;
        for (const le of LE) {
          cumulative += lat.filter(([b]) => b === le).reduce((a, [, r]) => a + r, 0);
          counter('istio_request_duration_milliseconds_bucket', { ...labels, le: String(le) }, k * cumulative, buckets);
        }
        counter('istio_request_duration_milliseconds_bucket', { ...labels, le: '+Inf' }, k * cumulative, buckets);
        const sum = (f.latencySum ?? 0) * (reporter === 'source' ? 1.5 : 1);
        counter('istio_request_duration_milliseconds_sum', labels, k * sum, sums);
        counter('istio_request_duration_milliseconds_count', labels, k * cumulative, counts);
        if (f.bytes) {
          counter('istio_request_bytes_sum', labels, k * f.bytes.request, reqBytes);
          counter('istio_response_bytes_sum', labels, k * f.bytes.response, resBytes);
        }
      });
    }
  }
  const family = (name: string, type: string, lines: string[]) =>
    lines.length ? [`# TYPE ${name} ${type}`, ...lines] : [];
  return [
    ...family('istio_requests', 'counter', requests),
    ...family('istio_request_duration_milliseconds', 'histogram', [...buckets, ...sums, ...counts]),
    ...family('istio_tcp_sent_bytes', 'counter', tcpSent),
    ...family('istio_tcp_received_bytes', 'counter', tcpReceived),
    // Byte sums as plain counters: the graph only reads their rate.
    ...family('istio_request_bytes_sum', 'unknown', reqBytes),
    ...family('istio_response_bytes_sum', 'unknown', resBytes),
    '# EOF',
    '',
  ].join('\n');
}

function wl(
  w: Wl,
  extra: Partial<Pick<WorkloadInfo, 'desired' | 'available' | 'hasSidecar' | 'isGateway'>> = {},
): WorkloadInfo {
  return {
    namespace: w[0],
    name: w[1],
    app: w[2],
    version: w[3],
    desired: 1,
    available: 1,
    hasSidecar: true,
    isGateway: false,
    ...extra,
  };
}

/** The Kubernetes side of the scenario, as plain data (what fetchInventory would return). */
export function scenarioInventory(): Inventory {
  return {
    namespaces: new Map<string, Record<string, string>>([
      ['bookinfo', { 'istio-injection': 'enabled' }],
      ['istio-system', {}],
      ['empty', {}],
    ]),
    workloads: [
      wl(GW, { isGateway: true }),
      wl(PP),
      wl(DT),
      wl(R1),
      wl(R2, { desired: 2, available: 1 }),
      wl(R3),
      wl(RT),
      wl(DB, { hasSidecar: false }),
      wl(EC),
      wl(LG),
      wl(['bookinfo', 'unused-v1', 'unused', 'v1']),
    ],
    services: ['productpage', 'details', 'reviews', 'ratings', 'mysqldb', 'echo', 'legacy', 'unused'].map(
      (name) => ({ namespace: 'bookinfo', name, selector: { app: name } }),
    ),
    virtualServices: [
      {
        metadata: { name: 'reviews', namespace: 'bookinfo' },
        spec: {
          hosts: ['reviews'],
          http: [
            {
              route: [
                { destination: { host: 'reviews', subset: 'v1' }, weight: 50 },
                { destination: { host: 'reviews', subset: 'v2' }, weight: 50 },
              ],
            },
          ],
        },
      },
    ],
    destinationRules: [
      {
        metadata: { name: 'ratings', namespace: 'bookinfo' },
        spec: { host: 'ratings.bookinfo.svc.cluster.local', trafficPolicy: { outlierDetection: {} } },
      },
    ],
  };
}
