import 'server-only';

import { serviceBadges } from '@/server/istio/badges';
import { servicesWithConfigErrors } from '@/server/istio/config-error-badges';
import type { Inventory, WorkloadInfo } from '@/server/kube/workloads';
import type {
  GraphEdge,
  GraphNode,
  GraphQuery,
  Health,
  NodeBadge,
  TrafficRates,
} from '@/server/model/graph';

import type { EdgeAcc, EdgeSet } from './build-edges';
import { wantsThroughput } from './graph-answers';
import { availabilityHealth, requestHealth, worst } from './health';
import { endpointNode, type NodeShape } from './map-nodes';
import { nodeId } from './node-id';
import { resolveResponseTime, round } from './response-time';

function emptyRates(): TrafficRates {
  return { total: 0, http3xx: 0, http4xx: 0, http5xx: 0, noResponse: 0, tcpBytes: 0 };
}

function addRates(r: TrafficRates, e: EdgeAcc): void {
  if (e.protocol === 'tcp') {
    r.tcpBytes += e.rps;
    return;
  }
  r.total += e.rps;
  r.http3xx += e.http3xx;
  r.http4xx += e.http4xx;
  r.http5xx += e.http5xx;
  r.noResponse += e.noResponse;
}

function roundRates(r: TrafficRates): TrafficRates {
  return {
    total: round(r.total, 2),
    http3xx: round(r.http3xx, 2),
    http4xx: round(r.http4xx, 2),
    http5xx: round(r.http5xx, 2),
    noResponse: round(r.noResponse, 2),
    tcpBytes: round(r.tcpBytes, 2),
  };
}

/**
 * Badges, config errors and the workload index depend on the inventory only, which stays the same object for a while
 * (cached for 10 s, kept by the build worker until it changes): judge each inventory once, not
 * once per graph — validating every VirtualService is a fifth of a 1,000-workload build.
 */
const configCache = new WeakMap<
  Inventory,
  { config: ReturnType<typeof serviceBadges>; configErrors: Set<string>; index: WorkloadIndex }
>();

function configOf(inv: Inventory) {
  let c = configCache.get(inv);
  if (!c) {
    c = {
      config: serviceBadges(inv.virtualServices, inv.destinationRules),
      configErrors: servicesWithConfigErrors(inv),
      index: new WorkloadIndex(inv.workloads),
    };
    configCache.set(inv, c);
  }
  return c;
}

/** Index of workloads by the keys the node kinds use. */
class WorkloadIndex {
  private readonly by = new Map<string, WorkloadInfo[]>();
  constructor(workloads: readonly WorkloadInfo[]) {
    for (const w of workloads) {
      this.put(`wl/${w.namespace}/${w.name}`, w);
      this.put(`app/${w.namespace}/${w.app}`, w);
      this.put(`vapp/${w.namespace}/${w.app}/${w.version}`, w);
    }
  }
  private put(k: string, w: WorkloadInfo) {
    const list = this.by.get(k);
    if (list) list.push(w);
    else this.by.set(k, [w]);
  }
  /** The Deployments a node stands for (empty for services and unknown nodes). */
  of(n: NodeShape): WorkloadInfo[] {
    if (n.nodeType === 'workload') return this.by.get(`wl/${n.namespace}/${n.workload}`) ?? [];
    if (n.nodeType !== 'app') return [];
    if (n.version !== undefined) {
      return this.by.get(`vapp/${n.namespace}/${n.app}/${n.version}`) ?? [];
    }
    return this.by.get(`app/${n.namespace}/${n.app}`) ?? [];
  }
}

/** Idle nodes: Deployments (and Services, where service nodes are drawn) without traffic. */
function addIdleNodes(set: EdgeSet, inv: Inventory, q: GraphQuery): void {
  const wanted = new Set(q.namespaces);
  const withServices = q.graphType === 'service' || q.injectServiceNodes;
  if (q.graphType !== 'service') {
    for (const w of inv.workloads) {
      if (!wanted.has(w.namespace)) continue;
      const n = endpointNode(
        { namespace: w.namespace, workload: w.name, app: w.app, version: w.version, known: true },
        q.graphType,
      );
      if (!set.nodes.has(n.id)) set.nodes.set(n.id, { ...n, isIdle: true });
    }
  }
  if (withServices) {
    for (const s of inv.services) {
      if (!wanted.has(s.namespace)) continue;
      const id = nodeId.service(s.namespace, s.name);
      if (!set.nodes.has(id)) {
        set.nodes.set(id, {
          id,
          nodeType: 'service',
          namespace: s.namespace,
          service: s.name,
          host: `${s.name}.${s.namespace}.svc.cluster.local`,
          isIdle: true,
        });
      }
    }
  }
}

/** Traffic health and Deployment availability merged; availability only ever makes it worse. */
function nodeHealth(
  inbound: TrafficRates,
  outbound: TrafficRates,
  workloads: WorkloadInfo[],
): Health {
  // Inbound traffic judges the node; a pure source (gateway, load client) is judged by what it sent.
  const r = inbound.total > 0 ? inbound : outbound;
  let traffic = requestHealth(r);
  if (traffic === 'idle' && (inbound.tcpBytes > 0 || outbound.tcpBytes > 0)) traffic = 'healthy';
  const availability = workloads.map((w) => availabilityHealth(w));
  const bad = availability.filter((h) => h === 'degraded' || h === 'failure');
  return bad.length > 0 ? worst(traffic, ...bad) : traffic;
}

function toRecord(m: Map<string, number>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const k of [...m.keys()].sort()) out[k] = round(m.get(k) ?? 0, 2);
  return out;
}

/**
 * Nodes and edges with rates, health, flags and badges, rounded as Kiali rounds them (rates to
 * 2 decimals, percentages to 1) and sorted by id so equal inputs give byte-equal JSON.
 */
export function finalizeGraph(
  set: EdgeSet,
  inv: Inventory,
  q: GraphQuery,
): { nodes: GraphNode[]; edges: GraphEdge[] } {
  if (q.includeIdleNodes) addIdleNodes(set, inv, q);
  const edges = [...set.edges.values()].filter((e) => q.includeIdleEdges || e.rps > 0);

  const inbound = new Map<string, TrafficRates>();
  const outbound = new Map<string, TrafficRates>();
  const outByProtocol = new Map<string, number>();
  for (const e of edges) {
    const i = inbound.get(e.target) ?? emptyRates();
    addRates(i, e);
    inbound.set(e.target, i);
    const o = outbound.get(e.source) ?? emptyRates();
    addRates(o, e);
    outbound.set(e.source, o);
    const k = `${e.source}|${e.protocol}`;
    outByProtocol.set(k, (outByProtocol.get(k) ?? 0) + e.rps);
  }

  const { config, configErrors, index } = configOf(inv);
  const hasServiceNodes = q.graphType === 'service' || q.injectServiceNodes;
  const withThroughput = wantsThroughput(q);
  const requested = new Set(q.namespaces);
  const used = new Set<string>();
  const active = new Set<string>();
  for (const e of edges) {
    used.add(e.source).add(e.target);
    if (e.rps > 0) active.add(e.source).add(e.target);
  }

  const nodes: GraphNode[] = [];
  for (const n of set.nodes.values()) {
    if (!used.has(n.id) && !n.isIdle) continue;
    const inRates = inbound.get(n.id) ?? emptyRates();
    const outRates = outbound.get(n.id) ?? emptyRates();
    const workloads = index.of(n);
    const isRoot =
      n.nodeType !== 'service' && inRates.total + inRates.tcpBytes === 0 && outbound.has(n.id);
    const isGateway = workloads.some((w) => w.isGateway);
    const hasSidecar = workloads.length > 0 ? workloads.every((w) => w.hasSidecar) : undefined;
    const badges = new Set<NodeBadge>();
    if (hasSidecar === false) badges.add('missingSidecar');
    if (isGateway) badges.add('gateway');
    if (isRoot) badges.add('root');
    const configKey =
      n.nodeType === 'service'
        ? `${n.namespace}/${n.service}`
        : !hasServiceNodes && n.app
          ? `${n.namespace}/${n.app}`
          : undefined;
    for (const b of (configKey && config.get(configKey)) || []) badges.add(b);
    if (configKey && configErrors.has(configKey)) badges.add('configError');
    // One literal with every field (undefined ones are left out of the JSON): 2,000 nodes built
    // from conditional spreads were a third of a 1,000-workload build, most of it garbage.
    nodes.push({
      id: n.id,
      nodeType: n.nodeType,
      namespace: n.namespace,
      app: n.app,
      version: n.version,
      workload: n.workload,
      service: n.service,
      host: n.host,
      isRoot: isRoot || undefined,
      isGateway: isGateway || undefined,
      // Reached only through idle edges: drawn as idle too.
      isIdle: n.isIdle || !active.has(n.id) || undefined,
      isOutside: (n.namespace !== 'unknown' && !requested.has(n.namespace)) || undefined,
      hasSidecar,
      health: nodeHealth(inRates, outRates, workloads),
      inbound: roundRates(inRates),
      outbound: roundRates(outRates),
      badges: [...badges],
    });
  }

  const out: GraphEdge[] = edges.map((e) => {
    const sourceTotal = outByProtocol.get(`${e.source}|${e.protocol}`) ?? 0;
    const failed = e.http4xx + e.http5xx + e.noResponse;
    return {
      id: e.id,
      source: e.source,
      target: e.target,
      protocol: e.protocol,
      rps: round(e.rps, 2),
      percentOfSource: sourceTotal > 0 ? round((100 * e.rps) / sourceTotal, 1) : 0,
      errorRate: e.rps > 0 && e.protocol !== 'tcp' ? round(failed / e.rps, 4) : 0,
      responseCodes: toRecord(e.codes),
      responseFlags: toRecord(e.flags),
      responseTime: resolveResponseTime(e),
      throughput: withThroughput || e.protocol === 'tcp' ? round(e.throughput, 2) : undefined,
      mtlsPercent: e.rps > 0 ? round((100 * e.mtlsRps) / e.rps, 1) : 0,
      health:
        e.protocol === 'tcp'
          ? e.rps > 0
            ? 'healthy'
            : 'idle'
          : requestHealth({
              total: e.rps,
              http4xx: e.http4xx,
              http5xx: e.http5xx,
              noResponse: e.noResponse,
            }),
      isIdle: e.rps > 0 ? undefined : true,
    };
  });
  return { nodes: sortedById(nodes), edges: sortedById(out) };
}

/**
 * Sorted by id (so equal inputs give byte-equal JSON). The ids alone go through the built-in
 * sort, which compares strings natively in the same code-unit order as `<`, several times faster
 * than a comparator over objects whose long ids share long prefixes.
 */
function sortedById<T extends { id: string }>(items: readonly T[]): T[] {
  const byId = new Map(items.map((x) => [x.id, x]));
  return [...byId.keys()].sort().map((id) => byId.get(id)!);
}
