/**
 * The traces contract: what `/api/traces*` and `/api/tracing/*` return. Plain JSON only, shared
 * unchanged by the server and the browser. Times are microseconds (Jaeger's unit) unless a name
 * says otherwise. Jaeger JSON never crosses this boundary: server/tracing reshapes it.
 */

/** One workload end of a hop, in the graph's terms (so the graph page can highlight it). */
export interface TracePathNode {
  /** Kubernetes namespace, from the Jaeger service name `<app>.<namespace>`. */
  namespace: string;
  /** The `app` label (Istio canonical service). */
  app: string;
  /** The `version` label (Istio canonical revision), when the span says it. */
  version?: string;
  /** Workload (Deployment) name, derived from the pod hostname when the span carries one. */
  workload?: string;
}

/** One service-to-service call of a trace: a span whose parent belongs to another service. */
export interface TracePathHop {
  source: TracePathNode;
  target: TracePathNode;
}

/** `GET /api/traces/{id}/path`: the distinct hops of a trace, in first-seen (pre-order) order. */
export interface TracePath {
  /** The trace these hops come from. */
  traceId: string;
  /** Distinct hops, deduplicated on source/target app, version and namespace. */
  hops: TracePathHop[];
}

/** Per-service counts inside one trace summary. */
export interface TraceServiceCount {
  /** Jaeger service name, e.g. `reviews.bookinfo`. */
  name: string;
  /** Spans of this service in the trace. */
  spanCount: number;
  /** Spans of this service marked as errors. */
  errorCount: number;
}

/** One search result: enough to plot and list a trace without fetching its spans. */
export interface TraceSummary {
  /** Lowercase hex, 16 or 32 chars. */
  traceId: string;
  /** Service of the root span (the earliest span without a parent), `''` when unknown. */
  rootService: string;
  /** Operation of the root span. */
  rootOperation: string;
  /** Earliest span start, µs since the epoch. */
  startUs: number;
  /** Latest span end minus earliest start, µs. */
  durationUs: number;
  /** Number of spans. */
  spanCount: number;
  /** Spans marked as errors (an `error` tag with a truthy value, or an OTLP error status). */
  errorCount: number;
  /** Spans whose parent is missing from the trace. */
  orphanCount: number;
  /** Services in the trace, most spans first. */
  services: TraceServiceCount[];
}

/** Which Jaeger API answered a search. */
export type JaegerSearchApi = 'api_v3' | 'classic';

/** `GET /api/traces?…`: search results, newest first. */
export interface TraceSearchResult {
  traces: TraceSummary[];
  /** The Jaeger API used: api_v3 `trace-summaries` when offered, classic `/api/traces` else. */
  api: JaegerSearchApi;
  /** The limit that was applied. */
  limit: number;
}

/** Bits of {@link TraceRows.flags}. */
export const ROW_FLAG = {
  /** The span itself is marked as an error. */
  error: 1,
  /** Some descendant is an error (shown as a hollow marker when the row is collapsed). */
  descendantError: 2,
  /** `span.kind` is client (or producer): the caller's half of a hop. */
  client: 4,
  /** `span.kind` is server (or consumer): the callee's half of a hop. */
  server: 8,
  /** The row has children (it can be collapsed). */
  hasChildren: 16,
  /** The span's parent is missing from the trace (it was shown as a root). */
  orphan: 32,
  /** The span is a FOLLOWS_FROM child (does not block its parent). */
  followsFrom: 64,
  /** The span carries warnings (clock-skew adjustment, truncation, …). */
  warning: 128,
  /** The span is on the critical path somewhere. */
  critical: 256,
} as const;

/**
 * The waterfall rows in pre-order (parents before children, siblings by start time), columnar so
 * a 50,000-span trace stays compact on the wire and cheap to index in the browser. Every array
 * has one entry per row; row `i` is span `spanId[i]`.
 */
export interface TraceRows {
  /** Span IDs, lowercase hex. */
  spanId: string[];
  /** Tree depth, 0 for roots. */
  depth: number[];
  /** Row index of the parent, -1 for roots. */
  parent: number[];
  /** Index into {@link TraceView.services}; also the service's colour index. */
  service: number[];
  /** Index into {@link TraceView.operations}. */
  operation: number[];
  /** Start offset from the trace start, µs (after clock-skew adjustment). */
  start: number[];
  /** Duration, µs. */
  duration: number[];
  /** Exclusive end of the row's subtree: rows `i+1 … end[i]-1` are its descendants. */
  end: number[];
  /** {@link ROW_FLAG} bits. */
  flags: number[];
  /**
   * For a client span: the service index of the callee (its server child, or `peer.service`),
   * so the row can say "→ reviews"; -1 otherwise.
   */
  peer: number[];
}

/** `GET /api/traces/{id}`: a trace ready to render, computed on the server. */
export interface TraceView {
  traceId: string;
  /** Root span's service. */
  rootService: string;
  /** Root span's operation. */
  rootOperation: string;
  /** Trace start, µs since the epoch. */
  startUs: number;
  /** Trace duration, µs. */
  durationUs: number;
  /** Number of spans (= rows). */
  spanCount: number;
  /** Spans marked as errors. */
  errorCount: number;
  /** Maximum depth + 1. */
  depth: number;
  /** Service names in first-seen order; the index is the colour index. */
  services: string[];
  /** Distinct operation names. */
  operations: string[];
  /** Trace-level warnings (truncation, missing parents, clock skew adjustments). */
  warnings: string[];
  /** The waterfall rows. */
  rows: TraceRows;
  /**
   * Critical path as flat triples `[row, startOffsetUs, endOffsetUs, …]`: the stretches of each
   * span during which nothing it waits for is running.
   */
  criticalPath: number[];
}

/** One key/value of a span, process or log; Jaeger types kept for display. */
export interface TraceKeyValue {
  key: string;
  /** The value as text (int64 beyond 2^53 stays exact, binary stays base64). */
  value: string;
  /** Jaeger's value type: string, bool, int64, float64 or binary. */
  type: string;
}

/** `GET /api/traces/{id}/spans/{spanId}`: everything about one span, fetched on click. */
export interface SpanDetail {
  spanId: string;
  /** Parent span ID when the parent is in the trace. */
  parentSpanId?: string;
  service: string;
  operation: string;
  /** `span.kind` tag value, if any. */
  kind?: string;
  /** Start, µs since the epoch (as Jaeger stored it). */
  startUs: number;
  /** Duration, µs. */
  durationUs: number;
  /** Whether the span is marked as an error. */
  error: boolean;
  tags: TraceKeyValue[];
  /** The process (service) that emitted the span. */
  process: { serviceName: string; tags: TraceKeyValue[] };
  /** Timestamped events. */
  logs: { timestampUs: number; fields: TraceKeyValue[] }[];
  /** References to other spans (CHILD_OF, FOLLOWS_FROM), possibly in other traces. */
  references: { refType: string; traceId: string; spanId: string }[];
  /** Warnings from Jaeger's adjusters and from Meshscope (clock skew, missing parent). */
  warnings: string[];
}

/** `GET /api/traces/{id}/search?q=`: rows matching a search within the trace. */
export interface TraceSearchMatches {
  /** Matching row indices, ascending. */
  rows: number[];
}

/** `GET /api/tracing/services`. */
export interface TracingServices {
  /** Jaeger service names, sorted. */
  services: string[];
}

/** `GET /api/tracing/services/{service}/operations`. */
export interface TracingOperations {
  /** Operation names, sorted. */
  operations: string[];
}

/** The search form, as query parameters of `GET /api/traces` (also the `/traces` page URL). */
export interface TraceSearchParams {
  /** Jaeger service name, e.g. `productpage.bookinfo`. Required by classic Jaeger. */
  service?: string;
  /** Operation name. */
  operation?: string;
  /** Tags in logfmt, e.g. `error=true http.status_code=503`. */
  tags?: string;
  /** Window start, µs since the epoch. Defaults to `end - lookback`. */
  start?: number;
  /** Window end, µs since the epoch. Defaults to now. */
  end?: number;
  /** Relative window ending now (`15m`, `1h`, `6h`, …) when start/end are absent. */
  lookback?: string;
  /** Go duration string, e.g. `100ms`. */
  minDuration?: string;
  /** Go duration string, e.g. `2s`. */
  maxDuration?: string;
  /** Maximum number of traces, 1–1500 (default 20). */
  limit?: number;
}
