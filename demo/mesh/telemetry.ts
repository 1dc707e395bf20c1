import { Counter, Histogram, Registry } from 'prom-client';

import type { WorkloadIdentity } from './behaviour';
import type { MeshProtocol } from './snapshot';

/** Istio's default buckets for istio_request_duration_milliseconds. */
export const DURATION_BUCKETS_MS = [
  0.5, 1, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000, 30000, 60000, 300000, 600000,
  1800000, 3600000,
];

/** Istio's default buckets for request/response sizes (exponential, 1 B … 100 MB). */
export const SIZE_BUCKETS = [1, 10, 100, 1000, 10000, 100000, 1000000, 10000000, 100000000];

const PEER_LABELS = [
  'reporter',
  'source_workload',
  'source_workload_namespace',
  'source_app',
  'source_version',
  'source_principal',
  'source_canonical_service',
  'source_canonical_revision',
  'source_cluster',
  'destination_workload',
  'destination_workload_namespace',
  'destination_app',
  'destination_version',
  'destination_principal',
  'destination_canonical_service',
  'destination_canonical_revision',
  'destination_cluster',
  'destination_service',
  'destination_service_name',
  'destination_service_namespace',
  'request_protocol',
  'response_flags',
  'connection_security_policy',
] as const;

/** Labels of Istio's request metrics (HTTP and gRPC). */
export const REQUEST_LABELS = [...PEER_LABELS, 'response_code', 'grpc_response_status'] as const;
/** Labels of Istio's TCP metrics: no response code or gRPC status. */
export const TCP_LABELS = PEER_LABELS;

export type Reporter = 'source' | 'destination';

/** The service a request was addressed to, as Istio reports it. */
export interface DestinationService {
  /** FQDN, e.g. `reviews.bookinfo.svc.cluster.local` (or the raw host when unknown). */
  host: string;
  name: string;
  namespace: string;
}

export interface PeerRecord {
  reporter: Reporter;
  source: WorkloadIdentity;
  destination: WorkloadIdentity;
  service: DestinationService;
  protocol: MeshProtocol;
  /** Envoy response flags, `-` when none. */
  flags: string;
  /** `mutual_tls` / `none` as the destination sees it; the source reports `unknown`. */
  securityPolicy: 'mutual_tls' | 'none' | 'unknown';
}

export interface RequestRecord extends PeerRecord {
  /** HTTP status; 0 when no response was received. gRPC reports 200 plus grpcStatus. */
  responseCode: number;
  grpcStatus?: number;
  durationMs: number;
  requestBytes: number;
  responseBytes: number;
}

export interface TcpRecord extends PeerRecord {
  sentBytes: number;
  receivedBytes: number;
}

type Labels = Record<string, string>;

/** Istio's standard peer label set for one report. Pure, so it is tested directly. */
export function peerLabels(r: PeerRecord): Labels {
  const s = r.source;
  const d = r.destination;
  return {
    reporter: r.reporter,
    source_workload: s.workload,
    source_workload_namespace: s.namespace,
    source_app: s.app,
    source_version: s.version,
    source_principal: s.principal,
    source_canonical_service: s.canonicalService,
    source_canonical_revision: s.canonicalRevision,
    source_cluster: s.cluster,
    destination_workload: d.workload,
    destination_workload_namespace: d.namespace,
    destination_app: d.app,
    destination_version: d.version,
    destination_principal: d.principal,
    destination_canonical_service: d.canonicalService,
    destination_canonical_revision: d.canonicalRevision,
    // Istio reports an unknown destination's cluster as "unknown" (Kiali patches it, istio#29373).
    destination_cluster: d.cluster,
    destination_service: r.service.host,
    destination_service_name: r.service.name,
    destination_service_namespace: r.service.namespace,
    request_protocol: r.protocol,
    response_flags: r.flags || '-',
    connection_security_policy: r.reporter === 'source' ? 'unknown' : r.securityPolicy,
  };
}

export function requestLabels(r: RequestRecord): Labels {
  return {
    ...peerLabels(r),
    response_code: String(r.responseCode),
    // Istio leaves grpc_response_status empty for plain HTTP.
    grpc_response_status: r.protocol === 'grpc' ? String(r.grpcStatus ?? 0) : '',
  };
}

/**
 * All simulated proxies' Istio metrics in one prom-client registry, so Prometheus scrapes a single
 * endpoint no matter how many workloads run.
 */
export class MeshTelemetry {
  readonly registry = new Registry();
  private readonly requests: Counter<string>;
  private readonly duration: Histogram<string>;
  private readonly requestBytes: Histogram<string>;
  private readonly responseBytes: Histogram<string>;
  private readonly requestMessages: Counter<string>;
  private readonly responseMessages: Counter<string>;
  private readonly tcpSent: Counter<string>;
  private readonly tcpReceived: Counter<string>;
  private readonly tcpOpened: Counter<string>;
  private readonly tcpClosed: Counter<string>;

  constructor() {
    const registers = [this.registry];
    const labelNames = [...REQUEST_LABELS];
    const tcpNames = [...TCP_LABELS];
    this.requests = new Counter({
      name: 'istio_requests_total',
      help: 'Requests (Istio standard metric)',
      labelNames,
      registers,
    });
    this.duration = new Histogram({
      name: 'istio_request_duration_milliseconds',
      help: 'Request duration in milliseconds',
      labelNames,
      buckets: DURATION_BUCKETS_MS,
      registers,
    });
    this.requestBytes = new Histogram({
      name: 'istio_request_bytes',
      help: 'Request body sizes',
      labelNames,
      buckets: SIZE_BUCKETS,
      registers,
    });
    this.responseBytes = new Histogram({
      name: 'istio_response_bytes',
      help: 'Response body sizes',
      labelNames,
      buckets: SIZE_BUCKETS,
      registers,
    });
    this.requestMessages = new Counter({
      name: 'istio_request_messages_total',
      help: 'gRPC request messages',
      labelNames,
      registers,
    });
    this.responseMessages = new Counter({
      name: 'istio_response_messages_total',
      help: 'gRPC response messages',
      labelNames,
      registers,
    });
    this.tcpSent = new Counter({
      name: 'istio_tcp_sent_bytes_total',
      help: 'Bytes sent in TCP responses',
      labelNames: tcpNames,
      registers,
    });
    this.tcpReceived = new Counter({
      name: 'istio_tcp_received_bytes_total',
      help: 'Bytes received in TCP requests',
      labelNames: tcpNames,
      registers,
    });
    this.tcpOpened = new Counter({
      name: 'istio_tcp_connections_opened_total',
      help: 'TCP connections opened',
      labelNames: tcpNames,
      registers,
    });
    this.tcpClosed = new Counter({
      name: 'istio_tcp_connections_closed_total',
      help: 'TCP connections closed',
      labelNames: tcpNames,
      registers,
    });
  }

  /** Records one finished HTTP/gRPC request as seen by one proxy. */
  recordRequest(r: RequestRecord): void {
    const labels = requestLabels(r);
    this.requests.inc(labels);
    this.duration.observe(labels, r.durationMs);
    this.requestBytes.observe(labels, r.requestBytes);
    this.responseBytes.observe(labels, r.responseBytes);
    if (r.protocol === 'grpc') {
      // Unary calls: one message each way (none back when the call never reached a server).
      this.requestMessages.inc(labels);
      if (r.responseCode !== 0) this.responseMessages.inc(labels);
    }
  }

  /** Records one TCP connection (opened, bytes both ways, closed) as seen by one proxy. */
  recordTcp(r: TcpRecord): void {
    const labels = peerLabels(r);
    this.tcpOpened.inc(labels);
    this.tcpSent.inc(labels, r.sentBytes);
    this.tcpReceived.inc(labels, r.receivedBytes);
    this.tcpClosed.inc(labels);
  }

  /** Prometheus text exposition of every series. */
  metrics(): Promise<string> {
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }
}
