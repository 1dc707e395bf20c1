import 'server-only';

import { AppError } from '@/server/http/app-error';
import { kubeClients } from '@/server/kube/client';
import { fetchInventory, type Inventory } from '@/server/kube/workloads';
import type { GraphQuery, MeshGraph } from '@/server/model/graph';
import { type PrometheusClient, prometheusClient } from '@/server/prometheus/client';
import {
  graphLatencyBuckets,
  graphRequests,
  graphResponseTime,
  graphTcp,
  graphThroughput,
  type QuantileName,
} from '@/server/prometheus/queries';

import { buildMeshGraphInSteps } from './build-graph';
import { TtlCache } from './cache';
import { quantileSamples } from './histogram';
import { responseTimeGroupings } from './response-time';
import {
  type Telemetry,
  toRequestSamples,
  toResponseTimeSamples,
  toTcpSamples,
  toThroughputSamples,
} from './telemetry';

/**
 * The graph API's server function: Kubernetes inventory + four Prometheus queries → MeshGraph.
 * The queries are the same four whether 1 or 100 namespaces are asked for (one regex matcher).
 */
export interface GraphDeps {
  prometheus: PrometheusClient;
  /** The Kubernetes side; tests pass plain data, the app reads the cluster (cached briefly). */
  inventory: () => Promise<Inventory>;
  /** Unix seconds; injectable for tests. */
  now?: () => number;
}

/** Live graphs are reused for 5 s: enough to absorb a burst of identical page loads. */
export const LIVE_TTL_MS = 5_000;
/** A graph at a fixed queryTime in the past never changes; keep it for a minute. */
export const FIXED_TTL_MS = 60_000;

/** The quantiles a graph carries: as asked (possibly none), in a fixed order, p95 when not asked. */
export function quantilesOf(q: GraphQuery): QuantileName[] {
  const asked = new Set(q.responseTimeQuantiles ?? ['p95']);
  return (['p50', 'p95', 'p99'] as const).filter((x) => asked.has(x));
}

/** The cache key: every parameter that changes the answer, normalised (sorted namespaces). */
export function graphCacheKey(q: GraphQuery): string {
  return JSON.stringify([
    [...new Set(q.namespaces)].sort(),
    q.graphType,
    q.duration,
    q.queryTime ?? 'live',
    q.injectServiceNodes,
    q.includeIdleNodes,
    q.includeIdleEdges,
    quantilesOf(q),
  ]);
}

/**
 * Fetches the telemetry for one graph: four instant queries at the same evaluation time, plus
 * one over the latency buckets when quantiles are asked for (the one query that reads Istio's
 * ~20 bucket series per request series, so graphs that only label rates skip it).
 */
export async function fetchTelemetry(
  prom: PrometheusClient,
  q: GraphQuery,
  time: number,
): Promise<Telemetry> {
  const input = { namespaces: q.namespaces, window: q.duration, idleEdges: q.includeIdleEdges };
  const groupings = responseTimeGroupings(q.graphType, q.injectServiceNodes);
  const quantiles = quantilesOf(q);
  // Each answer is reshaped as soon as it arrives, in its own task, so parsing the large
  // responses never blocks the event loop as one long stretch.
  const [requests, tcp, throughput, avg, percentiles] = await Promise.all([
    prom.query(graphRequests(input), time).then(toRequestSamples),
    prom.query(graphTcp(input), time).then(toTcpSamples),
    prom.query(graphThroughput(input), time).then(toThroughputSamples),
    prom.query(graphResponseTime({ ...input, groupings }), time).then(toResponseTimeSamples),
    quantiles.length === 0
      ? []
      : prom
          .query(graphLatencyBuckets({ ...input, labels: [...new Set(groupings.flat())] }), time)
          .then((raw) => quantileSamples(raw, groupings, quantiles)),
  ]);
  return { requests, tcp, throughput, responseTime: [...avg, ...percentiles] };
}

export function assertNamespacesExist(inv: Inventory, namespaces: readonly string[]): void {
  for (const ns of namespaces) {
    if (!inv.namespaces.has(ns)) throw new AppError('not_found', `namespace "${ns}" not found`);
  }
}

export interface GraphService {
  getGraph(q: GraphQuery): Promise<MeshGraph>;
  /**
   * The same graph as JSON text, serialised once per cached graph: a warm request for a
   * 1,000-workload graph then costs a lookup, not a 1.4 MB JSON.stringify.
   */
  getGraphJson(q: GraphQuery): Promise<string>;
}

export function createGraphService(deps: GraphDeps): GraphService {
  const cache = new TtlCache<MeshGraph>();
  const serialised = new WeakMap<MeshGraph, string>();
  const now = deps.now ?? (() => Math.floor(Date.now() / 1000));
  const service: GraphService = {
    async getGraph(q) {
      return cache.get(
        graphCacheKey(q),
        q.queryTime === undefined ? LIVE_TTL_MS : FIXED_TTL_MS,
        async () => {
          const time = q.queryTime ?? now();
          // Both upstreams are asked at once; the namespace check still comes first so an unknown
          // namespace is a 404 even when Prometheus is down.
          const telemetryP = fetchTelemetry(deps.prometheus, q, time);
          telemetryP.catch(() => undefined);
          const inventory = await deps.inventory();
          assertNamespacesExist(inventory, q.namespaces);
          const telemetry = await telemetryP;
          return buildMeshGraphInSteps(telemetry, inventory, q, time);
        },
      );
    },
    async getGraphJson(q) {
      const graph = await service.getGraph(q);
      let json = serialised.get(graph);
      if (json === undefined) {
        json = JSON.stringify(graph);
        serialised.set(graph, json);
      }
      return json;
    },
  };
  return service;
}

/** Kubernetes lists change slowly; reuse them for 10 s across graph and namespace requests. */
const INVENTORY_TTL_MS = 10_000;

let inventoryCache: TtlCache<Inventory> | undefined;

/** The cluster inventory from the configured Kubernetes API, cached and single-flight. */
export function clusterInventory(): Promise<Inventory> {
  inventoryCache ??= new TtlCache<Inventory>(1);
  return inventoryCache.get('cluster', INVENTORY_TTL_MS, () => fetchInventory(kubeClients()));
}

let shared: GraphService | undefined;

/** The process-wide graph service on the configured Prometheus and Kubernetes API. */
export function graphService(): GraphService {
  shared ??= createGraphService({ prometheus: prometheusClient(), inventory: clusterInventory });
  return shared;
}
