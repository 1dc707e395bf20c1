import 'server-only';

import { AppError } from '@/server/http/app-error';
import { kubeClients } from '@/server/kube/client';
import { fetchInventory, type Inventory } from '@/server/kube/workloads';
import type { GraphQuery, MeshGraph } from '@/server/model/graph';
import { type PrometheusClient, prometheusClient } from '@/server/prometheus/client';
import {
  graphLatencyBuckets,
  graphLatencySums,
  graphRequests,
  graphTcp,
  graphThroughput,
  namespaceShards,
} from '@/server/prometheus/queries';

import type { AnswerSlot } from './build-job';
import { TtlCache } from './cache';
import { type GraphAnswers, wantsThroughput } from './graph-answers';
import { type GraphBuilder, sharedGraphBuilder } from './graph-builder';
import { latencyKeyLabels, quantilesOf } from './response-time';

export { quantilesOf };

/**
 * The graph API's server function: Kubernetes inventory + a fixed set of Prometheus queries →
 * MeshGraph. The queries are the same whether 1 or 100 namespaces are asked for (one regex
 * matcher each). The main thread only does I/O; parsing and building run on a worker thread.
 */
export interface GraphDeps {
  prometheus: PrometheusClient;
  /**
   * The Kubernetes side; tests pass plain data, the app reads the cluster (cached briefly).
   * `fresh` asks for a relist instead of a cached inventory.
   */
  inventory: (opts?: { fresh?: boolean }) => Promise<Inventory>;
  /** Unix seconds; injectable for tests. */
  now?: () => number;
  /** Where builds run; the process-wide worker thread by default. */
  builder?: GraphBuilder;
}

/** Live graphs are reused for 5 s: enough to absorb a burst of identical page loads. */
export const LIVE_TTL_MS = 5_000;
/** A graph at a fixed queryTime in the past never changes; keep it for a minute. */
export const FIXED_TTL_MS = 60_000;

/**
 * Shards of the latency-bucket query. Prometheus evaluates one query on one core; the bucket
 * pass is the dearest part of a graph, so it is split in two (by namespace) to use two. A fixed
 * number, so the query count does not grow with the namespaces.
 */
export const LATENCY_SHARDS = 2;

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
    wantsThroughput(q),
  ]);
}

/**
 * Asks Prometheus everything one graph needs, at one evaluation time, all at once: requests,
 * tcp, average response time, throughput unless the query turned it off, and — only when
 * quantiles are asked for — the latency buckets (the one query that reads Istio's ~20 bucket
 * series per request series, so graphs that only label rates skip it). Answers stay raw bytes
 * for the build worker.
 */
export async function fetchAnswers(
  prom: PrometheusClient,
  q: GraphQuery,
  time: number,
  onAnswer: (slot: AnswerSlot, body: ArrayBuffer) => void = () => undefined,
): Promise<GraphAnswers<ArrayBuffer>> {
  const input = { namespaces: q.namespaces, window: q.duration, idleEdges: q.includeIdleEdges };
  const labels = latencyKeyLabels(q.graphType, q.injectServiceNodes);
  const shards = quantilesOf(q).length === 0 ? [] : namespaceShards(q.namespaces, LATENCY_SHARDS);
  const ask = (slot: AnswerSlot, promql: string) =>
    prom.queryBody(promql, time).then((body) => {
      onAnswer(slot, body);
      return body;
    });
  const [requests, tcp, throughput, responseTime, latencyBuckets] = await Promise.all([
    ask('requests', graphRequests(input)),
    ask('tcp', graphTcp(input)),
    wantsThroughput(q) ? ask('throughput', graphThroughput(input)) : undefined,
    ask('responseTime', graphLatencySums({ ...input, labels })),
    Promise.all(shards.map((part, i) => ask(i, graphLatencyBuckets({ ...input, labels, part })))),
  ]);
  return { requests, tcp, ...(throughput ? { throughput } : {}), responseTime, latencyBuckets };
}

function missingNamespace(inv: Inventory, namespaces: readonly string[]): string | undefined {
  return namespaces.find((ns) => !inv.namespaces.has(ns));
}

export function assertNamespacesExist(inv: Inventory, namespaces: readonly string[]): void {
  const ns = missingNamespace(inv, namespaces);
  if (ns !== undefined) throw new AppError('not_found', `namespace "${ns}" not found`);
}

/**
 * Where a cold graph's time went, in ms from the start of its build: the route reports them as a
 * Server-Timing header (visible in the browser's network panel) and in /metrics.
 */
export interface GraphPhases {
  /** Until the Kubernetes inventory was in (usually a cache hit). */
  inventory: number;
  /** Until Prometheus' last answer was in (all queries run at once). */
  prometheus: number;
  /** From both being in to the worker's JSON: parsing the rest, building, serialising. */
  build: number;
}

export interface GraphService {
  getGraph(q: GraphQuery): Promise<MeshGraph>;
  /**
   * The same graph as JSON text, as the build worker serialised it: the route sends it as is, so
   * neither a cold nor a warm request serialises a 1,000-workload graph on the event loop. The
   * phases are those of the build that made it (a cached graph reports its original build).
   */
  getGraphJson(q: GraphQuery): Promise<{ json: string; phases: GraphPhases }>;
  /** Whether `q` would be answered from the cache now (for the request metrics). */
  isCached(q: GraphQuery): boolean;
}

/** A built graph: its JSON, and the object parsed from it on first need. */
interface Built {
  json: string;
  phases: GraphPhases;
  graph?: MeshGraph;
}

export function createGraphService(deps: GraphDeps): GraphService {
  const cache = new TtlCache<Built>();
  const now = deps.now ?? (() => Math.floor(Date.now() / 1000));
  const builder = deps.builder ?? sharedGraphBuilder();
  const built = (q: GraphQuery) =>
    cache.get(
      graphCacheKey(q),
      q.queryTime === undefined ? LIVE_TTL_MS : FIXED_TTL_MS,
      async () => {
        const time = q.queryTime ?? now();
        const session = builder.session();
        const t0 = performance.now();
        const since = () => performance.now() - t0;
        try {
          // Both upstreams are asked at once; the namespace check still comes first so an unknown
          // namespace is a 404 even when Prometheus is down. Each answer goes to the builder as it
          // arrives.
          const answersP = fetchAnswers(deps.prometheus, q, time, session.answer);
          answersP.catch(() => undefined);
          let inventory = await deps.inventory();
          // A namespace created since the cached inventory was listed is not a 404: relist first.
          if (missingNamespace(inventory, q.namespaces) !== undefined) {
            inventory = await deps.inventory({ fresh: true });
          }
          const inventoryMs = since();
          assertNamespacesExist(inventory, q.namespaces);
          const answers = await answersP;
          const prometheusMs = since();
          const json = await session.build({ query: q, time, inventory, answers });
          const phases = {
            inventory: inventoryMs,
            prometheus: prometheusMs,
            build: since() - Math.max(inventoryMs, prometheusMs),
          };
          return { json, phases };
        } catch (err) {
          session.cancel();
          throw err;
        }
      },
    );
  return {
    async getGraph(q) {
      const b = await built(q);
      b.graph ??= JSON.parse(b.json) as MeshGraph;
      return b.graph;
    },
    async getGraphJson(q) {
      const { json, phases } = await built(q);
      return { json, phases };
    },
    isCached: (q) => cache.has(graphCacheKey(q)),
  };
}

/** Kubernetes lists change slowly: an inventory is fresh for 10 s, for graph and namespace calls. */
const INVENTORY_FRESH_MS = 10_000;
/**
 * After that it is still served, for up to a minute, while one background relist replaces it:
 * relisting 1,000 workloads takes about a second, which no graph request should wait for. A
 * Kubernetes outage reaches callers once the last good inventory is a minute old.
 */
const INVENTORY_STALE_MS = 60_000;

/**
 * While the console is in use (asked within 5 minutes), the inventory is relisted in the
 * background every 10 s, so neither a graph nor a namespace request waits for a relist.
 */
const INVENTORY_KEEP_WARM_MS = 5 * 60_000;

/** The inventory cache and its keep-warm timer, one per process (see clusterInventory). */
interface InventoryState {
  cache: TtlCache<Inventory>;
  lastAsked: number;
  keepWarm?: ReturnType<typeof setInterval>;
}

const INVENTORY = Symbol.for('meshscope.clusterInventory');

/**
 * Kept on globalThis like the graph builder: the instrumentation hook lists the cluster at boot
 * and the routes read it, and Next may load them from different bundles. Module state gave each
 * bundle its own cache, so the boot listing warmed nothing the routes used and two keep-warm
 * timers relisted the cluster.
 */
function inventoryState(): InventoryState {
  const g = globalThis as { [INVENTORY]?: InventoryState };
  g[INVENTORY] ??= { cache: new TtlCache<Inventory>(1), lastAsked: 0 };
  return g[INVENTORY];
}

/**
 * The cluster inventory from the configured Kubernetes API, cached and single-flight;
 * `fresh` relists now (e.g. to check a namespace the cached inventory does not have).
 */
export function clusterInventory(opts: { fresh?: boolean } = {}): Promise<Inventory> {
  const state = inventoryState();
  const { cache } = state;
  const load = () => fetchInventory(kubeClients());
  const relist = () => cache.reload('cluster', INVENTORY_FRESH_MS, INVENTORY_STALE_MS, load);
  state.lastAsked = Date.now();
  state.keepWarm ??= setInterval(() => {
    if (Date.now() - state.lastAsked > INVENTORY_KEEP_WARM_MS) {
      clearInterval(state.keepWarm);
      state.keepWarm = undefined;
      return;
    }
    // A failure here is seen by the next request once the inventory is too stale to serve.
    relist().catch(() => undefined);
  }, INVENTORY_FRESH_MS).unref();
  return opts.fresh
    ? relist()
    : cache.getOrRevalidate('cluster', INVENTORY_FRESH_MS, INVENTORY_STALE_MS, load);
}

let shared: GraphService | undefined;

/** The process-wide graph service on the configured Prometheus and Kubernetes API. */
export function graphService(): GraphService {
  shared ??= createGraphService({ prometheus: prometheusClient(), inventory: clusterInventory });
  return shared;
}
