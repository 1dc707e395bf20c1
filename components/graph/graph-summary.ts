import type { GraphEdge, GraphNode, MeshGraph, TrafficRates } from '@/server/model/graph';
import type { TracePathHop, TracePathNode } from '@/server/model/trace';

import { nodeName } from './to-cy-elements';

/** Pure read-outs of a MeshGraph for the side panels (no React, unit-tested). */

/** What the node is called on screen: name plus version for versioned nodes. */
export function nodeTitle(n: GraphNode): string {
  return n.version && n.nodeType !== 'service' ? `${nodeName(n)} ${n.version}` : nodeName(n);
}

export function indexNodes(graph: MeshGraph): Map<string, GraphNode> {
  return new Map(graph.nodes.map((n) => [n.id, n]));
}

/** "productpage v1 → reviews": the accessible name of an edge. */
export function edgeTitle(nodes: Map<string, GraphNode>, e: GraphEdge): string {
  const s = nodes.get(e.source);
  const t = nodes.get(e.target);
  return `${s ? nodeTitle(s) : e.source} → ${t ? nodeTitle(t) : e.target}`;
}

export interface GraphTotals {
  nodes: number;
  edges: number;
  /** HTTP/gRPC requests per second, each hop counted once (service → workload legs skipped). */
  requestRps: number;
  /** Failed share of those requests, 0..100. */
  errorPercent: number;
  tcpBytes: number;
}

export function graphTotals(graph: MeshGraph): GraphTotals {
  const nodes = indexNodes(graph);
  let rps = 0;
  let errors = 0;
  let tcp = 0;
  for (const e of graph.edges) {
    if (e.protocol === 'tcp') {
      if (nodes.get(e.source)?.nodeType !== 'service') tcp += e.rps;
      continue;
    }
    // With service nodes injected each request crosses caller → service → workload: count once.
    if (nodes.get(e.source)?.nodeType === 'service') continue;
    rps += e.rps;
    errors += e.rps * e.errorRate;
  }
  return {
    nodes: graph.nodes.length,
    edges: graph.edges.length,
    requestRps: rps,
    errorPercent: rps > 0 ? (errors / rps) * 100 : 0,
    tcpBytes: tcp,
  };
}

/**
 * The `n` edges with the most requests (or failed requests), ties by id. A partial selection, not
 * a sort: the panel shows five of what can be thousands of edges, and sorting 3,000 of them with
 * `localeCompare` on ties cost ~30 ms of the big-mesh first render.
 */
export function topEdges(graph: MeshGraph, by: 'rps' | 'errors', n = 5): GraphEdge[] {
  const key = (e: GraphEdge) => (by === 'rps' ? e.rps : e.rps * e.errorRate);
  const before = (a: GraphEdge, b: GraphEdge) =>
    key(a) > key(b) || (key(a) === key(b) && a.id.localeCompare(b.id) < 0);
  const top: GraphEdge[] = [];
  if (n <= 0) return top;
  for (const e of graph.edges) {
    if (!(key(e) > 0) || (by === 'errors' && e.protocol === 'tcp')) continue;
    if (top.length === n && !before(e, top[n - 1])) continue;
    let i = top.length;
    while (i > 0 && before(e, top[i - 1])) i--;
    top.splice(i, 0, e);
    if (top.length > n) top.pop();
  }
  return top;
}

export interface SplitRow {
  nodeId: string;
  version: string;
  rps: number;
  /** Share of the service's traffic, 0..100. */
  percent: number;
}

/** The traffic a service node hands to each version behind it. */
function serviceSplit(graph: MeshGraph, nodes: Map<string, GraphNode>, svcId: string): SplitRow[] {
  const rows = graph.edges
    .filter((e) => e.source === svcId && e.protocol !== 'tcp')
    .map((e) => {
      const t = nodes.get(e.target);
      return { nodeId: e.target, version: t?.version ?? (t ? nodeTitle(t) : e.target), rps: e.rps };
    });
  const total = rows.reduce((s, r) => s + r.rps, 0);
  return rows
    .map((r) => ({ ...r, percent: total > 0 ? (r.rps / total) * 100 : 0 }))
    .sort((a, b) => a.version.localeCompare(b.version));
}

/**
 * For an edge into a service node (productpage → reviews), how that traffic splits across the
 * versions behind the service; for an edge straight into a versioned node, that one version.
 */
export function versionSplit(graph: MeshGraph, edge: GraphEdge): SplitRow[] {
  const nodes = indexNodes(graph);
  const target = nodes.get(edge.target);
  if (!target) return [];
  if (target.nodeType === 'service') return serviceSplit(graph, nodes, target.id);
  // Without service nodes: the caller's edges into other versions of the same app.
  if (!target.version) return [];
  const siblings = graph.edges.filter((e) => {
    const t = nodes.get(e.target);
    return e.source === edge.source && t?.app === target.app && t?.namespace === target.namespace;
  });
  const total = siblings.reduce((s, e) => s + e.rps, 0);
  return siblings
    .map((e) => ({
      nodeId: e.target,
      version: nodes.get(e.target)?.version ?? e.target,
      rps: e.rps,
      percent: total > 0 ? (e.rps / total) * 100 : 0,
    }))
    .sort((a, b) => a.version.localeCompare(b.version));
}

/**
 * Observed requests/s per version label into a node's service, for the traffic editor; undefined
 * when the node is not a service (or an app whose service has several versions).
 */
export function observedByVersion(
  graph: MeshGraph,
  node: GraphNode,
): { service: string; observed: Record<string, number> } | undefined {
  const nodes = indexNodes(graph);
  let svc: GraphNode | undefined = node.nodeType === 'service' ? node : undefined;
  if (!svc && node.nodeType === 'app' && node.app) {
    svc = graph.nodes.find(
      (n) => n.nodeType === 'service' && n.namespace === node.namespace && n.app === node.app,
    );
  }
  const serviceName = svc?.service ?? (node.nodeType === 'app' ? node.app : undefined);
  if (!serviceName) return undefined;
  const observed: Record<string, number> = {};
  if (svc) {
    for (const r of serviceSplit(graph, nodes, svc.id)) observed[r.version] = r.rps;
  } else {
    // No service nodes: sum the inbound traffic of each version node of the app.
    for (const n of graph.nodes) {
      if (n.app === node.app && n.namespace === node.namespace && n.version)
        observed[n.version] = (observed[n.version] ?? 0) + n.inbound.total;
    }
  }
  const versions = graph.nodes.filter(
    (n) => n.app === (svc?.app ?? node.app) && n.namespace === node.namespace && n.version,
  );
  if (node.nodeType !== 'service' && new Set(versions.map((v) => v.version)).size < 2)
    return undefined;
  return { service: serviceName, observed };
}

export interface CodeClassRow {
  label: string;
  rps: number;
  percent: number;
  color: 'teal' | 'blue' | 'yellow' | 'red' | 'gray';
}

/** Traffic by response-code class (2xx/3xx/4xx/5xx/no response). */
export function codeClasses(r: TrafficRates): CodeClassRow[] {
  const ok = Math.max(0, r.total - r.http3xx - r.http4xx - r.http5xx - r.noResponse);
  const pct = (v: number) => (r.total > 0 ? (v / r.total) * 100 : 0);
  return [
    { label: '2xx', rps: ok, percent: pct(ok), color: 'teal' as const },
    { label: '3xx', rps: r.http3xx, percent: pct(r.http3xx), color: 'blue' as const },
    { label: '4xx', rps: r.http4xx, percent: pct(r.http4xx), color: 'yellow' as const },
    { label: '5xx', rps: r.http5xx, percent: pct(r.http5xx), color: 'red' as const },
    { label: 'No response', rps: r.noResponse, percent: pct(r.noResponse), color: 'gray' as const },
  ];
}

/** Response codes or flags of an edge, busiest first, with their share of the edge's rate. */
export function shareRows(map: Record<string, number>, total: number) {
  return Object.entries(map)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([key, rps]) => ({ key, rps, percent: total > 0 ? (rps / total) * 100 : 0 }));
}

function matches(n: GraphNode, p: TracePathNode): boolean {
  if (n.namespace !== p.namespace) return false;
  if (n.nodeType === 'workload' && p.workload) return n.workload === p.workload;
  if ((n.app ?? n.workload?.replace(/-v\d+$/, '')) !== p.app) return false;
  return !(n.version && p.version && n.version !== p.version);
}

/**
 * The nodes and edges a trace went through: each hop (app → app) becomes the graph edges between
 * matching nodes, through the target's service node when service nodes are shown.
 */
export function tracePathIds(
  graph: MeshGraph,
  hops: TracePathHop[],
): { nodes: Set<string>; edges: Set<string> } {
  const nodes = new Set<string>();
  const edges = new Set<string>();
  const byId = indexNodes(graph);
  for (const hop of hops) {
    const isSrc = (n: GraphNode) => n.nodeType !== 'service' && matches(n, hop.source);
    const isDst = (n: GraphNode) => n.nodeType !== 'service' && matches(n, hop.target);
    const isSvc = (n: GraphNode) =>
      n.nodeType === 'service' &&
      n.namespace === hop.target.namespace &&
      (n.app ?? n.service) === hop.target.app;
    for (const e of graph.edges) {
      const s = byId.get(e.source);
      const t = byId.get(e.target);
      if (!s || !t) continue;
      const direct = isSrc(s) && isDst(t);
      const toSvc = isSrc(s) && isSvc(t);
      const fromSvc = isSvc(s) && isDst(t);
      if (direct || toSvc || fromSvc) {
        edges.add(e.id);
        nodes.add(s.id);
        nodes.add(t.id);
      }
    }
  }
  return { nodes, edges };
}
