import type { DemoSpan } from './span';
import { parentSpanId, processKey, type StoredTrace } from './store';

/**
 * api_v3 shapes: OTLP-JSON traces as Jaeger's gateway writes them (hex IDs, numeric enums,
 * 64-bit nanosecond timestamps as decimal strings, zero-valued fields left out) and the
 * trace summaries of `/api/v3/trace-summaries`.
 */

export interface OtlpAnyValue {
  stringValue: string;
}

export interface OtlpKeyValue {
  key: string;
  value: OtlpAnyValue;
}

export interface OtlpSpan {
  traceId: string;
  spanId: string;
  /** Absent on a root span. */
  parentSpanId?: string;
  name: string;
  /** 1 internal, 2 server, 3 client, 4 producer, 5 consumer; absent when unspecified. */
  kind?: number;
  startTimeUnixNano: string;
  endTimeUnixNano: string;
  attributes?: OtlpKeyValue[];
  events?: { timeUnixNano: string; name?: string; attributes?: OtlpKeyValue[] }[];
  /** References other than the parent. */
  links?: { traceId: string; spanId: string }[];
  /** `{}` when unset; `code` 1 = OK, 2 = ERROR. */
  status: { code?: number; message?: string };
}

export interface OtlpResourceSpans {
  resource: { attributes: OtlpKeyValue[] };
  scopeSpans: { scope: Record<string, never>; spans: OtlpSpan[] }[];
}

export interface TraceSummary {
  traceId: string;
  rootServiceName: string;
  rootOperationName: string;
  /** ns since the epoch, as a decimal string. */
  minStartTimeUnixNano: string;
  maxEndTimeUnixNano: string;
  spanCount: number;
  errorSpanCount: number;
  /** Spans whose parent is not in the trace. */
  orphanSpanCount: number;
  /** Per service, in first-seen order. */
  services: { name: string; spanCount: number; errorSpanCount: number }[];
}

const KINDS: Record<string, number> = {
  internal: 1,
  server: 2,
  client: 3,
  producer: 4,
  consumer: 5,
};

/** Tags the Jaeger→OTLP translation turns into span fields rather than attributes. */
const FIELD_TAGS = new Set(['span.kind', 'error', 'otel.status_code', 'otel.status_description']);

function usToNs(us: number): string {
  return (BigInt(Math.round(us)) * 1000n).toString();
}

const EVENT_NAME = new Set(['event']);

function attrs(rec: Record<string, string>, skip?: Set<string>): OtlpKeyValue[] {
  const out: OtlpKeyValue[] = [];
  for (const key in rec) {
    if (!skip?.has(key)) out.push({ key, value: { stringValue: rec[key] } });
  }
  return out;
}

/**
 * Whether a span is an error: Envoy's `error=true` (a string), or an OTel status of ERROR.
 * `error=false` is *not* an error here, unlike the Jaeger UI's truthiness check.
 */
export function isErrorSpan(span: DemoSpan): boolean {
  return span.tags.error === 'true' || span.tags['otel.status_code'] === 'ERROR';
}

function statusOf(span: DemoSpan): OtlpSpan['status'] {
  if (isErrorSpan(span)) {
    const message = span.tags['otel.status_description'];
    return message ? { code: 2, message } : { code: 2 };
  }
  return span.tags['otel.status_code'] === 'OK' ? { code: 1 } : {};
}

export function toOtlpSpan(span: DemoSpan): OtlpSpan {
  const parent = parentSpanId(span);
  // Keys are assigned in proto field order, the order jsonpb writes them.
  const out = { traceId: span.traceId, spanId: span.spanId } as OtlpSpan;
  if (parent) out.parentSpanId = parent;
  out.name = span.operationName;
  const kind = KINDS[span.tags['span.kind'] ?? ''];
  if (kind) out.kind = kind;
  out.startTimeUnixNano = usToNs(span.startTimeUs);
  out.endTimeUnixNano = usToNs(span.startTimeUs + span.durationUs);
  const a = attrs(span.tags, FIELD_TAGS);
  if (a.length) out.attributes = a;
  if (span.logs.length) {
    out.events = span.logs.map((l) => {
      const ev: NonNullable<OtlpSpan['events']>[number] = { timeUnixNano: usToNs(l.timestampUs) };
      if (l.fields.event) ev.name = l.fields.event;
      const ea = attrs(l.fields, EVENT_NAME);
      if (ea.length) ev.attributes = ea;
      return ev;
    });
  }
  for (const r of span.references) {
    if (r.spanId === parent && r.traceId === span.traceId) continue;
    (out.links ??= []).push({ traceId: r.traceId, spanId: r.spanId });
  }
  out.status = statusOf(span);
  return out;
}

/**
 * A trace as OTLP resource spans: one ResourceSpans per distinct process (service name plus
 * process tags, first-seen order), with `service.name` first among the resource attributes.
 */
export function toOtlpResourceSpans(trace: StoredTrace): OtlpResourceSpans[] {
  const groups = new Map<string, OtlpResourceSpans>();
  for (const span of trace.spans) {
    const key = processKey(span);
    let rs = groups.get(key);
    if (!rs) {
      rs = {
        resource: {
          attributes: [
            { key: 'service.name', value: { stringValue: span.serviceName } },
            ...attrs(span.processTags),
          ],
        },
        scopeSpans: [{ scope: {}, spans: [] }],
      };
      groups.set(key, rs);
    }
    rs.scopeSpans[0].spans.push(toOtlpSpan(span));
  }
  return [...groups.values()];
}

/**
 * The summary the Jaeger UI's search list shows. The root is the earliest span without a
 * parent reference; when every span has one (a trace whose root was never received), the
 * earliest orphan stands in.
 */
export function toTraceSummary(trace: StoredTrace): TraceSummary {
  const ids = new Set(trace.spans.map((s) => s.spanId));
  let root: DemoSpan | undefined;
  let orphanRoot: DemoSpan | undefined;
  let orphans = 0;
  let errors = 0;
  let maxEnd = 0;
  const services = new Map<string, { name: string; spanCount: number; errorSpanCount: number }>();
  for (const s of trace.spans) {
    const pid = parentSpanId(s);
    if (pid === undefined) {
      if (!root || s.startTimeUs < root.startTimeUs) root = s;
    } else if (!ids.has(pid)) {
      orphans++;
      if (!orphanRoot || s.startTimeUs < orphanRoot.startTimeUs) orphanRoot = s;
    }
    const err = isErrorSpan(s);
    if (err) errors++;
    maxEnd = Math.max(maxEnd, s.startTimeUs + s.durationUs);
    let svc = services.get(s.serviceName);
    if (!svc)
      services.set(s.serviceName, (svc = { name: s.serviceName, spanCount: 0, errorSpanCount: 0 }));
    svc.spanCount++;
    if (err) svc.errorSpanCount++;
  }
  const top = root ?? orphanRoot ?? trace.spans[0];
  return {
    traceId: trace.id,
    rootServiceName: top?.serviceName ?? '',
    rootOperationName: top?.operationName ?? '',
    minStartTimeUnixNano: usToNs(trace.startUs),
    maxEndTimeUnixNano: usToNs(maxEnd),
    spanCount: trace.spans.length,
    errorSpanCount: errors,
    orphanSpanCount: orphans,
    services: [...services.values()],
  };
}
