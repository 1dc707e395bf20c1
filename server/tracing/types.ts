import 'server-only';

import type { TraceKeyValue } from '@/server/model/trace';

/**
 * A span after the Jaeger edge: our shape, no Jaeger JSON. Both the classic and the api_v3
 * reshapers produce it; the tree, critical path and view builders consume it.
 */
export interface SpanRecord {
  traceId: string;
  spanId: string;
  operation: string;
  /** Process service name, e.g. `reviews.bookinfo`. */
  service: string;
  processTags: TraceKeyValue[];
  /** µs since the epoch, as stored. */
  startUs: number;
  /** µs. */
  durationUs: number;
  tags: TraceKeyValue[];
  logs: { timestampUs: number; fields: TraceKeyValue[] }[];
  references: { refType: 'CHILD_OF' | 'FOLLOWS_FROM'; traceId: string; spanId: string }[];
  /** Jaeger's adjuster warnings for this span. */
  warnings: string[];
  /** `span.kind` tag value (client, server, producer, consumer, internal). */
  kind?: string;
  /** Marked as an error (see `isErrorSpan`). */
  error: boolean;
}

/** One trace, reshaped. */
export interface TraceRecord {
  traceId: string;
  spans: SpanRecord[];
  /** Trace-level warnings from Jaeger (e.g. truncation). */
  warnings: string[];
}
