import 'server-only';

import type { TraceKeyValue, TraceServiceCount, TraceSummary } from '@/server/model/trace';

import type { ClassicKeyValue, ClassicTrace, V3TraceSummary } from './jaeger-schemas';
import type { SpanRecord, TraceRecord } from './types';

/** A Jaeger key/value as text; int64-as-string and base64 binary stay exactly as sent. */
export function toKeyValue(kv: ClassicKeyValue): TraceKeyValue {
  const v = kv.value;
  return {
    key: kv.key,
    value: v === null || v === undefined ? '' : String(v),
    type: kv.type ?? typeof v,
  };
}

/**
 * Whether a span is an error. Envoy sends `error` as the string "true"; OTLP→Jaeger translation
 * sends a bool `error: true` and `otel.status_code: "ERROR"`. Unlike Jaeger UI (which marks any
 * truthy value, even "false"), an explicit "false" is not an error here.
 */
export function isErrorSpan(tags: TraceKeyValue[]): boolean {
  for (const t of tags) {
    if (t.key === 'error') {
      const v = t.value.trim().toLowerCase();
      if (v !== '' && v !== 'false' && v !== '0') return true;
    } else if (t.key === 'otel.status_code' && t.value.toUpperCase() === 'ERROR') {
      return true;
    }
  }
  return false;
}

function tagValue(tags: TraceKeyValue[], key: string): string | undefined {
  return tags.find((t) => t.key === key)?.value;
}

/** Classic `/api/traces` trace JSON → our trace record. */
export function toTraceRecord(trace: ClassicTrace): TraceRecord {
  const processes = trace.processes ?? {};
  const spans: SpanRecord[] = trace.spans.map((s) => {
    const proc = (s.processID ? processes[s.processID] : undefined) ?? s.process ?? undefined;
    const tags = (s.tags ?? []).map(toKeyValue);
    const references: SpanRecord['references'] = (s.references ?? []).map((r) => ({
      refType: r.refType === 'FOLLOWS_FROM' ? 'FOLLOWS_FROM' : 'CHILD_OF',
      traceId: r.traceID.toLowerCase(),
      spanId: r.spanID.toLowerCase(),
    }));
    if (references.length === 0 && s.parentSpanID && !/^0+$/.test(s.parentSpanID)) {
      references.push({
        refType: 'CHILD_OF',
        traceId: s.traceID.toLowerCase(),
        spanId: s.parentSpanID.toLowerCase(),
      });
    }
    return {
      traceId: s.traceID.toLowerCase(),
      spanId: s.spanID.toLowerCase(),
      operation: s.operationName,
      service: proc?.serviceName ?? 'unknown',
      processTags: (proc?.tags ?? []).map(toKeyValue),
      startUs: s.startTime,
      durationUs: Math.max(0, s.duration),
      tags,
      logs: (s.logs ?? []).map((l) => ({
        timestampUs: l.timestamp,
        fields: (l.fields ?? []).map(toKeyValue),
      })),
      references,
      warnings: s.warnings ?? [],
      kind: tagValue(tags, 'span.kind')?.toLowerCase(),
      error: isErrorSpan(tags),
    };
  });
  return { traceId: trace.traceID.toLowerCase(), spans, warnings: trace.warnings ?? [] };
}

/** Parent span ID: the first same-trace CHILD_OF reference, else FOLLOWS_FROM (as Jaeger does). */
export function parentRef(span: SpanRecord): SpanRecord['references'][number] | undefined {
  const same = span.references.filter(
    (r) => r.traceId === span.traceId && r.spanId !== span.spanId,
  );
  return (
    same.find((r) => r.refType === 'CHILD_OF') ?? same.find((r) => r.refType === 'FOLLOWS_FROM')
  );
}

/** A full trace → a search summary (what api_v3 `trace-summaries` computes on the server). */
export function summarizeTrace(trace: TraceRecord): TraceSummary {
  const ids = new Set(trace.spans.map((s) => s.spanId));
  let start = Infinity;
  let end = -Infinity;
  let root: SpanRecord | undefined;
  let orphans = 0;
  let errors = 0;
  const services = new Map<string, TraceServiceCount>();
  for (const s of trace.spans) {
    start = Math.min(start, s.startUs);
    end = Math.max(end, s.startUs + s.durationUs);
    const p = parentRef(s);
    if (p && !ids.has(p.spanId)) orphans++;
    if ((!p || !ids.has(p.spanId)) && (!root || s.startUs < root.startUs)) root = s;
    if (s.error) errors++;
    const c = services.get(s.service) ?? { name: s.service, spanCount: 0, errorCount: 0 };
    c.spanCount++;
    if (s.error) c.errorCount++;
    services.set(s.service, c);
  }
  return {
    traceId: trace.traceId,
    rootService: root?.service ?? '',
    rootOperation: root?.operation ?? '',
    startUs: Number.isFinite(start) ? start : 0,
    durationUs: Number.isFinite(end) ? end - start : 0,
    spanCount: trace.spans.length,
    errorCount: errors,
    orphanCount: orphans,
    services: sortServices([...services.values()]),
  };
}

function sortServices(list: TraceServiceCount[]): TraceServiceCount[] {
  return list.sort((a, b) => b.spanCount - a.spanCount || a.name.localeCompare(b.name));
}

/** api_v3 `trace-summaries` entry → our summary (times already in µs; missing counts → 0). */
export function fromV3Summary(s: V3TraceSummary): TraceSummary {
  const startUs = s.minStartTimeUnixNano;
  const endUs = s.maxEndTimeUnixNano;
  return {
    traceId: s.traceId.toLowerCase(),
    rootService: s.rootServiceName ?? '',
    rootOperation: s.rootOperationName ?? '',
    startUs,
    durationUs: Math.max(0, endUs - startUs),
    spanCount: s.spanCount ?? 0,
    errorCount: s.errorSpanCount ?? 0,
    orphanCount: s.orphanSpanCount ?? 0,
    services: sortServices(
      (s.services ?? []).map((x) => ({
        name: x.name,
        spanCount: x.spanCount ?? 0,
        errorCount: x.errorSpanCount ?? 0,
      })),
    ),
  };
}
