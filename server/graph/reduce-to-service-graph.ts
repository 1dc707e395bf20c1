import 'server-only';

import { type EdgeAcc, type EdgeSet, newEdge } from './build-edges';
import type { NodeShape } from './map-nodes';
import { edgeId } from './node-id';

function mergeInto(target: EdgeAcc, from: EdgeAcc, share: number): void {
  target.rps += from.rps * share;
  target.mtlsRps += from.mtlsRps * share;
  target.http3xx += from.http3xx * share;
  target.http4xx += from.http4xx * share;
  target.http5xx += from.http5xx * share;
  target.noResponse += from.noResponse * share;
  target.throughput += from.throughput * share;
  for (const [k, v] of from.codes) target.codes.set(k, (target.codes.get(k) ?? 0) + v * share);
  for (const [k, v] of from.flags) target.flags.set(k, (target.flags.get(k) ?? 0) + v * share);
  target.responseTimes.push(...from.responseTimes);
}

/**
 * The service graph, as Kiali builds it: start from the workload graph with service nodes, then
 * replace every workload by the service(s) in front of it, so `svc A → wl a → svc B` becomes
 * `svc A → svc B`. A workload with no service in front (the ingress gateway, a load generator)
 * stays as a workload node. A workload behind several services has its outgoing traffic split
 * between them in proportion to what each service delivered to it, so nothing is counted twice.
 */
export function reduceToServiceGraph(set: EdgeSet): EdgeSet {
  const { nodes, edges } = set;
  const isService = (id: string) => {
    const t = nodes.get(id)?.nodeType;
    return t === 'service' || t === 'serviceEntry';
  };
  // Who fronts each workload, with the share of its inbound traffic each front delivered.
  const fronts = new Map<string, Map<string, number>>();
  for (const e of edges.values()) {
    if (!isService(e.source) || nodes.get(e.target)?.nodeType !== 'workload') continue;
    const m = fronts.get(e.target) ?? new Map<string, number>();
    m.set(e.source, (m.get(e.source) ?? 0) + e.rps);
    fronts.set(e.target, m);
  }
  const shares = new Map<string, [string, number][]>();
  for (const [wl, m] of fronts) {
    const total = [...m.values()].reduce((a, b) => a + b, 0);
    shares.set(
      wl,
      [...m.entries()].map(([svc, rps]) => [svc, total > 0 ? rps / total : 1 / m.size]),
    );
  }

  const outNodes = new Map<string, NodeShape>();
  const outEdges = new Map<string, EdgeAcc>();
  const keep = (id: string) => {
    const n = nodes.get(id);
    if (n && !outNodes.has(id)) outNodes.set(id, n);
  };
  for (const e of edges.values()) {
    // service → workload hops disappear into the service node.
    if (isService(e.source) && !isService(e.target)) continue;
    const sources = shares.get(e.source) ?? [[e.source, 1] as [string, number]];
    for (const [source, share] of sources) {
      const id = edgeId(source, e.target, e.protocol);
      let acc = outEdges.get(id);
      if (!acc) {
        acc = newEdge(source, e.target, e.protocol);
        outEdges.set(id, acc);
      }
      mergeInto(acc, e, share);
      keep(source);
      keep(e.target);
    }
  }
  // Services nobody called onward still belong in the graph (they were called).
  for (const [id, n] of nodes) if (isService(id)) outNodes.set(id, n);
  return { nodes: outNodes, edges: outEdges };
}
