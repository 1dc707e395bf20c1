import 'server-only';

import type { TracePath, TracePathHop, TracePathNode } from '@/server/model/trace';

import type { BuiltTrace } from './trace-view';
import type { SpanRecord } from './types';

function tag(s: SpanRecord, key: string): string | undefined {
  return (
    s.tags.find((t) => t.key === key)?.value ?? s.processTags.find((t) => t.key === key)?.value
  );
}

/** A pod name → its Deployment: drop the ReplicaSet hash and the pod suffix. */
export function workloadFromPod(pod: string): string {
  const m = /^(.+)-[a-z0-9]{6,10}-[a-z0-9]{5}$/.exec(pod);
  return m ? m[1] : pod;
}

/**
 * Where a span ran, in graph terms. The app and namespace come from the Jaeger service name
 * (`<app>.<namespace>`, Istio's default) or Istio's `istio.canonical_service`/`istio.namespace`
 * tags; the version from `istio.canonical_revision` or a `version` process tag; the workload from
 * the pod hostname (process tag `hostname`, or the pod in Envoy's `node_id`
 * `sidecar~<ip>~<pod>.<ns>~…`).
 */
export function pathNode(s: SpanRecord): TracePathNode {
  const dot = s.service.lastIndexOf('.');
  const app = tag(s, 'istio.canonical_service') ?? (dot > 0 ? s.service.slice(0, dot) : s.service);
  const namespace = tag(s, 'istio.namespace') ?? (dot > 0 ? s.service.slice(dot + 1) : 'unknown');
  const node: TracePathNode = { namespace, app };
  const version = tag(s, 'istio.canonical_revision') ?? tag(s, 'version');
  if (version && version !== 'latest') node.version = version;
  const nodeId = tag(s, 'node_id')?.split('~')[2];
  const pod = tag(s, 'hostname') ?? tag(s, 'pod') ?? nodeId?.split('.')[0];
  if (pod) node.workload = workloadFromPod(pod);
  return node;
}

const key = (n: TracePathNode) => `${n.namespace}/${n.app}/${n.version ?? ''}`;

/**
 * The service-to-service hops of a trace: every span whose parent ran in another service is one
 * call from the parent's service to its own. Deduplicated, in pre-order (so the ingress comes
 * first), ready for the graph page to highlight.
 */
export function tracePath(built: BuiltTrace): TracePath {
  const { rows } = built.view;
  const spans = built.record.spans;
  const order = built.tree.order;
  const seen = new Set<string>();
  const hops: TracePathHop[] = [];
  for (let r = 0; r < order.length; r++) {
    const p = rows.parent[r];
    if (p < 0 || rows.service[p] === rows.service[r]) continue;
    const source = pathNode(spans[order[p]]);
    const target = pathNode(spans[order[r]]);
    const k = `${key(source)}>${key(target)}`;
    if (seen.has(k)) continue;
    seen.add(k);
    hops.push({ source, target });
  }
  return { traceId: built.view.traceId, hops };
}
