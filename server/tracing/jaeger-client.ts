import 'server-only';

import type { z } from 'zod';

import { AppError } from '@/server/http/app-error';
import type { JaegerSearchApi, TraceSummary } from '@/server/model/trace';

import {
  classicErrorBody,
  classicStringsResponse,
  classicTracesResponse,
  v3ErrorBody,
  v3OperationsResponse,
  v3ServicesResponse,
  v3TraceSummariesResponse,
} from './jaeger-schemas';
import { fromV3Summary, summarizeTrace, toTraceRecord } from './reshape';
import type { TraceRecord } from './types';

/** A search with its window resolved to absolute µs and tags parsed. */
export interface JaegerSearch {
  service?: string;
  operation?: string;
  tags: Record<string, string>;
  startUs: number;
  endUs: number;
  /** Go duration strings, passed through. */
  minDuration?: string;
  maxDuration?: string;
  limit: number;
}

export interface JaegerClientOptions {
  /** e.g. `http://127.0.0.1:16686`, without a trailing slash. */
  baseUrl: string;
  /** Per request. */
  timeoutMs: number;
  /**
   * For fetching one trace, which can be 100 MB of JSON at 50,000 spans; default 3 × timeoutMs.
   */
  traceTimeoutMs?: number;
  /** How long to remember that api_v3 `trace-summaries` is (not) offered. */
  probeTtlMs?: number;
}

export type JaegerClient = ReturnType<typeof createJaegerClient>;

const upstream = { upstream: 'jaeger' as const };

interface RawResponse {
  status: number;
  text: string;
  json: unknown;
}

/**
 * The typed Jaeger query client. Search uses api_v3 `trace-summaries` when the server offers it
 * (Jaeger ≥ 2.19; classic search is gone on Jaeger main) and classic `/api/traces` otherwise; a
 * trace is always fetched with classic `/api/traces/{id}`, which every version keeps. Every call
 * has a timeout; failures become AppErrors naming Jaeger and its URL.
 */
export function createJaegerClient(opts: JaegerClientOptions) {
  const base = opts.baseUrl.replace(/\/+$/, '');
  const probeTtl = opts.probeTtlMs ?? 5 * 60_000;
  let v3: { ok: boolean; at: number } | undefined;

  async function get(path: string, timeoutMs = opts.timeoutMs): Promise<RawResponse> {
    let res: Response;
    try {
      res = await fetch(`${base}${path}`, {
        signal: AbortSignal.timeout(timeoutMs),
        headers: { accept: 'application/json' },
        cache: 'no-store',
      });
    } catch (err) {
      throw networkError(err, timeoutMs);
    }
    let text: string;
    try {
      text = await res.text();
    } catch (err) {
      throw networkError(err, timeoutMs);
    }
    let json: unknown;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    return { status: res.status, text, json };
  }

  function networkError(err: unknown, timeoutMs: number): AppError {
    const e = err as Error & { cause?: { code?: string } };
    if (e.name === 'TimeoutError' || e.name === 'AbortError') {
      return new AppError(
        'upstream_unavailable',
        `Jaeger at ${base} did not answer within ${timeoutMs / 1_000} s.`,
        upstream,
      );
    }
    const code = e.cause?.code ? ` (${e.cause.code})` : '';
    return new AppError(
      'upstream_unavailable',
      `Jaeger is unreachable at ${base}${code}.`,
      upstream,
    );
  }

  /** Jaeger's own words for a failure: classic `errors[].msg` or api_v3 `error.message`. */
  function jaegerMessage(r: RawResponse): string {
    const classic = classicErrorBody.safeParse(r.json);
    if (classic.success && classic.data.errors?.length) {
      return classic.data.errors.map((e) => e.msg).join('; ');
    }
    const v3e = v3ErrorBody.safeParse(r.json);
    if (v3e.success) return v3e.data.error.message;
    return r.text.trim().slice(0, 200) || `HTTP ${r.status}`;
  }

  function failure(r: RawResponse, path: string): AppError {
    const msg = jaegerMessage(r);
    if (r.status === 400)
      return new AppError('bad_request', `Jaeger rejected the query: ${msg}`, upstream);
    if (r.status === 404) return new AppError('not_found', `Jaeger: ${msg}`, upstream);
    return new AppError(
      'upstream_error',
      `Jaeger answered ${r.status} to ${path.split('?')[0]}: ${msg}`,
      upstream,
    );
  }

  function parse<T extends z.ZodType>(schema: T, r: RawResponse, path: string): z.infer<T> {
    const result = schema.safeParse(r.json);
    if (!result.success) {
      const issue = result.error.issues[0];
      throw new AppError(
        'upstream_error',
        `Jaeger returned an unexpected response from ${path.split('?')[0]}: ${issue.path.join('.') || '(body)'}: ${issue.message}`,
        upstream,
      );
    }
    return result.data;
  }

  async function getOk<T extends z.ZodType>(schema: T, path: string): Promise<z.infer<T>> {
    const r = await get(path);
    if (r.status < 200 || r.status >= 300) throw failure(r, path);
    return parse(schema, r, path);
  }

  /** api_v3 routes answer JSON errors; a missing route answers Go's text "404 page not found". */
  const isMissingRoute = (r: RawResponse) =>
    (r.status === 404 || r.status === 405 || r.status === 501) &&
    !v3ErrorBody.safeParse(r.json).success;

  async function services(): Promise<string[]> {
    const r = await get('/api/v3/services');
    if (r.status >= 200 && r.status < 300) {
      return [...(parse(v3ServicesResponse, r, '/api/v3/services').services ?? [])].sort();
    }
    if (!isMissingRoute(r)) throw failure(r, '/api/v3/services');
    return [...((await getOk(classicStringsResponse, '/api/services')).data ?? [])].sort();
  }

  async function operations(service: string): Promise<string[]> {
    const v3path = `/api/v3/operations?service=${encodeURIComponent(service)}`;
    const r = await get(v3path);
    let names: string[];
    if (r.status >= 200 && r.status < 300) {
      names = (parse(v3OperationsResponse, r, v3path).operations ?? []).map((o) => o.name);
    } else if (isMissingRoute(r)) {
      const path = `/api/services/${encodeURIComponent(service)}/operations`;
      names = (await getOk(classicStringsResponse, path)).data ?? [];
    } else throw failure(r, v3path);
    return [...new Set(names)].sort();
  }

  async function searchV3(q: JaegerSearch): Promise<TraceSummary[] | undefined> {
    const p = new URLSearchParams();
    if (q.service) p.set('query.serviceName', q.service);
    if (q.operation) p.set('query.operationName', q.operation);
    if (Object.keys(q.tags).length) p.set('query.attributes', JSON.stringify(q.tags));
    p.set('query.startTimeMin', new Date(q.startUs / 1_000).toISOString());
    p.set('query.startTimeMax', new Date(Math.ceil(q.endUs / 1_000)).toISOString());
    if (q.minDuration) p.set('query.durationMin', q.minDuration);
    if (q.maxDuration) p.set('query.durationMax', q.maxDuration);
    p.set('query.searchDepth', String(q.limit));
    const path = `/api/v3/trace-summaries?${p}`;
    const r = await get(path);
    if (isMissingRoute(r)) return undefined;
    // api_v3 reports "no results" as a 404 with a JSON error, not as an empty list.
    if (r.status === 404) return [];
    if (r.status < 200 || r.status >= 300) throw failure(r, path);
    return (parse(v3TraceSummariesResponse, r, path).summaries ?? []).map(fromV3Summary);
  }

  async function searchClassic(q: JaegerSearch): Promise<TraceSummary[]> {
    if (!q.service) {
      throw new AppError(
        'bad_request',
        'Choose a service: this Jaeger needs one to search.',
        upstream,
      );
    }
    const p = new URLSearchParams({ service: q.service });
    if (q.operation) p.set('operation', q.operation);
    if (Object.keys(q.tags).length) p.set('tags', JSON.stringify(q.tags));
    p.set('start', String(Math.floor(q.startUs)));
    p.set('end', String(Math.ceil(q.endUs)));
    if (q.minDuration) p.set('minDuration', q.minDuration);
    if (q.maxDuration) p.set('maxDuration', q.maxDuration);
    p.set('limit', String(q.limit));
    const body = await getOk(classicTracesResponse, `/api/traces?${p}`);
    return (body.data ?? []).map((t) => summarizeTrace(toTraceRecord(t)));
  }

  async function searchTraces(
    q: JaegerSearch,
  ): Promise<{ traces: TraceSummary[]; api: JaegerSearchApi }> {
    let traces: TraceSummary[] | undefined;
    let api: JaegerSearchApi = 'classic';
    if (!v3 || v3.ok || Date.now() - v3.at > probeTtl) {
      traces = await searchV3(q);
      v3 = { ok: traces !== undefined, at: Date.now() };
      if (traces) api = 'api_v3';
    }
    traces ??= await searchClassic(q);
    traces.sort((a, b) => b.startUs - a.startUs);
    return { traces: traces.slice(0, q.limit), api };
  }

  async function getTrace(traceId: string): Promise<TraceRecord> {
    const path = `/api/traces/${encodeURIComponent(traceId)}`;
    const r = await get(path, opts.traceTimeoutMs ?? opts.timeoutMs * 3);
    if (r.status === 404) {
      throw new AppError('not_found', `Trace ${traceId} was not found in Jaeger.`, upstream);
    }
    if (r.status < 200 || r.status >= 300) throw failure(r, path);
    const body = parse(classicTracesResponse, r, path);
    const trace = body.data?.[0];
    if (!trace) {
      const msg = body.errors?.map((e) => e.msg).join('; ');
      throw new AppError(
        'not_found',
        msg ? `Jaeger: ${msg}` : `Trace ${traceId} was not found in Jaeger.`,
        upstream,
      );
    }
    return toTraceRecord(trace);
  }

  return { baseUrl: base, services, operations, searchTraces, getTrace };
}
