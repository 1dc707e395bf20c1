import type { MeshProtocol, MeshWorkload } from './snapshot';

/** The pod-template annotations that describe a simulated workload (see README.md). */
export const ANNOTATIONS = {
  calls: 'demo.meshscope.dev/calls',
  latencyMs: 'demo.meshscope.dev/latency-ms',
  errorRate: 'demo.meshscope.dev/error-rate',
  protocol: 'demo.meshscope.dev/protocol',
  responseBytes: 'demo.meshscope.dev/response-bytes',
} as const;

/** One outbound call a workload makes for every request it serves. */
export interface OutboundCall {
  /** Host as the app writes it: `reviews`, `reviews.bookinfo` or a full FQDN. */
  host: string;
  port: number;
  /** Request path; `/` unless the annotation says otherwise (`reviews:9080/reviews/0`). */
  path: string;
}

/** A closed range in milliseconds (or bytes); `min === max` for a fixed value. */
export interface Range {
  min: number;
  max: number;
}

export interface Behaviour {
  calls: OutboundCall[];
  latencyMs: Range;
  /** Probability (0..1) that the app answers 500 (gRPC INTERNAL; TCP: connection reset). */
  errorRate: number;
  protocol: MeshProtocol;
  responseBytes: Range;
}

const DEFAULT_LATENCY: Range = { min: 2, max: 10 };
const DEFAULT_BYTES: Range = { min: 300, max: 1500 };

/**
 * Parses the behaviour annotations. Bad values throw with the annotation named, so a typo in a
 * manifest shows up in the mesh log instead of silently falling back.
 */
export function parseBehaviour(annotations: Record<string, string>): Behaviour {
  return {
    calls: parseCalls(annotations[ANNOTATIONS.calls]),
    latencyMs: parseRange(
      annotations[ANNOTATIONS.latencyMs],
      DEFAULT_LATENCY,
      ANNOTATIONS.latencyMs,
    ),
    errorRate: parseRate(annotations[ANNOTATIONS.errorRate]),
    protocol: parseProtocol(annotations[ANNOTATIONS.protocol]),
    responseBytes: parseRange(
      annotations[ANNOTATIONS.responseBytes],
      DEFAULT_BYTES,
      ANNOTATIONS.responseBytes,
    ),
  };
}

export function parseCalls(value: string | undefined): OutboundCall[] {
  if (!value || !value.trim()) return [];
  return value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((item) => {
      const m = /^([a-z0-9]([-a-z0-9.]*[a-z0-9])?):(\d{1,5})(\/.*)?$/.exec(item);
      if (!m) {
        throw new Error(`${ANNOTATIONS.calls}: "${item}" is not service:port[/path]`);
      }
      return { host: m[1], port: Number(m[3]), path: m[4] ?? '/' };
    });
}

export function parseRange(value: string | undefined, fallback: Range, what: string): Range {
  if (value === undefined || value.trim() === '') return fallback;
  const m = /^\s*(\d+(?:\.\d+)?)\s*(?:-\s*(\d+(?:\.\d+)?))?\s*$/.exec(value);
  if (!m) throw new Error(`${what}: "${value}" is not a number or a range like 10-40`);
  const min = Number(m[1]);
  const max = m[2] === undefined ? min : Number(m[2]);
  if (max < min) throw new Error(`${what}: range "${value}" has max < min`);
  return { min, max };
}

function parseRate(value: string | undefined): number {
  if (value === undefined || value.trim() === '') return 0;
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0 || n > 1) {
    throw new Error(`${ANNOTATIONS.errorRate}: "${value}" must be a number between 0 and 1`);
  }
  return n;
}

function parseProtocol(value: string | undefined): MeshProtocol {
  if (value === undefined || value === '') return 'http';
  if (value === 'http' || value === 'grpc' || value === 'tcp') return value;
  throw new Error(`${ANNOTATIONS.protocol}: "${value}" must be http, grpc or tcp`);
}

/** A uniform sample from a range. */
export function sample(range: Range, random: () => number = Math.random): number {
  return range.min + (range.max - range.min) * random();
}

/** The identity Istio derives for a workload's proxy (used in labels, spans and principals). */
export interface WorkloadIdentity {
  workload: string;
  namespace: string;
  /** `app` label or `unknown`. */
  app: string;
  /** `version` label or `unknown`. */
  version: string;
  canonicalService: string;
  canonicalRevision: string;
  /** `spiffe://cluster.local/ns/<ns>/sa/<sa>`. */
  principal: string;
  cluster: string;
}

/** Istio's rules for canonical service/revision and the workload's SPIFFE identity. */
export function workloadIdentity(w: MeshWorkload, cluster = 'Kubernetes'): WorkloadIdentity {
  const l = w.labels;
  return {
    workload: w.name,
    namespace: w.namespace,
    app: l.app ?? 'unknown',
    version: l.version ?? 'unknown',
    canonicalService:
      l['service.istio.io/canonical-name'] ?? l['app.kubernetes.io/name'] ?? l.app ?? w.name,
    canonicalRevision:
      l['service.istio.io/canonical-revision'] ??
      l['app.kubernetes.io/version'] ??
      l.version ??
      'latest',
    principal: `spiffe://cluster.local/ns/${w.namespace}/sa/${w.serviceAccount || 'default'}`,
    cluster,
  };
}

/** The identity Istio reports when the peer is not known (no upstream reached, no sidecar). */
export const UNKNOWN_IDENTITY: WorkloadIdentity = {
  workload: 'unknown',
  namespace: 'unknown',
  app: 'unknown',
  version: 'unknown',
  canonicalService: 'unknown',
  canonicalRevision: 'unknown',
  principal: 'unknown',
  cluster: 'unknown',
};
