import 'server-only';

import type { Inventory } from '@/server/kube/workloads';
import type { GraphQuery, MeshGraph } from '@/server/model/graph';

import { buildEdges, type EdgeSet } from './build-edges';
import { finalizeGraph } from './finalize';
import { reduceToServiceGraph } from './reduce-to-service-graph';
import { attachResponseTimes } from './response-time';
import type { Telemetry } from './telemetry';

/**
 * The build as a sequence of phases: each `yield` is a point where the caller may give the
 * event loop back, so a 1,000-workload graph never blocks it as one long stretch.
 */
function* phases(
  telemetry: Telemetry,
  inventory: Inventory,
  query: GraphQuery,
  timestamp: number,
): Generator<void, MeshGraph> {
  let set: EdgeSet = buildEdges(telemetry, {
    graphType: query.graphType,
    injectServiceNodes: query.injectServiceNodes,
  });
  yield;
  attachResponseTimes(set.edges, telemetry.responseTime, query.graphType, query.injectServiceNodes);
  if (query.graphType === 'service') set = reduceToServiceGraph(set);
  yield;
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
  const it = phases(telemetry, inventory, query, timestamp);
  for (;;) {
    const step = it.next();
    if (step.done) return step.value;
  }
}

/** The same build, yielding to the event loop between phases (what the API uses). */
export async function buildMeshGraphInSteps(
  telemetry: Telemetry,
  inventory: Inventory,
  query: GraphQuery,
  timestamp: number,
): Promise<MeshGraph> {
  const it = phases(telemetry, inventory, query, timestamp);
  for (;;) {
    const step = it.next();
    if (step.done) return step.value;
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
}
