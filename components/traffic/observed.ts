import type { MeshGraph } from '@/server/model/graph';

/**
 * Observed requests/s into a service per workload version, from the topology graph: the edges
 * leaving the service node (injected service nodes) towards versioned app/workload nodes. This
 * is what "observed share" beside each slider means: traffic the telemetry saw, not the config.
 */
export function observedByVersion(
  graph: MeshGraph | undefined,
  namespace: string,
  service: string,
): Record<string, number> | undefined {
  if (!graph) return undefined;
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  const svcNode = graph.nodes.find(
    (n) => n.nodeType === 'service' && n.namespace === namespace && n.service === service,
  );
  if (!svcNode) return undefined;
  const out: Record<string, number> = {};
  for (const e of graph.edges) {
    if (e.source !== svcNode.id) continue;
    const target = byId.get(e.target);
    if (!target?.version || target.namespace !== namespace) continue;
    out[target.version] = (out[target.version] ?? 0) + e.rps;
  }
  return out;
}
