import 'server-only';

import type { GraphNode, GraphType } from '@/server/model/graph';

import { nodeId, UNKNOWN_NODE_ID } from './node-id';
import type { DestService, Endpoint } from './telemetry';

/** A node before traffic, health and badges are attached. */
export type NodeShape = Omit<GraphNode, 'health' | 'inbound' | 'outbound' | 'badges'>;

export const UNKNOWN_NODE: NodeShape = {
  id: UNKNOWN_NODE_ID,
  nodeType: 'unknown',
  namespace: 'unknown',
};

/**
 * The node a workload-level endpoint becomes in each graph type. The service graph is built as a
 * workload graph first and reduced later (reduce-to-service-graph.ts), as Kiali does.
 */
export function endpointNode(e: Endpoint, graphType: GraphType): NodeShape {
  if (!e.known) return UNKNOWN_NODE;
  switch (graphType) {
    case 'app':
      return {
        id: nodeId.app(e.namespace, e.app),
        nodeType: 'app',
        namespace: e.namespace,
        app: e.app,
      };
    case 'versionedApp':
      return {
        id: nodeId.versionedApp(e.namespace, e.app, e.version),
        nodeType: 'app',
        namespace: e.namespace,
        app: e.app,
        version: e.version,
        ...(e.workload !== 'unknown' ? { workload: e.workload } : {}),
      };
    case 'workload':
    case 'service':
      return {
        id: nodeId.workload(e.namespace, e.workload),
        nodeType: 'workload',
        namespace: e.namespace,
        workload: e.workload,
        app: e.app,
        version: e.version,
      };
  }
}

const PASSTHROUGH = new Set(['PassthroughCluster', 'BlackHoleCluster']);

/** Envoy's catch-all clusters: traffic to them is drawn, but never split by a service node. */
export function isPassthrough(s: DestService): boolean {
  return PASSTHROUGH.has(s.name);
}

/** In-mesh services have a cluster-local FQDN; anything else came from a ServiceEntry. */
export function serviceNode(s: DestService): NodeShape {
  if (!isPassthrough(s) && s.host.includes('.') && !s.host.endsWith('.svc.cluster.local')) {
    return {
      id: nodeId.serviceEntry(s.namespace, s.host),
      nodeType: 'serviceEntry',
      namespace: s.namespace,
      service: s.name,
      host: s.host,
    };
  }
  return {
    id: nodeId.service(s.namespace, s.name),
    nodeType: 'service',
    namespace: s.namespace,
    service: s.name,
    ...(s.host !== 'unknown' ? { host: s.host } : {}),
  };
}

export interface Hop {
  source: NodeShape;
  target: NodeShape;
}

/**
 * The edges one request contributes: caller → callee, or caller → service → callee with service
 * nodes injected. A request no workload answered ends at its service node either way.
 */
export function route(
  source: Endpoint,
  service: DestService,
  dest: Endpoint,
  graphType: GraphType,
  injectServiceNodes: boolean,
): Hop[] {
  const from = endpointNode(source, graphType);
  if (!dest.known) return [{ source: from, target: serviceNode(service) }];
  const to = endpointNode(dest, graphType);
  // The service graph is a workload graph with service nodes, reduced afterwards.
  const inject = (injectServiceNodes || graphType === 'service') && !isPassthrough(service);
  if (!inject) return [{ source: from, target: to }];
  const svc = serviceNode(service);
  return [
    { source: from, target: svc },
    { source: svc, target: to },
  ];
}
