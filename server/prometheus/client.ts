import 'server-only';

import { z } from 'zod';

import { upstreamConfig } from '@/server/config';
import { AppError } from '@/server/http/app-error';

/**
 * A small Prometheus HTTP API client on plain `fetch`. Chosen over `prometheus-query` because we
 * need exactly two endpoints, a per-request timeout through AbortSignal, POST bodies (a regex over
 * 100 namespaces makes long queries) and a query counter for the benchmark; the package adds
 * class wrappers around every sample that we would immediately unwrap again.
 */

/** One series of an instant vector: its labels and value. */
export interface InstantSample {
  labels: Record<string, string>;
  value: number;
}

/** One series of a range matrix: its labels and `[unixSeconds, value]` points. */
export interface RangeSeries {
  labels: Record<string, string>;
  points: [number, number][];
}

export interface PrometheusClient {
  /** Instant query evaluated at `time` (unix seconds; Prometheus' now when omitted). */
  query(promql: string, time?: number): Promise<InstantSample[]>;
  /**
   * The same instant query, answered as the raw body of a successful response, for callers that
   * parse it elsewhere (the graph parses multi-megabyte answers on its worker thread; see
   * instantSamplesFromBody). Transport and HTTP errors are thrown here as for query().
   */
  queryBody(promql: string, time?: number): Promise<ArrayBuffer>;
  /** Range query over [start, end] with `step` seconds between points. */
  queryRange(promql: string, start: number, end: number, step: number): Promise<RangeSeries[]>;
  /** Queries sent so far by this client (the benchmark reports queries per graph). */
  readonly queryCount: number;
}

export interface PrometheusClientOptions {
  url: string;
  timeoutMs?: number;
}

const envelope = z.object({
  status: z.enum(['success', 'error']),
  data: z
    .object({
      resultType: z.enum(['vector', 'matrix', 'scalar', 'string']),
      result: z.array(z.unknown()).or(z.tuple([z.number(), z.string()])),
    })
    .optional(),
  errorType: z.string().optional(),
  error: z.string().optional(),
});

interface RawSample {
  metric: Record<string, string>;
  value?: [number, string];
  values?: [number, string][];
}

/**
 * A Prometheus API body → its samples, or the AppError it stands for. Pure (no I/O), so the
 * graph's worker thread runs it too.
 */
export function samplesFromBody(text: string, httpStatus: number): RawSample[] {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new AppError('upstream_error', `Prometheus answered HTTP ${httpStatus} without JSON`, {
      upstream: 'prometheus',
    });
  }
  const parsed = envelope.safeParse(body);
  if (!parsed.success) {
    throw new AppError('upstream_error', 'Prometheus answered with an unexpected shape', {
      upstream: 'prometheus',
    });
  }
  const env = parsed.data;
  if (env.status !== 'success' || !env.data) {
    // A 4xx with errorType bad_data means Meshscope built a bad query: a bug, not user input.
    throw new AppError(
      httpStatus >= 500 ? 'upstream_unavailable' : 'upstream_error',
      `Prometheus rejected the query (${env.errorType ?? httpStatus}): ${env.error ?? 'no message'}`,
      { upstream: 'prometheus' },
    );
  }
  if (env.data.resultType !== 'vector' && env.data.resultType !== 'matrix') {
    throw new AppError(
      'upstream_error',
      `Prometheus returned a ${env.data.resultType}, expected a vector`,
      { upstream: 'prometheus' },
    );
  }
  return env.data.result as RawSample[];
}

/** The body of a successful instant query (from queryBody) → its samples. */
export function instantSamplesFromBody(body: ArrayBuffer | Uint8Array): InstantSample[] {
  return toInstant(samplesFromBody(new TextDecoder().decode(body), 200));
}

function toInstant(raw: RawSample[]): InstantSample[] {
  return raw.map((s) => ({ labels: s.metric, value: toNumber(s.value?.[1]) }));
}

export function createPrometheusClient(opts: PrometheusClientOptions): PrometheusClient {
  const base = opts.url.replace(/\/+$/, '');
  const timeoutMs = opts.timeoutMs ?? 10_000;
  let count = 0;

  async function send(path: string, params: Record<string, string>): Promise<Response> {
    count++;
    try {
      return await fetch(`${base}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams(params).toString(),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (err) {
      const why =
        err instanceof Error && err.name === 'TimeoutError'
          ? `timed out after ${timeoutMs} ms`
          : String((err as Error).message ?? err);
      throw new AppError('upstream_unavailable', `Prometheus at ${base} is unreachable: ${why}`, {
        upstream: 'prometheus',
      });
    }
  }

  async function call(path: string, params: Record<string, string>): Promise<RawSample[]> {
    const res = await send(path, params);
    return samplesFromBody(await res.text(), res.status);
  }

  function instantParams(promql: string, time?: number): Record<string, string> {
    const params: Record<string, string> = { query: promql };
    if (time !== undefined) params.time = String(time);
    return params;
  }

  return {
    get queryCount() {
      return count;
    },
    async query(promql, time) {
      return toInstant(await call('/api/v1/query', instantParams(promql, time)));
    },
    async queryBody(promql, time) {
      const res = await send('/api/v1/query', instantParams(promql, time));
      // Errors are small: turn them into the AppError query() would throw.
      if (!res.ok) {
        samplesFromBody(await res.text(), res.status);
        throw new AppError('upstream_error', `Prometheus answered HTTP ${res.status}`, {
          upstream: 'prometheus',
        });
      }
      return res.arrayBuffer();
    },
    async queryRange(promql, start, end, step) {
      const raw = await call('/api/v1/query_range', {
        query: promql,
        start: String(start),
        end: String(end),
        step: String(step),
      });
      return raw.map((s) => ({
        labels: s.metric,
        points: (s.values ?? []).map(([t, v]) => [t, toNumber(v)] as [number, number]),
      }));
    },
  };
}

/** Prometheus sends values as strings; NaN (e.g. a quantile of no samples) stays NaN. */
function toNumber(v: string | undefined): number {
  if (v === undefined) return Number.NaN;
  return Number(v);
}

let shared: PrometheusClient | undefined;

/** The client for the configured Prometheus ($PROMETHEUS_URL), built once per process. */
export function prometheusClient(): PrometheusClient {
  if (!shared) {
    const cfg = upstreamConfig();
    shared = createPrometheusClient({ url: cfg.prometheusUrl, timeoutMs: cfg.upstreamTimeoutMs });
  }
  return shared;
}
