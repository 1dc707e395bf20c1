import 'server-only';

import type { Inventory } from '@/server/kube/workloads';
import type { GraphQuery, MeshGraph } from '@/server/model/graph';

import { buildEdges } from './build-edges';
import { finalizeGraph } from './finalize';
import { reduceToServiceGraph } from './reduce-to-service-graph';
import { attachResponseTimes } from './response-time';
import type { Telemetry } from './telemetry';

/**
 * Telemetry plus the Kubernetes inventory → MeshGraph. Pure: the same inputs always give the
 * same graph, which is what the golden-file tests rely on.
 */
export function buildMeshGraph(
  telemetry: Telemetry,
  inventory: Inventory,
  query: GraphQuery,
  timestamp: number,
): MeshGraph {
  let set = buildEdges(telemetry, {
    graphType: query.graphType,
    injectServiceNodes: query.injectServiceNodes,
  });
  attachResponseTimes(set.edges, telemetry.responseTime, query.graphType, query.injectServiceNodes);
  if (query.graphType === 'service') set = reduceToServiceGraph(set);
  const { nodes, edges } = finalizeGraph(set, inventory, query);
  return {
    timestamp,
    duration: query.duration,
    graphType: query.graphType,
    namespaces: [...query.namespaces].sort(),
    nodes,
    edges,
  };
}
