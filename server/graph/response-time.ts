import 'server-only';

import type { GraphQuery, GraphType, ResponseTime } from '@/server/model/graph';
import type { QuantileName } from '@/server/prometheus/queries';

import type { EdgeAcc } from './build-edges';
import { endpointNode, route, serviceNode } from './map-nodes';
import { edgeId } from './node-id';
import { type ResponseTimeSample, toDestService, toEndpoint } from './telemetry';

/**
 * Quantiles cannot be added up after the fact, so the response-time query groups by exactly the
 * labels that make up an edge of the requested graph type. With service nodes there are two
 * kinds of edge (caller → service, service → callee), hence two groupings.
 */
const SERVICE = [
  'destination_service_namespace',
  'destination_service_name',
  'destination_service',
];

function nodeLabels(side: 'source' | 'destination', graphType: GraphType): string[] {
  switch (graphType) {
    case 'app':
      return [`${side}_workload_namespace`, `${side}_canonical_service`];
    case 'versionedApp':
      return [
        `${side}_workload_namespace`,
        `${side}_canonical_service`,
        `${side}_canonical_revision`,
      ];
    case 'workload':
    case 'service':
      return [`${side}_workload_namespace`, `${side}_workload`];
  }
}

/** The quantiles a graph carries: as asked (possibly none), in a fixed order, p95 when not asked. */
export function quantilesOf(q: GraphQuery): QuantileName[] {
  const asked = new Set(q.responseTimeQuantiles ?? ['p95']);
  return (['p50', 'p95', 'p99'] as const).filter((x) => asked.has(x));
}

export function usesServiceHops(graphType: GraphType, injectServiceNodes: boolean): boolean {
  return injectServiceNodes || graphType === 'service';
}

/**
 * The labels of the latency answers' `ms_key` (graphLatencySums/Buckets), in order: the union of
 * the graph type's groupings. The query and the answer's reader both take it from here.
 */
export function latencyKeyLabels(graphType: GraphType, injectServiceNodes: boolean): string[] {
  return [...new Set(responseTimeGroupings(graphType, injectServiceNodes).flat())];
}

/** The edge groupings response times are computed for, indexed by each sample's `group`. */
export function responseTimeGroupings(
  graphType: GraphType,
  injectServiceNodes: boolean,
): string[][] {
  const src = nodeLabels('source', graphType);
  const dst = nodeLabels('destination', graphType);
  if (usesServiceHops(graphType, injectServiceNodes)) {
    return [
      ['request_protocol', ...src, ...SERVICE],
      ['request_protocol', ...SERVICE, ...dst],
    ];
  }
  return [['request_protocol', ...src, ...SERVICE, ...dst]];
}

/** The edge a response-time sample describes, or undefined when the graph has no such edge. */
function edgeFor(s: ResponseTimeSample, graphType: GraphType, inject: boolean): string | undefined {
  const protocol = s.labels.request_protocol === 'grpc' ? 'grpc' : 'http';
  const service = toDestService(s.labels);
  if (!usesServiceHops(graphType, inject)) {
    const [hop] = route(
      toEndpoint(s.labels, 'source'),
      service,
      toEndpoint(s.labels, 'destination'),
      graphType,
      false,
    );
    return edgeId(hop.source.id, hop.target.id, protocol);
  }
  const svc = serviceNode(service).id;
  if (s.group === 0)
    return edgeId(endpointNode(toEndpoint(s.labels, 'source'), graphType).id, svc, protocol);
  const dest = toEndpoint(s.labels, 'destination');
  return dest.known ? edgeId(svc, endpointNode(dest, graphType).id, protocol) : undefined;
}

/** Attaches response-time samples to the edges they describe (before any service reduction). */
export function attachResponseTimes(
  edges: Map<string, EdgeAcc>,
  samples: readonly ResponseTimeSample[],
  graphType: GraphType,
  injectServiceNodes: boolean,
): void {
  for (const s of samples) {
    const id = edgeFor(s, graphType, injectServiceNodes);
    const e = id === undefined ? undefined : edges.get(id);
    if (e) e.responseTimes.push({ reporter: s.reporter, stat: s.stat, value: s.value });
  }
}

/**
 * One ResponseTime per edge: destination-reported values when there are any (no network time
 * in them), else the caller's. Several values for one statistic only occur when an edge merges
 * groups (a service graph edge fed by two workloads); they are averaged: an approximation, since
 * quantiles of parts do not make the quantile of the whole.
 */
export function resolveResponseTime(e: EdgeAcc): ResponseTime {
  const fromDest = e.responseTimes.filter((r) => r.reporter === 'destination');
  const use = fromDest.length > 0 ? fromDest : e.responseTimes;
  const out: ResponseTime = {};
  for (const stat of ['avg', 'p50', 'p95', 'p99'] as const) {
    const values = use.filter((r) => r.stat === stat).map((r) => r.value);
    if (values.length > 0) out[stat] = round(values.reduce((a, b) => a + b, 0) / values.length, 2);
  }
  return out;
}

export function round(v: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(v * f) / f;
}
