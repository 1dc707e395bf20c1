import 'server-only';

import {
  labelValue,
  namespaceName,
  namespaceRegex,
  objectName,
  PromQLInputError,
  quote,
  windowSeconds,
} from './promql';

/**
 * Every PromQL string Meshscope sends, as named builders. Values pass the validators in
 * promql.ts; nothing else in the code base concatenates PromQL. Each builder has a
 * string-equality test in queries.test.ts.
 */

/** Labels that identify both ends of a request at workload granularity (the finest we need). */
export const EDGE_LABELS = [
  'source_workload_namespace',
  'source_workload',
  'source_canonical_service',
  'source_canonical_revision',
  'destination_service_namespace',
  'destination_service_name',
  'destination_service',
  'destination_workload_namespace',
  'destination_workload',
  'destination_canonical_service',
  'destination_canonical_revision',
] as const;

/** Per-request outcome labels; `reporter` is kept so the builder can prefer destination data. */
export const REQUEST_LABELS = [
  'reporter',
  ...EDGE_LABELS,
  'request_protocol',
  'response_code',
  'grpc_response_status',
  'response_flags',
  'connection_security_policy',
] as const;

export const TCP_LABELS = ['reporter', ...EDGE_LABELS, 'connection_security_policy'] as const;
export const THROUGHPUT_LABELS = ['reporter', ...EDGE_LABELS, 'request_protocol'] as const;

export interface GraphQueryInput {
  namespaces: readonly string[];
  /** Rate window in seconds (the graph's duration). */
  window: number;
  /** Keep zero-rate series (idle edges); otherwise `> 0` filters them in Prometheus. */
  idleEdges?: boolean;
}

/**
 * The series that describe traffic touching the requested namespaces, as Kiali selects them
 * but with one regex for all namespaces:
 * 1. reported by the destination proxy, destination in the namespaces (incoming traffic);
 * 2. reported by the source proxy, source in the namespaces (outgoing traffic);
 * 3. reported by the source proxy for a service in the namespaces that no workload answered
 *    (requests that never reached a destination, e.g. no endpoints or a circuit breaker).
 * Overlapping series between 2 and 3 are merged by `or`; the graph builder prefers 1 over 2.
 */
export function trafficSelectors(namespaces: readonly string[]): string[] {
  const ns = namespaceRegex(namespaces);
  return [
    `reporter="destination",destination_workload_namespace=~${ns}`,
    `reporter="source",source_workload_namespace=~${ns}`,
    `reporter="source",destination_workload="unknown",destination_service_namespace=~${ns}`,
  ];
}

function unionRate(metric: string, selectors: readonly string[], window: string): string {
  return selectors.map((s) => `rate(${metric}{${s}}[${window}])`).join(' or ');
}

/**
 * `sum by (labels)` of each selector, joined by `or`. Aggregating before `or` makes the union
 * cheap (it hashes a few aggregated series instead of every raw series). It equals the sum over
 * the union because every grouping keeps `reporter` and the source namespace (or, for service →
 * workload hops, is only read when the destination is known), so no group mixes the arms.
 */
function unionSum(
  metric: string,
  selectors: readonly string[],
  window: string,
  labels: readonly string[],
): string {
  return selectors
    .map((s) => `sum by (${by(labels)}) (rate(${metric}{${s}}[${window}]))`)
    .join(' or ');
}

/**
 * Selectors for the latency histograms, the heaviest series Istio has (20 buckets each). The
 * source proxy's copy is only fetched where the destination proxy's cannot be: callees outside
 * the requested namespaces, and requests no workload answered. Callees inside them without a
 * sidecar get no response time (their callers' histograms would double the bucket work).
 *
 * `part` (a subset of `namespaces`) selects one shard: the shards of a partition of the
 * namespaces select disjoint series whose union is the unsharded selection, so several queries
 * can share the work across Prometheus' cores.
 */
export function histogramSelectors(
  namespaces: readonly string[],
  part: readonly string[] = namespaces,
): string[] {
  const all = namespaceRegex(namespaces);
  const mine = namespaceRegex(part);
  return [
    `reporter="destination",destination_workload_namespace=~${mine}`,
    `reporter="source",source_workload_namespace=~${mine},destination_workload_namespace!~${all}`,
    `reporter="source",destination_workload="unknown",destination_service_namespace=~${mine}`,
  ];
}

function by(labels: readonly string[]): string {
  return labels.join(',');
}

/**
 * Tags every series of `expr` with `label="value"` so several results can travel in one query
 * (the empty source label always matches the empty regex).
 */
export function tagged(expr: string, label: string, value: string): string {
  return `label_replace(${expr},${quote(label)},${quote(value)},"","")`;
}

function positive(expr: string, idle?: boolean): string {
  return idle ? expr : `(${expr}) > 0`;
}

/** Request rates by edge and outcome (istio_requests_total). */
export function graphRequests(q: GraphQueryInput): string {
  const w = windowSeconds(q.window);
  const sel = trafficSelectors(q.namespaces);
  return positive(unionSum('istio_requests_total', sel, w, REQUEST_LABELS), q.idleEdges);
}

/**
 * TCP bytes/s by edge, tagged `tcp_dir` with the metric it came from. Istio reports L4 direction
 * reversed (istio#32399); the graph only uses the sum of both, which the swap does not change.
 */
export function graphTcp(q: GraphQueryInput): string {
  const w = windowSeconds(q.window);
  const sel = trafficSelectors(q.namespaces);
  const part = (metric: string, dir: string) =>
    tagged(positive(unionSum(metric, sel, w, TCP_LABELS), q.idleEdges), 'tcp_dir', dir);
  return `${part('istio_tcp_sent_bytes_total', 'sent')} or ${part('istio_tcp_received_bytes_total', 'received')}`;
}

/** Request plus response bytes/s by edge (http and grpc throughput). */
export function graphThroughput(q: GraphQueryInput): string {
  const w = windowSeconds(q.window);
  const sel = trafficSelectors(q.namespaces);
  const part = (metric: string, dir: string) =>
    tagged(`(${unionSum(metric, sel, w, THROUGHPUT_LABELS)}) > 0`, 'bytes_dir', dir);
  return `${part('istio_request_bytes_sum', 'request')} or ${part('istio_response_bytes_sum', 'response')}`;
}

/** The latency quantiles Meshscope computes, by name. */
export const QUANTILES = { p50: 0.5, p95: 0.95, p99: 0.99 } as const;
export type QuantileName = keyof typeof QUANTILES;

/** The response-time statistics of the metrics API, in this order. */
export const RESPONSE_TIME_STATS = Object.entries(QUANTILES) as [QuantileName, number][];

const KNOWN_LABELS = new Set<string>(REQUEST_LABELS);

function checkLabels(labels: readonly string[]): void {
  for (const l of labels) {
    if (!KNOWN_LABELS.has(l)) throw new PromQLInputError(`unknown grouping label "${l}"`);
  }
}

/** Separator of the values in `ms_key` (see keyedBy); no Istio label value contains it. */
export const KEY_SEPARATOR = ';';

/**
 * `sum by (keep, ms_key)` where `ms_key` joins the values of `labels` with KEY_SEPARATOR. The
 * latency answers are the largest the graph gets (~20 bucket series per edge): one key label
 * instead of a dozen makes them a third of the size to send, parse and group.
 */
function keyedBy(expr: string, labels: readonly string[], keep: readonly string[]): string {
  const src = labels.map((l) => quote(l)).join(',');
  return `sum by (${by([...keep, 'ms_key'])}) (label_join(${expr},"ms_key",${quote(KEY_SEPARATOR)},${src}))`;
}

function latencyLabels(labels: readonly string[]): string[] {
  checkLabels(labels);
  return labels.filter((l) => l !== 'reporter');
}

/**
 * Rates of the latency histograms' `_sum` and `_count`, tagged `ms_stat` = sum | count, by
 * `reporter` and `ms_key` (the values of `labels`, the union of the graph's edge groupings). Both
 * add up, so server/graph/histogram.ts derives the average of every edge kind from this answer.
 */
export function graphLatencySums(q: GraphQueryInput & { labels: readonly string[] }): string {
  const w = windowSeconds(q.window);
  const labels = latencyLabels(q.labels);
  const sel = histogramSelectors(q.namespaces);
  return ['sum', 'count']
    .map((stat) => {
      const m = `istio_request_duration_milliseconds_${stat}`;
      const sums = unionSum(m, sel, w, ['reporter', ...labels]);
      return tagged(keyedBy(sums, labels, ['reporter']), 'ms_stat', stat);
    })
    .join(' or ');
}

/**
 * Latency bucket rates by `le`, `reporter` and `ms_key` (the values of `labels`, the union of the
 * graph's edge groupings), for quantiles computed in server/graph/histogram.ts. One pass over the bucket
 * series serves every edge kind and every quantile; histogram_quantile in PromQL would need one
 * pass per edge kind. Empty buckets are kept: an empty bucket below the rank is the lower bound
 * of the interpolation, so dropping it would move the quantile.
 */
export function graphLatencyBuckets(
  q: GraphQueryInput & { labels: readonly string[]; part?: readonly string[] },
): string {
  const w = windowSeconds(q.window);
  const labels = latencyLabels(q.labels);
  const sel = histogramSelectors(q.namespaces, q.part);
  const sums = unionSum('istio_request_duration_milliseconds_bucket', sel, w, [
    'le',
    'reporter',
    ...labels,
  ]);
  return keyedBy(sums, labels, ['le', 'reporter']);
}

/**
 * Splits namespaces into at most `n` non-empty shards of near-equal size (round robin over the
 * sorted list, so the split does not depend on the order they were asked in).
 */
export function namespaceShards(namespaces: readonly string[], n: number): string[][] {
  const sorted = [...new Set(namespaces)].sort();
  const shards: string[][] = Array.from({ length: Math.min(n, sorted.length) }, () => []);
  sorted.forEach((ns, i) => shards[i % shards.length].push(ns));
  return shards;
}

/** What a metrics panel charts: one node of the graph, or one edge between two. */
export type MetricsTarget =
  | { kind: 'workload'; namespace: string; workload: string }
  | { kind: 'app'; namespace: string; app: string; version?: string }
  | { kind: 'service'; namespace: string; service: string }
  | { kind: 'unknown' };

/** The matchers that select one end (`source_` or `destination_`) of the traffic. */
export function endpointMatchers(target: MetricsTarget, side: 'source' | 'destination'): string[] {
  switch (target.kind) {
    case 'workload':
      return [
        `${side}_workload_namespace=${quote(namespaceName(target.namespace))}`,
        `${side}_workload=${quote(objectName(target.workload, 'workload'))}`,
      ];
    case 'app': {
      const m = [
        `${side}_workload_namespace=${quote(namespaceName(target.namespace))}`,
        `${side}_canonical_service=${quote(labelValue(target.app, 'app'))}`,
      ];
      if (target.version !== undefined) {
        m.push(`${side}_canonical_revision=${quote(labelValue(target.version, 'version'))}`);
      }
      return m;
    }
    case 'service':
      if (side === 'source') {
        throw new PromQLInputError('a service has no outbound traffic of its own; pick a workload');
      }
      return [
        `destination_service_namespace=${quote(namespaceName(target.namespace))}`,
        `destination_service_name=${quote(objectName(target.service, 'service'))}`,
      ];
    case 'unknown':
      return [`${side}_workload="unknown"`];
  }
}

export interface SeriesQueryInput {
  /** Matchers that pick the traffic (from endpointMatchers, already validated). */
  matchers: readonly string[];
  reporter: 'source' | 'destination';
  /** Rate window in seconds for each point. */
  window: number;
}

/**
 * The side panel's charts in one range query, tagged `ms_series`: rps, errors (4xx, 5xx, no
 * response, non-OK gRPC) and p50/p95/p99 latency in ms.
 */
export function trafficSeries(q: SeriesQueryInput): string {
  const w = windowSeconds(q.window);
  const sel = [`reporter=${quote(q.reporter)}`, ...q.matchers].join(',');
  const requests = `istio_requests_total{${sel}}`;
  // Failures: HTTP 4xx/5xx and no response (code 0), plus gRPC calls that returned HTTP 200
  // with a non-OK grpc-status.
  const failed = [
    `${sel},response_code=~"0|4..|5.."`,
    `${sel},request_protocol="grpc",response_code!~"0|4..|5..",grpc_response_status!~"0|"`,
  ];
  const buckets = `sum by (le) (rate(istio_request_duration_milliseconds_bucket{${sel}}[${w}]))`;
  const parts = [
    tagged(`sum(rate(${requests}[${w}]))`, 'ms_series', 'rps'),
    tagged(`sum(${unionRate('istio_requests_total', failed, w)})`, 'ms_series', 'errors'),
    ...RESPONSE_TIME_STATS.map(([stat, quantile]) =>
      tagged(`histogram_quantile(${quantile}, ${buckets})`, 'ms_series', stat),
    ),
  ];
  return parts.join(' or ');
}

/**
 * TCP bytes/s for the same selections. Istio's L4 direction is reversed (istio#32399), so the
 * bytes the selected side *sent* are counted by istio_tcp_received_bytes_total and vice versa.
 */
export function tcpSeries(q: SeriesQueryInput): string {
  const w = windowSeconds(q.window);
  const sel = [`reporter=${quote(q.reporter)}`, ...q.matchers].join(',');
  return [
    tagged(`sum(rate(istio_tcp_received_bytes_total{${sel}}[${w}]))`, 'ms_series', 'tcpSent'),
    tagged(`sum(rate(istio_tcp_sent_bytes_total{${sel}}[${w}]))`, 'ms_series', 'tcpReceived'),
  ].join(' or ');
}

/**
 * Inbound request outcomes per workload across the mesh (namespace health summaries): what
 * destination proxies saw, so each request counts once.
 */
export function workloadInboundRequests(q: { window: number }): string {
  const w = windowSeconds(q.window);
  return (
    'sum by (destination_workload_namespace,destination_workload,request_protocol,response_code,' +
    `grpc_response_status) (rate(istio_requests_total{reporter="destination"}[${w}])) > 0`
  );
}
