import 'server-only';

import { upstreamConfig } from '@/server/config';
import { AppError } from '@/server/http/app-error';
import type {
  SpanDetail,
  TracePath,
  TraceSearchMatches,
  TraceSearchParams,
  TraceSearchResult,
  TraceView,
} from '@/server/model/trace';

import { parseGoDuration } from './go-duration';
import { createJaegerClient, type JaegerClient, type JaegerSearch } from './jaeger-client';
import { parseLogfmt } from './logfmt';
import { tracePath } from './trace-path';
import { buildTraceView, type BuiltTrace, findInTrace, spanDetail } from './trace-view';

let client: JaegerClient | undefined;

/** The client for the configured JAEGER_URL (rebuilt if the environment changes, as in tests). */
export function jaeger(): JaegerClient {
  const cfg = upstreamConfig();
  if (!client || client.baseUrl !== cfg.jaegerUrl) {
    client = createJaegerClient({ baseUrl: cfg.jaegerUrl, timeoutMs: cfg.upstreamTimeoutMs });
  }
  return client;
}

const DEFAULT_LOOKBACK = '1h';
const MAX_LIMIT = 1_500;

/** Search form → absolute window, parsed tags and checked durations; bad input is a 400. */
export function resolveSearch(params: TraceSearchParams, nowUs = Date.now() * 1_000): JaegerSearch {
  const endUs = params.end ?? nowUs;
  let startUs = params.start;
  if (startUs === undefined) {
    const lookback = parseGoDuration(params.lookback ?? DEFAULT_LOOKBACK);
    if (lookback === undefined || lookback <= 0) {
      throw new AppError('bad_request', `lookback: "${params.lookback}" is not a duration like 1h`);
    }
    startUs = endUs - lookback;
  }
  if (startUs >= endUs) throw new AppError('bad_request', 'start must be before end');
  const min = params.minDuration ? parseGoDuration(params.minDuration) : undefined;
  const max = params.maxDuration ? parseGoDuration(params.maxDuration) : undefined;
  if (params.minDuration && min === undefined) {
    throw new AppError(
      'bad_request',
      `minDuration: "${params.minDuration}" is not a duration like 100ms`,
    );
  }
  if (params.maxDuration && max === undefined) {
    throw new AppError(
      'bad_request',
      `maxDuration: "${params.maxDuration}" is not a duration like 2s`,
    );
  }
  if (min !== undefined && max !== undefined && max < min) {
    throw new AppError('bad_request', 'maxDuration must not be less than minDuration');
  }
  const tags = params.tags ? parseLogfmt(params.tags) : { tags: {} };
  if ('error' in tags) throw new AppError('bad_request', tags.error);
  return {
    service: params.service || undefined,
    operation: params.operation || undefined,
    tags: tags.tags,
    startUs,
    endUs,
    minDuration: params.minDuration || undefined,
    maxDuration: params.maxDuration || undefined,
    limit: Math.min(MAX_LIMIT, params.limit ?? 20),
  };
}

export async function searchTraces(params: TraceSearchParams): Promise<TraceSearchResult> {
  const q = resolveSearch(params);
  const { traces, api } = await jaeger().searchTraces(q);
  return { traces, api, limit: q.limit };
}

export async function listServices(): Promise<{ services: string[] }> {
  return { services: await jaeger().services() };
}

export async function listOperations(service: string): Promise<{ operations: string[] }> {
  return { operations: await jaeger().operations(service) };
}

/**
 * Built traces, briefly cached: opening a span, searching within the trace and the graph path all
 * follow the page load within seconds or minutes, and refetching 50,000 spans from Jaeger each time would
 * cost more than the tree. Small (a few traces) and short-lived; the page load itself always refetches (late spans).
 */
const CACHE_TTL_MS = 5 * 60_000;
/** A built 50,000-span trace holds a few hundred MB; keep only a handful. */
const CACHE_SIZE = 3;
const cache = new Map<string, { at: number; built: Promise<BuiltTrace> }>();

export function builtTrace(traceId: string): Promise<BuiltTrace> {
  const c = jaeger();
  const key = `${c.baseUrl} ${traceId.toLowerCase()}`;
  const hit = cache.get(key);
  if (hit && Date.now() - hit.at < CACHE_TTL_MS) return hit.built;
  const built = c.getTrace(traceId).then(buildTraceView);
  built.catch(() => cache.delete(key));
  cache.delete(key);
  cache.set(key, { at: Date.now(), built });
  while (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value as string);
  return built;
}

/** `GET /api/traces/{id}`: always refetched from Jaeger (late spans), then cached for details. */
export async function getTraceView(traceId: string): Promise<TraceView> {
  cache.delete(`${jaeger().baseUrl} ${traceId.toLowerCase()}`);
  return (await builtTrace(traceId)).view;
}

export async function getSpanDetail(traceId: string, spanId: string): Promise<SpanDetail> {
  const detail = spanDetail(await builtTrace(traceId), spanId);
  if (!detail) throw new AppError('not_found', `Span ${spanId} is not in trace ${traceId}.`);
  return detail;
}

export async function findSpans(traceId: string, q: string): Promise<TraceSearchMatches> {
  return { rows: findInTrace(await builtTrace(traceId), q) };
}

export async function getTracePath(traceId: string): Promise<TracePath> {
  return tracePath(await builtTrace(traceId));
}
