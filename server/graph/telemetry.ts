import 'server-only';

import type { Protocol } from '@/server/model/graph';
import type { InstantSample } from '@/server/prometheus/client';

/**
 * Typed telemetry: Prometheus vectors reshaped once at the edge of the graph code, so the rest
 * of server/graph works on plain records and never sees raw label maps.
 */

export type Reporter = 'source' | 'destination';

/** One end of a request at workload granularity. */
export interface Endpoint {
  namespace: string;
  workload: string;
  /** Canonical service (the `app` label, or the workload name when unlabeled). */
  app: string;
  /** Canonical revision (the `version` label, `latest` when unlabeled). */
  version: string;
  /** False for Istio's `unknown`: a caller without a sidecar, or a request no workload answered. */
  known: boolean;
}

/** The destination service a request was routed to. */
export interface DestService {
  namespace: string;
  /** Short name (`reviews`), or `PassthroughCluster` / `BlackHoleCluster`. */
  name: string;
  /** FQDN host (`reviews.bookinfo.svc.cluster.local`, or an external host). */
  host: string;
}

interface Traffic {
  reporter: Reporter;
  source: Endpoint;
  service: DestService;
  dest: Endpoint;
  /** Rate in requests/s (bytes/s for tcp and throughput). */
  rate: number;
}

export interface RequestSample extends Traffic {
  protocol: Exclude<Protocol, 'tcp'>;
  /** HTTP code, the gRPC status for grpc, or `-` when there was no response. */
  code: string;
  /** Envoy response flags, `-` for none. */
  flags: string;
  mtls: boolean;
}

export interface TcpSample extends Traffic {
  mtls: boolean;
}

export interface ThroughputSample extends Traffic {
  protocol: Exclude<Protocol, 'tcp'>;
}

export type ResponseTimeStat = 'avg' | 'p50' | 'p95' | 'p99';

/** A response-time value for one grouping of the graph-type dependent RT query. */
export interface ResponseTimeSample {
  reporter: Reporter;
  /** Index of the grouping (see response-time.ts) the labels belong to. */
  group: number;
  stat: ResponseTimeStat;
  labels: Record<string, string>;
  /** Milliseconds. */
  value: number;
}

export interface Telemetry {
  requests: RequestSample[];
  tcp: TcpSample[];
  throughput: ThroughputSample[];
  responseTime: ResponseTimeSample[];
}

const UNKNOWN = 'unknown';

/**
 * Each side's label names, spelled once: building them per sample (`${side}_workload`) made a
 * fresh string for every lookup, a measurable share of reading 10,000 samples.
 */
const SIDE_LABELS = {
  source: {
    workload: 'source_workload',
    app: 'source_canonical_service',
    namespace: 'source_workload_namespace',
    version: 'source_canonical_revision',
  },
  destination: {
    workload: 'destination_workload',
    app: 'destination_canonical_service',
    namespace: 'destination_workload_namespace',
    version: 'destination_canonical_revision',
  },
} as const;

/** Reads one side's endpoint; missing labels (a coarser grouping) count as unknown values. */
export function toEndpoint(l: Record<string, string>, side: 'source' | 'destination'): Endpoint {
  const names = SIDE_LABELS[side];
  const workload = l[names.workload];
  const app = l[names.app];
  const known =
    workload !== undefined
      ? workload !== UNKNOWN && workload !== ''
      : app !== undefined && app !== UNKNOWN;
  return {
    namespace: l[names.namespace] || UNKNOWN,
    workload: workload || UNKNOWN,
    app: app && app !== UNKNOWN ? app : workload || UNKNOWN,
    version: l[names.version] || UNKNOWN,
    known,
  };
}

export function toDestService(l: Record<string, string>): DestService {
  return {
    namespace: l.destination_service_namespace || UNKNOWN,
    name: l.destination_service_name || UNKNOWN,
    host: l.destination_service || l.destination_service_name || UNKNOWN,
  };
}

function toReporter(l: Record<string, string>): Reporter {
  return l.reporter === 'destination' ? 'destination' : 'source';
}

function toProtocol(l: Record<string, string>): 'http' | 'grpc' {
  return l.request_protocol === 'grpc' ? 'grpc' : 'http';
}

/** `0` means Envoy never got a response (shown as `-`); gRPC uses grpc-status when present. */
export function toCode(l: Record<string, string>): string {
  const code = l.response_code ?? '';
  if (code === '0' || code === '') return '-';
  if (l.request_protocol === 'grpc' && l.grpc_response_status) return l.grpc_response_status;
  return code;
}

const IP = /^\d{1,3}(\.\d{1,3}){3}(:\d+)?$/;

/**
 * Kiali's clean-up: a service that is just an IP address with no workload behind it is noise
 * from pod-IP traffic and is skipped.
 */
function isNoise(service: DestService, dest: Endpoint): boolean {
  return !dest.known && IP.test(service.name);
}

function traffic(s: InstantSample): Traffic {
  return {
    reporter: toReporter(s.labels),
    source: toEndpoint(s.labels, 'source'),
    service: toDestService(s.labels),
    dest: toEndpoint(s.labels, 'destination'),
    rate: s.value,
  };
}

function usable(t: Traffic): boolean {
  return Number.isFinite(t.rate) && !isNoise(t.service, t.dest);
}

export function toRequestSamples(raw: readonly InstantSample[]): RequestSample[] {
  const out: RequestSample[] = [];
  for (const s of raw) {
    const t = traffic(s);
    if (!usable(t)) continue;
    out.push({
      reporter: t.reporter,
      source: t.source,
      service: t.service,
      dest: t.dest,
      rate: t.rate,
      protocol: toProtocol(s.labels),
      code: toCode(s.labels),
      flags: s.labels.response_flags || '-',
      mtls: s.labels.connection_security_policy === 'mutual_tls',
    });
  }
  return out;
}

/** Sent and received series (tagged `tcp_dir`) both add to the edge's bytes/s. */
export function toTcpSamples(raw: readonly InstantSample[]): TcpSample[] {
  const out: TcpSample[] = [];
  for (const s of raw) {
    const t = traffic(s);
    if (!usable(t)) continue;
    out.push({ ...t, mtls: s.labels.connection_security_policy === 'mutual_tls' });
  }
  return out;
}

export function toThroughputSamples(raw: readonly InstantSample[]): ThroughputSample[] {
  const out: ThroughputSample[] = [];
  for (const s of raw) {
    const t = traffic(s);
    if (!usable(t)) continue;
    out.push({ ...t, protocol: toProtocol(s.labels) });
  }
  return out;
}
