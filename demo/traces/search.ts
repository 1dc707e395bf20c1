import { z } from 'zod';

import { parseGoDuration } from './go-duration';
import { parseGoBool, parseGoInt, parseGoUint, parseRfc3339Nano } from './go-strconv';
import type { TraceQuery } from './store';
import { parseTraceId } from './trace-id';

/**
 * Query-parameter parsing for both Jaeger APIs. Every failure is a {@link ParamError} whose
 * message is the text Jaeger sends (Go error strings included), in the order Jaeger checks.
 */

/** Bad request input: the server answers 400 with this message. */
export class ParamError extends Error {}

/** Jaeger's default search window for classic `/api/traces` when `start` is absent: 2 days. */
export const DEFAULT_LOOKBACK_US = 2 * 24 * 3600 * 1_000_000;
/** Default `limit` / `query.searchDepth`. */
export const DEFAULT_LIMIT = 100;
/** `/api/dependencies` default lookback: 24 h. */
export const DEFAULT_DEPENDENCY_LOOKBACK_MS = 24 * 3600 * 1000;

const SPAN_KINDS = ['server', 'client', 'producer', 'consumer', 'internal'];

/** An optional string field parsed by a Go-style parser; `wrap` shapes the error text. */
function goField<T>(parse: (s: string) => T, wrap: (msg: string) => string = (m) => m) {
  return z
    .string()
    .transform((s, ctx): T => {
      try {
        return parse(s);
      } catch (err) {
        ctx.addIssue({ code: 'custom', message: wrap((err as Error).message) });
        return z.NEVER;
      }
    })
    .optional();
}

const jaegerParam = (name: string) => (msg: string) => `unable to parse param '${name}': ${msg}`;
const v3Param = (name: string) => (msg: string) => `malformed parameter ${name}: ${msg}`;

function parseStringMap(s: string): Record<string, string> {
  const v: unknown = JSON.parse(s);
  if (v === null) return {};
  if (typeof v !== 'object' || Array.isArray(v)) {
    throw new Error(
      `json: cannot unmarshal ${jsonKind(v)} into Go value of type map[string]string`,
    );
  }
  for (const val of Object.values(v)) {
    if (typeof val !== 'string') {
      throw new Error(`json: cannot unmarshal ${jsonKind(val)} into Go value of type string`);
    }
  }
  return v as Record<string, string>;
}

/** The JSON kind name Go's decoder uses in its type errors. */
function jsonKind(v: unknown): string {
  if (Array.isArray(v)) return 'array';
  if (v === null) return 'null';
  return typeof v === 'object' ? 'object' : typeof v;
}

/** Runs a zod schema and turns its first issue into a ParamError. */
function run<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const r = schema.safeParse(input);
  if (!r.success) throw new ParamError(r.error.issues[0]?.message ?? 'invalid parameters');
  return r.data;
}

/** URL parameters as Go's `Query().Get` sees them: first value, empty means absent. */
function pick(params: URLSearchParams, ...names: string[]): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const n of names) out[n] = params.get(n) || undefined;
  return out;
}

/** The first non-empty of a canonical api_v3 name and its deprecated snake_case alias. */
function alias(params: URLSearchParams, canonical: string, deprecated: string) {
  const c = params.get(canonical);
  if (c) return { value: c, name: canonical };
  return { value: params.get(deprecated) || undefined, name: deprecated };
}

// ---------------------------------------------------------------- classic /api/traces

const classicSearchSchema = z.object({
  start: goField((s) => parseGoInt(s, 64), jaegerParam('start')),
  end: goField((s) => parseGoInt(s, 64), jaegerParam('end')),
  tag: z.array(
    z.string().transform((t, ctx) => {
      const parts = t.split(':');
      if (parts.length <= 1) {
        ctx.addIssue({
          code: 'custom',
          message: `malformed 'tag' parameter, expecting key:value, received: ${t}`,
        });
        return z.NEVER;
      }
      return [parts[0], parts.slice(1).join(':')] as const;
    }),
  ),
  tags: z.array(
    goField(parseStringMap, (m) => `malformed 'tags' parameter, cannot unmarshal JSON: ${m}`),
  ),
  limit: goField((s) => parseGoInt(s, 32)),
  minDuration: goField(parseGoDuration, jaegerParam('minDuration')),
  maxDuration: goField(parseGoDuration, jaegerParam('maxDuration')),
  traceID: z.array(goField(parseTraceId, (m) => `cannot parse traceID param: ${m}`)),
  raw: goField(parseGoBool, jaegerParam('raw')),
});

/** A parsed classic search: either trace IDs to fetch or a query. */
export interface ClassicSearch {
  query: TraceQuery;
  /** Normalized 32-digit IDs from repeated `traceID=`; when present the query is ignored. */
  traceIds: string[];
  raw: boolean;
}

/** Parses `/api/traces` parameters like Jaeger's `parseTraceQueryParams` + `validateQuery`. */
export function parseClassicSearch(params: URLSearchParams, nowUs: number): ClassicSearch {
  const p = run(classicSearchSchema, {
    ...pick(params, 'start', 'end', 'limit', 'minDuration', 'maxDuration', 'raw'),
    tag: params.getAll('tag'),
    tags: params.getAll('tags').map((t) => t || undefined),
    traceID: params.getAll('traceID'),
  });
  const tags: Record<string, string> = {};
  for (const [k, v] of p.tag) tags[k] = v;
  for (const m of p.tags) Object.assign(tags, m);
  const service = params.get('service') ?? '';
  const traceIds = p.traceID.filter((id): id is string => id !== undefined);
  const limit = p.limit ?? DEFAULT_LIMIT;
  const startUs = p.start ?? nowUs - DEFAULT_LOOKBACK_US;
  const endUs = p.end ?? nowUs;
  // Go's time.Duration is in ns; Jaeger treats a zero bound as "no bound".
  const minNs = p.minDuration ?? 0;
  const maxNs = p.maxDuration ?? 0;
  if (traceIds.length === 0 && !service) throw new ParamError("parameter 'service' is required");
  if (limit <= 0) throw new ParamError('invalid parameter: limit must be greater than 0');
  if (startUs > endUs)
    throw new ParamError('invalid parameter: start time must be before end time');
  if (minNs !== 0 && maxNs !== 0 && maxNs < minNs) {
    throw new ParamError("'maxDuration' should be greater than 'minDuration'");
  }
  const query: TraceQuery = {
    service,
    operation: params.get('operation') || undefined,
    tags,
    startUs,
    endUs,
    limit,
    ...(minNs !== 0 ? { minDurationUs: minNs / 1000 } : {}),
    ...(maxNs !== 0 ? { maxDurationUs: maxNs / 1000 } : {}),
  };
  return { query, traceIds, raw: p.raw ?? false };
}

// ---------------------------------------------------------------- classic, other routes

/** `/api/traces/{id}?start=&end=&raw=`: the ID (normalized) and the raw flag. */
export function parseClassicGetTrace(id: string, params: URLSearchParams) {
  const p = run(
    z.object({
      id: z.string().transform((s, ctx) => {
        try {
          return parseTraceId(s);
        } catch (err) {
          ctx.addIssue({ code: 'custom', message: (err as Error).message });
          return z.NEVER;
        }
      }),
      start: goField((s) => parseGoInt(s, 64), jaegerParam('start')),
      end: goField((s) => parseGoInt(s, 64), jaegerParam('end')),
      raw: goField(parseGoBool, jaegerParam('raw')),
    }),
    { id, ...pick(params, 'start', 'end', 'raw') },
  );
  return { id: p.id, raw: p.raw ?? false };
}

/** `/api/dependencies?endTs=&lookback=` (both ms) → the window in µs, plus `service`. */
export function parseDependencies(params: URLSearchParams, nowMs: number) {
  const p = run(
    z.object({
      endTs: goField((s) => parseGoInt(s, 64), jaegerParam('endTs')),
      lookback: goField((s) => parseGoInt(s, 64), jaegerParam('lookback')),
    }),
    pick(params, 'endTs', 'lookback'),
  );
  return {
    endUs: (p.endTs ?? nowMs) * 1000,
    lookbackUs: (p.lookback ?? DEFAULT_DEPENDENCY_LOOKBACK_MS) * 1000,
    service: params.get('service') || undefined,
  };
}

/** `spanKind` of the operations endpoints: empty for all, else one of Jaeger's kinds. */
export function parseSpanKind(value: string | null, param: string): string | undefined {
  if (!value) return undefined;
  if (!SPAN_KINDS.includes(value)) {
    throw new ParamError(`unable to parse param '${param}': unsupported span kind: '${value}'`);
  }
  return value;
}

// ---------------------------------------------------------------- api_v3

const rfc3339 = (name: string) => goField((s) => parseRfc3339Nano(s), v3Param(name));

/** A parsed api_v3 search (`/api/v3/traces`, `/api/v3/trace-summaries`). */
export interface V3Search {
  query: TraceQuery;
  raw: boolean;
}

/**
 * Parses `query.*` parameters; camelCase names first, then the snake_case aliases Jaeger still
 * accepts. The time range is required, as in Jaeger v2.20.
 */
export function parseV3Search(params: URLSearchParams): V3Search {
  const tMin = alias(params, 'query.startTimeMin', 'query.start_time_min');
  const tMax = alias(params, 'query.startTimeMax', 'query.start_time_max');
  if (!tMin.value || !tMax.value) {
    throw new ParamError('query.startTimeMin and query.startTimeMax are required');
  }
  let depth = alias(params, 'query.searchDepth', 'query.search_depth');
  if (!depth.value)
    depth = { value: params.get('query.num_traces') || undefined, name: 'query.num_traces' };
  const dMin = alias(params, 'query.durationMin', 'query.duration_min');
  const dMax = alias(params, 'query.durationMax', 'query.duration_max');
  const raw = alias(params, 'query.rawTraces', 'query.raw_traces');
  const p = run(
    z.object({
      tMin: rfc3339(tMin.name),
      tMax: rfc3339(tMax.name),
      attributes: goField(parseStringMap, v3Param('query.attributes')),
      depth: goField((s) => parseGoUint(s, 32), v3Param(depth.name)),
      dMin: goField(parseGoDuration, v3Param(dMin.name)),
      dMax: goField(parseGoDuration, v3Param(dMax.name)),
      raw: goField(parseGoBool, v3Param(raw.name)),
    }),
    {
      tMin: tMin.value,
      tMax: tMax.value,
      attributes: params.get('query.attributes') || undefined,
      depth: depth.value,
      dMin: dMin.value,
      dMax: dMax.value,
      raw: raw.value,
    },
  );
  const minNs = p.tMin as bigint;
  const maxNs = p.tMax as bigint;
  if (minNs > maxNs) {
    throw new ParamError(`${tMin.name} must be before ${tMax.name}`);
  }
  if (p.dMin && p.dMax && p.dMax < p.dMin) {
    throw new ParamError(`'${dMax.name}' should be greater than '${dMin.name}'`);
  }
  const service = alias(params, 'query.serviceName', 'query.service_name').value;
  const operation = alias(params, 'query.operationName', 'query.operation_name').value;
  const query: TraceQuery = {
    service,
    operation,
    tags: p.attributes ?? {},
    // Span starts are whole µs: round the window inwards so ns bounds stay exact.
    startUs: Number((minNs + 999n) / 1000n),
    endUs: Number(maxNs / 1000n),
    limit: p.depth || DEFAULT_LIMIT,
    ...(p.dMin ? { minDurationUs: p.dMin / 1000 } : {}),
    ...(p.dMax ? { maxDurationUs: p.dMax / 1000 } : {}),
  };
  return { query, raw: p.raw ?? false };
}

/** `/api/v3/traces/{id}?startTime=&endTime=&rawTraces=`. */
export function parseV3GetTrace(id: string, params: URLSearchParams) {
  let traceId: string;
  try {
    traceId = parseTraceId(id);
  } catch (err) {
    throw new ParamError(`malformed parameter trace_id: ${(err as Error).message}`);
  }
  const start = alias(params, 'startTime', 'start_time');
  const end = alias(params, 'endTime', 'end_time');
  const raw = alias(params, 'rawTraces', 'raw_traces');
  const p = run(
    z.object({
      start: rfc3339(start.name),
      end: rfc3339(end.name),
      raw: goField(parseGoBool, v3Param(raw.name)),
    }),
    { start: start.value, end: end.value, raw: raw.value },
  );
  return { id: traceId, raw: p.raw ?? false };
}
