import 'server-only';

import { AppError } from '@/server/http/app-error';
import type {
  MetricPoint,
  MetricsDirection,
  MetricSeries,
  TrafficMetrics,
} from '@/server/model/metrics';
import {
  type PrometheusClient,
  prometheusClient,
  type RangeSeries,
} from '@/server/prometheus/client';
import { PromQLInputError } from '@/server/prometheus/promql';
import {
  endpointMatchers,
  type MetricsTarget,
  tcpSeries,
  trafficSeries,
} from '@/server/prometheus/queries';

import { parseNodeId } from './node-id';

/** Range of a metrics request, in seconds. */
export interface MetricsRange {
  /** Window length ending at `end`. */
  duration: number;
  /** Unix seconds; now when omitted. */
  end?: number;
  /** Seconds between points; defaults to duration / 60 (at least 10 s). */
  step?: number;
}

export type MetricsRequest =
  | ({ kind: 'node'; node: string; direction: MetricsDirection } & MetricsRange)
  | ({ kind: 'edge'; source: string; target: string } & MetricsRange);

/** Prometheus refuses more than 11,000 points per series; sparklines need far fewer. */
const MAX_POINTS = 1_000;

function target(id: string, param: string): MetricsTarget {
  const t = parseNodeId(id);
  if (!t)
    throw new AppError(
      'bad_request',
      `${param}: "${id}" is not a graph node id (e.g. wl:bookinfo:reviews-v1)`,
    );
  return t;
}

function badInput<T>(fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    if (err instanceof PromQLInputError) throw new AppError('bad_request', err.message);
    throw err;
  }
}

/** The matchers and the preferred reporter for a node's or an edge's traffic. */
export function selection(req: MetricsRequest): {
  matchers: string[];
  prefer: 'source' | 'destination';
} {
  return badInput(() => {
    if (req.kind === 'node') {
      const t = target(req.node, 'node');
      if (req.direction === 'inbound') {
        if (t.kind === 'unknown')
          throw new PromQLInputError('the unknown node has no inbound traffic');
        return { matchers: endpointMatchers(t, 'destination'), prefer: 'destination' };
      }
      return { matchers: endpointMatchers(t, 'source'), prefer: 'source' };
    }
    const s = target(req.source, 'source');
    const d = target(req.target, 'target');
    if (s.kind === 'service' && d.kind === 'service') {
      throw new PromQLInputError(
        'service-to-service edges (service graph) have no per-edge telemetry; chart the target service instead',
      );
    }
    // An injected `service → workload` edge: the source side is the service the requests went to.
    const sourceSide =
      s.kind === 'service' ? endpointMatchers(s, 'destination') : endpointMatchers(s, 'source');
    return {
      matchers: [...sourceSide, ...endpointMatchers(d, 'destination')],
      prefer: 'destination',
    };
  });
}

function pick(series: RangeSeries[], name: string): MetricPoint[] {
  const s = series.find((x) => x.labels.ms_series === name);
  return (s?.points ?? []).filter(([, v]) => Number.isFinite(v)).map(([t, v]) => [t, round(v)]);
}

function round(v: number): number {
  return Math.round(v * 1000) / 1000;
}

function toSeries(http: RangeSeries[], tcp: RangeSeries[]): MetricSeries {
  const rps = pick(http, 'rps');
  const errors = new Map(pick(http, 'errors'));
  return {
    rps,
    errorPercent: rps.map(([t, v]) => [t, v > 0 ? round((100 * (errors.get(t) ?? 0)) / v) : 0]),
    p50: pick(http, 'p50'),
    p95: pick(http, 'p95'),
    p99: pick(http, 'p99'),
    tcpSent: pick(tcp, 'tcpSent'),
    tcpReceived: pick(tcp, 'tcpReceived'),
  };
}

/**
 * Range series for a node or an edge. Two queries (requests, tcp) per reporter; the preferred
 * reporter's data is used when it has any, else the other proxy's (a workload without sidecar).
 */
export async function getTrafficMetrics(
  req: MetricsRequest,
  prom: PrometheusClient = prometheusClient(),
  now: () => number = () => Math.floor(Date.now() / 1000),
): Promise<TrafficMetrics> {
  const { matchers, prefer } = selection(req);
  const end = req.end ?? now();
  const step = Math.max(
    req.step ?? Math.max(10, Math.round(req.duration / 60)),
    Math.ceil(req.duration / MAX_POINTS),
  );
  const rateWindow = Math.max(60, 2 * step);
  const start = end - req.duration;
  const run = async (reporter: 'source' | 'destination') => {
    const q = { matchers, reporter, window: rateWindow };
    const [http, tcp] = await Promise.all([
      prom.queryRange(
        badInput(() => trafficSeries(q)),
        start,
        end,
        step,
      ),
      prom.queryRange(
        badInput(() => tcpSeries(q)),
        start,
        end,
        step,
      ),
    ]);
    return toSeries(http, tcp);
  };
  let reporter = prefer;
  let series = await run(reporter);
  if (series.rps.length === 0 && series.tcpSent.length === 0) {
    reporter = prefer === 'destination' ? 'source' : 'destination';
    series = await run(reporter);
  }
  return { start, end, step, rateWindow, reporter, series };
}
