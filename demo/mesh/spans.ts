import { randomBytes } from 'node:crypto';

import type { DemoSpan } from '../traces/span';
import type { WorkloadIdentity } from './behaviour';

/** The trace context a hop carries, as B3 and W3C headers encode it. */
export interface TraceContext {
  traceId: string;
  /** The span the next hop is a child of. */
  spanId: string;
  sampled: boolean;
  requestId: string;
}

export function newId(bytes: 8 | 16): string {
  return randomBytes(bytes).toString('hex');
}

/**
 * Reads B3 (multi-header or single `b3`) or W3C `traceparent`; B3 wins like Envoy's Zipkin
 * tracer. Returns undefined when the request carries no context (the hop starts a trace).
 */
export function extractContext(headers: Record<string, string>): TraceContext | undefined {
  const requestId = headers['x-request-id'] ?? '';
  const tid = headers['x-b3-traceid'];
  const sid = headers['x-b3-spanid'];
  if (tid && sid) {
    return {
      traceId: tid.padStart(32, '0').toLowerCase(),
      spanId: sid.toLowerCase(),
      sampled: headers['x-b3-sampled'] !== '0',
      requestId,
    };
  }
  const single = headers['b3'];
  if (single) {
    const [t, s, flag] = single.split('-');
    if (t && s)
      return { traceId: t.padStart(32, '0'), spanId: s, sampled: flag !== '0', requestId };
  }
  const tp = /^00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$/.exec(headers['traceparent'] ?? '');
  if (tp) {
    return { traceId: tp[1], spanId: tp[2], sampled: (parseInt(tp[3], 16) & 1) === 1, requestId };
  }
  return undefined;
}

/** Headers that make the next hop a child of `ctx.spanId` (B3 multi + W3C + x-request-id). */
export function injectContext(ctx: TraceContext, parentSpanId?: string): Record<string, string> {
  const h: Record<string, string> = {
    'x-request-id': ctx.requestId,
    'x-b3-traceid': ctx.traceId,
    'x-b3-spanid': ctx.spanId,
    'x-b3-sampled': ctx.sampled ? '1' : '0',
    traceparent: `00-${ctx.traceId}-${ctx.spanId}-${ctx.sampled ? '01' : '00'}`,
  };
  if (parentSpanId) h['x-b3-parentspanid'] = parentSpanId;
  return h;
}

/** What one proxy saw of one request, enough to build Envoy's span. */
export interface ProxySpanInput {
  kind: 'client' | 'server';
  ctx: TraceContext;
  spanId: string;
  parentSpanId?: string;
  operation: string;
  self: WorkloadIdentity;
  pod: string;
  podIp: string;
  /** The caller's IP: Envoy's connection-manager spans put the downstream peer here. */
  peerAddress: string;
  /** `outbound|9080|v1|reviews.bookinfo.svc.cluster.local` or `inbound|9080||`. */
  upstreamCluster: string;
  method: string;
  url: string;
  /** 0 = no response. */
  status: number;
  grpcStatus?: number;
  flags: string;
  startUs: number;
  durationUs: number;
  requestBytes: number;
  responseBytes: number;
  userAgent?: string;
  isGateway?: boolean;
}

/** Builds a span the way Istio's Envoy reports it: every tag a string. */
export function proxySpan(i: ProxySpanInput): DemoSpan {
  const nodeType = i.isGateway ? 'router' : 'sidecar';
  const nodeId = `${nodeType}~${i.podIp}~${i.pod}.${i.self.namespace}~${i.self.namespace}.svc.cluster.local`;
  const failed =
    i.status === 0 || i.status >= 500 || (i.grpcStatus !== undefined && i.grpcStatus !== 0);
  const tags: Record<string, string> = {
    'span.kind': i.kind,
    component: 'proxy',
    node_id: nodeId,
    zone: '',
    'guid:x-request-id': i.ctx.requestId,
    'http.url': i.url,
    'http.method': i.method,
    'http.protocol': i.grpcStatus !== undefined ? 'HTTP/2' : 'HTTP/1.1',
    downstream_cluster: '-',
    user_agent: i.userAgent ?? '-',
    'peer.address': i.peerAddress,
    request_size: String(i.requestBytes),
    response_size: String(i.responseBytes),
    upstream_cluster: i.upstreamCluster,
    'upstream_cluster.name': i.upstreamCluster,
    'http.status_code': String(i.status),
    response_flags: i.flags || '-',
    'istio.canonical_service': i.self.canonicalService,
    'istio.canonical_revision': i.self.canonicalRevision,
    'istio.namespace': i.self.namespace,
    'istio.mesh_id': 'cluster.local',
    'istio.cluster_id': i.self.cluster,
  };
  if (i.grpcStatus !== undefined) tags['grpc.status_code'] = String(i.grpcStatus);
  if (failed) tags.error = 'true';
  const serviceName =
    i.self.app !== 'unknown'
      ? `${i.self.app}.${i.self.namespace}`
      : `${i.self.workload}.${i.self.namespace}`;
  return {
    traceId: i.ctx.traceId,
    spanId: i.spanId,
    references: i.parentSpanId
      ? [{ refType: 'CHILD_OF', traceId: i.ctx.traceId, spanId: i.parentSpanId }]
      : [],
    operationName: i.operation,
    serviceName,
    processTags: { hostname: i.pod, ip: i.podIp, 'istio.version': '1.24.0' },
    startTimeUs: i.startUs,
    durationUs: Math.max(1, Math.round(i.durationUs)),
    tags,
    logs: [],
  };
}

/** Wall-clock microseconds with sub-millisecond precision (Jaeger orders spans by it). */
export function nowUs(): number {
  return Math.round((performance.timeOrigin + performance.now()) * 1000);
}
