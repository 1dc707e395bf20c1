import type { DemoSpan, SpanSink } from './span';
import { normalizeSpanId, parseTraceId } from './trace-id';

/** One trace as the store holds it: spans in arrival order plus the lookups search needs. */
export interface StoredTrace {
  /** 32 lower-case hex digits. */
  id: string;
  /** Spans in arrival order (Jaeger does not sort them either; the UI does). */
  spans: DemoSpan[];
  /** Spans grouped by service, so a search only looks at the queried service's spans. */
  byService: Map<string, DemoSpan[]>;
  /** Earliest span start, µs. */
  startUs: number;
  /** Latest span start, µs (search windows filter on span start times). */
  lastStartUs: number;
  /** Latest span end, µs. */
  endUs: number;
  /** Spans refused because the trace alone reached the span budget. */
  dropped: number;
  /** Cached service→service call counts; cleared when a span arrives. */
  links?: Map<string, number>;
}

/** A trace search after parameter parsing; every bound is optional except the limit. */
export interface TraceQuery {
  /** A span of this service must match (Jaeger's classic API requires it; api_v3 does not). */
  service?: string;
  operation?: string;
  /** Every pair must equal a span tag, process tag or log field of the same span. */
  tags: Record<string, string>;
  /** Span start window, µs since the epoch, inclusive. */
  startUs?: number;
  endUs?: number;
  /** Span duration bounds, µs, inclusive. */
  minDurationUs?: number;
  maxDurationUs?: number;
  /** Newest N traces (by first span start); 0 means no limit. */
  limit: number;
}

/** An operation as `/api/operations` lists it. */
export interface OperationEntry {
  name: string;
  /** `server`, `client`, … or `` when the span has no `span.kind` tag. */
  spanKind: string;
}

/** A service→service edge of `/api/dependencies`. */
export interface DependencyLink {
  parent: string;
  child: string;
  callCount: number;
}

/**
 * The parent span ID as Jaeger reads it: the first same-trace CHILD_OF reference, else the
 * first same-trace FOLLOWS_FROM one.
 */
export function parentSpanId(span: DemoSpan): string | undefined {
  let followsFrom: string | undefined;
  for (const ref of span.references) {
    if (ref.traceId !== span.traceId) continue;
    if (ref.refType === 'CHILD_OF') return ref.spanId;
    followsFrom ??= ref.spanId;
  }
  return followsFrom;
}

/** Sorted process tags as a string, cached per tags object (sidecars reuse theirs). */
const processTagKeys = new WeakMap<Record<string, string>, string>();

/**
 * Identifies a span's process (service name plus process tags) within a trace, so the JSON
 * writers can give each distinct process one entry (`p1`, `p2`, … or one ResourceSpans).
 */
export function processKey(span: DemoSpan): string {
  let tags = processTagKeys.get(span.processTags);
  if (tags === undefined) {
    tags = JSON.stringify(Object.entries(span.processTags).sort());
    processTagKeys.set(span.processTags, tags);
  }
  return `${span.serviceName}\0${tags}`;
}

function spanMatches(span: DemoSpan, q: TraceQuery): boolean {
  if (q.operation && span.operationName !== q.operation) return false;
  if (q.minDurationUs !== undefined && span.durationUs < q.minDurationUs) return false;
  if (q.maxDurationUs !== undefined && span.durationUs > q.maxDurationUs) return false;
  if (q.startUs !== undefined && span.startTimeUs < q.startUs) return false;
  if (q.endUs !== undefined && span.startTimeUs > q.endUs) return false;
  for (const [k, v] of Object.entries(q.tags)) {
    // Like Jaeger's memory store: span tags, then process tags, then any log field.
    if (span.tags[k] === v || span.processTags[k] === v) continue;
    if (span.logs.some((l) => l.fields[k] === v)) continue;
    return false;
  }
  return true;
}

/**
 * A bounded in-memory trace store. It keeps at most `maxSpans` spans and evicts whole traces,
 * oldest first (by arrival), so a long-running demo stays within a fixed memory budget.
 * Services and operations are remembered after their traces are evicted, as Jaeger's memory
 * store does, so the search form's drop-downs don't flicker.
 */
export class TraceStore implements SpanSink {
  readonly maxSpans: number;
  private readonly traces = new Map<string, StoredTrace>();
  /** service → traces with a span of that service, in arrival order. */
  private readonly byService = new Map<string, Set<StoredTrace>>();
  /** `service\0operation` → traces with such a span. */
  private readonly byOperation = new Map<string, Set<StoredTrace>>();
  /** service → operation → span kinds seen. */
  private readonly operations = new Map<string, Map<string, Set<string>>>();
  private spanTotal = 0;
  private rejectedTotal = 0;

  /**
   * @param maxSpans span budget; whole traces are evicted, oldest first, beyond it.
   * @param log told once per batch that carried malformed spans (they are skipped, not thrown,
   *   so one bad span never breaks the caller's request path).
   */
  constructor(
    maxSpans = 200_000,
    private readonly log: (msg: string) => void = () => {},
  ) {
    if (!Number.isInteger(maxSpans) || maxSpans < 1) {
      throw new Error(`maxSpans must be a positive integer, got ${maxSpans}`);
    }
    this.maxSpans = maxSpans;
  }

  /** Number of spans held. */
  get spanCount(): number {
    return this.spanTotal;
  }

  /** Number of traces held. */
  get traceCount(): number {
    return this.traces.size;
  }

  /** Spans skipped because their IDs were malformed. */
  get rejectedCount(): number {
    return this.rejectedTotal;
  }

  addSpans(spans: DemoSpan[]): void {
    let firstError: string | undefined;
    for (const raw of spans) {
      try {
        this.addOne(raw);
      } catch (err) {
        this.rejectedTotal++;
        firstError ??= (err as Error).message;
      }
    }
    if (firstError) this.log(`trace store: skipped malformed span(s): ${firstError}`);
    // Evict whole traces, oldest first. A single trace never exceeds the budget (see addOne),
    // so this stops with at least the newest trace left.
    for (const [id, trace] of this.traces) {
      if (this.spanTotal <= this.maxSpans) break;
      this.evict(id, trace);
    }
  }

  private addOne(raw: DemoSpan): void {
    const traceId = parseTraceId(raw.traceId);
    const span: DemoSpan = {
      ...raw,
      traceId,
      spanId: normalizeSpanId(raw.spanId),
      references: raw.references.map((r) => ({
        refType: r.refType,
        traceId: parseTraceId(r.traceId),
        spanId: normalizeSpanId(r.spanId),
      })),
    };
    let trace = this.traces.get(traceId);
    if (!trace) {
      trace = {
        id: traceId,
        spans: [],
        byService: new Map(),
        startUs: span.startTimeUs,
        lastStartUs: span.startTimeUs,
        endUs: span.startTimeUs + span.durationUs,
        dropped: 0,
      };
      this.traces.set(traceId, trace);
    }
    if (trace.spans.length >= this.maxSpans) {
      trace.dropped++;
      return;
    }
    trace.spans.push(span);
    trace.links = undefined;
    trace.startUs = Math.min(trace.startUs, span.startTimeUs);
    trace.lastStartUs = Math.max(trace.lastStartUs, span.startTimeUs);
    trace.endUs = Math.max(trace.endUs, span.startTimeUs + span.durationUs);
    const svc = span.serviceName;
    const list = trace.byService.get(svc);
    if (list) list.push(span);
    else trace.byService.set(svc, [span]);
    addToIndex(this.byService, svc, trace);
    addToIndex(this.byOperation, `${svc}\0${span.operationName}`, trace);
    let ops = this.operations.get(svc);
    if (!ops) this.operations.set(svc, (ops = new Map()));
    let kinds = ops.get(span.operationName);
    if (!kinds) ops.set(span.operationName, (kinds = new Set()));
    kinds.add(span.tags['span.kind'] ?? '');
    this.spanTotal++;
  }

  private evict(id: string, trace: StoredTrace): void {
    this.traces.delete(id);
    this.spanTotal -= trace.spans.length;
    for (const [svc, spans] of trace.byService) {
      removeFromIndex(this.byService, svc, trace);
      for (const s of spans) removeFromIndex(this.byOperation, `${svc}\0${s.operationName}`, trace);
    }
  }

  /** Services seen, sorted. */
  services(): string[] {
    return [...this.operations.keys()].sort();
  }

  /** Operations of a service, sorted by name then kind; `spanKind` filters when given. */
  operationsOf(service: string, spanKind?: string): OperationEntry[] {
    const out: OperationEntry[] = [];
    for (const [name, kinds] of this.operations.get(service) ?? []) {
      for (const kind of kinds) {
        if (!spanKind || kind === spanKind) out.push({ name, spanKind: kind });
      }
    }
    return out.sort((a, b) => cmp(a.name, b.name) || cmp(a.spanKind, b.spanKind));
  }

  /** A trace by its normalized 32-digit ID. */
  get(id: string): StoredTrace | undefined {
    return this.traces.get(id);
  }

  /**
   * Traces with at least one span matching every condition of `q`, newest first (by their
   * earliest span), at most `q.limit` of them.
   */
  find(q: TraceQuery): StoredTrace[] {
    const candidates: Iterable<StoredTrace> = q.service
      ? ((q.operation
          ? this.byOperation.get(`${q.service}\0${q.operation}`)
          : this.byService.get(q.service)) ?? [])
      : this.traces.values();
    const hits: StoredTrace[] = [];
    for (const trace of candidates) {
      // Cheap reject on the trace's span-start range before looking at spans.
      if (q.startUs !== undefined && trace.lastStartUs < q.startUs) continue;
      if (q.endUs !== undefined && trace.startUs > q.endUs) continue;
      const spans = q.service ? (trace.byService.get(q.service) ?? []) : trace.spans;
      if (spans.some((s) => spanMatches(s, q))) hits.push(trace);
    }
    hits.sort((a, b) => b.startUs - a.startUs);
    return q.limit > 0 ? hits.slice(0, q.limit) : hits;
  }

  /**
   * Service→service call counts from traces that started in `[endUs - lookbackUs, endUs]`:
   * every span whose parent span belongs to another service is one call (in Istio's sidecar
   * model that is each client→server hop).
   */
  dependencies(endUs: number, lookbackUs: number): DependencyLink[] {
    const startUs = endUs - lookbackUs;
    const total = new Map<string, number>();
    for (const trace of this.traces.values()) {
      if (trace.lastStartUs < startUs || trace.startUs > endUs) continue;
      trace.links ??= traceLinks(trace);
      for (const [k, n] of trace.links) total.set(k, (total.get(k) ?? 0) + n);
    }
    return [...total].map(([k, callCount]) => {
      const [parent, child] = k.split('\0');
      return { parent, child, callCount };
    });
  }
}

function traceLinks(trace: StoredTrace): Map<string, number> {
  const service = new Map(trace.spans.map((s) => [s.spanId, s.serviceName]));
  const links = new Map<string, number>();
  for (const s of trace.spans) {
    const pid = parentSpanId(s);
    const parent = pid === undefined ? undefined : service.get(pid);
    if (parent === undefined || parent === s.serviceName) continue;
    const key = `${parent}\0${s.serviceName}`;
    links.set(key, (links.get(key) ?? 0) + 1);
  }
  return links;
}

function addToIndex<K>(index: Map<K, Set<StoredTrace>>, key: K, trace: StoredTrace): void {
  const set = index.get(key);
  if (set) set.add(trace);
  else index.set(key, new Set([trace]));
}

function removeFromIndex<K>(index: Map<K, Set<StoredTrace>>, key: K, trace: StoredTrace): void {
  const set = index.get(key);
  if (!set) return;
  set.delete(trace);
  if (set.size === 0) index.delete(key);
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
