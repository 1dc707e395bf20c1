import type { DemoSpan } from './span';
import { processKey, type StoredTrace } from './store';
import { classicTraceId } from './trace-id';

/**
 * Jaeger's classic (internal, UI) JSON: `/api/traces`, `/api/traces/{id}` and friends. Field
 * order follows Jaeger's Go structs so a byte-level diff against real Jaeger output is short.
 */

/** A typed tag. Envoy sends every tag as a string, so the store only ever emits `string`. */
export interface ClassicKeyValue {
  key: string;
  type: 'string' | 'bool' | 'int64' | 'float64' | 'binary';
  value: string | number | boolean;
}

export interface ClassicReference {
  refType: 'CHILD_OF' | 'FOLLOWS_FROM';
  traceID: string;
  spanID: string;
}

export interface ClassicSpan {
  traceID: string;
  spanID: string;
  operationName: string;
  references: ClassicReference[];
  /** µs since the epoch. */
  startTime: number;
  /** µs. */
  duration: number;
  tags: ClassicKeyValue[];
  logs: { timestamp: number; fields: ClassicKeyValue[] }[];
  /** `p1`, `p2`, … unique within one trace. */
  processID: string;
  warnings: string[] | null;
}

export interface ClassicTrace {
  traceID: string;
  spans: ClassicSpan[];
  processes: Record<string, { serviceName: string; tags: ClassicKeyValue[] }>;
  warnings: string[] | null;
}

/** Jaeger's `structuredError`: `code` and `traceID` are omitted when empty. */
export interface ClassicError {
  code?: number;
  msg: string;
  traceID?: string;
}

/** Jaeger's `structuredResponse`: the three ints are always there, `errors` is null when none. */
export interface ClassicEnvelope<T> {
  data: T;
  total: number;
  limit: number;
  offset: number;
  errors: ClassicError[] | null;
}

export function envelope<T>(
  data: T,
  opts: { total?: number; errors?: ClassicError[] } = {},
): ClassicEnvelope<T> {
  return {
    data,
    total: opts.total ?? 0,
    limit: 0,
    offset: 0,
    errors: opts.errors && opts.errors.length > 0 ? opts.errors : null,
  };
}

/** The body Jaeger sends with a 4xx/5xx: `{"data":null,…,"errors":[{"code":…,"msg":…}]}`. */
export function errorEnvelope(code: number, msg: string): ClassicEnvelope<null> {
  return envelope(null, { errors: [{ code, msg }] });
}

function kvs(rec: Record<string, string>, sort: boolean): ClassicKeyValue[] {
  const keys = Object.keys(rec);
  if (sort) keys.sort();
  return keys.map((key) => ({ key, type: 'string', value: rec[key] }));
}

/** Log fields, with `event` first and the rest by key (Jaeger's log-field adjuster). */
function logFields(fields: Record<string, string>, sort: boolean): ClassicKeyValue[] {
  const out = kvs(fields, sort);
  if (!sort) return out;
  const i = out.findIndex((f) => f.key === 'event');
  if (i > 0) out.unshift(...out.splice(i, 1));
  return out;
}

/**
 * One stored trace as classic JSON. Processes are deduplicated per trace by service name and
 * tags, numbered in first-seen order. Unless `raw`, tags are sorted by key and log fields put
 * `event` first, as Jaeger's adjusters do; `raw` returns spans as received.
 */
export function toClassicTrace(
  trace: StoredTrace,
  opts: { raw: boolean; maxSpans?: number },
): ClassicTrace {
  const sort = !opts.raw;
  const processes: ClassicTrace['processes'] = {};
  const processIds = new Map<string, string>();
  const processOf = (span: DemoSpan): string => {
    const key = processKey(span);
    let id = processIds.get(key);
    if (!id) {
      id = `p${processIds.size + 1}`;
      processIds.set(key, id);
      processes[id] = { serviceName: span.serviceName, tags: kvs(span.processTags, sort) };
    }
    return id;
  };
  const traceID = classicTraceId(trace.id);
  const spans = trace.spans.map((s): ClassicSpan => ({
    traceID,
    spanID: s.spanId,
    operationName: s.operationName,
    references: s.references.map((r) => ({
      refType: r.refType,
      traceID: classicTraceId(r.traceId),
      spanID: r.spanId,
    })),
    startTime: s.startTimeUs,
    duration: s.durationUs,
    tags: kvs(s.tags, sort),
    logs: s.logs.map((l) => ({ timestamp: l.timestampUs, fields: logFields(l.fields, sort) })),
    processID: processOf(s),
    warnings: null,
  }));
  const warnings =
    trace.dropped > 0 && opts.maxSpans
      ? [`trace has more than ${opts.maxSpans} spans, showing first ${opts.maxSpans} spans only`]
      : null;
  return { traceID, spans, processes, warnings };
}
