/**
 * A span as the demo mesh's simulated Envoys hand it to the trace store. The store turns these
 * into Jaeger's classic and api_v3 JSON; the mesh never builds Jaeger JSON itself.
 */
export interface DemoSpan {
  /** 32 lowercase hex chars (128-bit). */
  traceId: string;
  /** 16 lowercase hex chars. */
  spanId: string;
  /** References to other spans; a hop's server span is CHILD_OF its client span. */
  references: { refType: 'CHILD_OF' | 'FOLLOWS_FROM'; traceId: string; spanId: string }[];
  /** Envoy's route decorator, e.g. `reviews.bookinfo.svc.cluster.local:9080/*`. */
  operationName: string;
  /** `<app>.<namespace>`, e.g. `productpage.bookinfo`. */
  serviceName: string;
  /** Process tags (hostname, ip, istio version…). */
  processTags: Record<string, string>;
  /** Start, µs since the epoch. */
  startTimeUs: number;
  /** Duration, µs. */
  durationUs: number;
  /** Envoy sends every tag as a string, including `http.status_code` and `error`. */
  tags: Record<string, string>;
  logs: { timestampUs: number; fields: Record<string, string> }[];
}

/** Where finished spans go. The trace store implements it; the mesh calls it. */
export interface SpanSink {
  addSpans(spans: DemoSpan[]): void;
}
