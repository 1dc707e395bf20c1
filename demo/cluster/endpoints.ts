/**
 * What the Endpoints and EndpointSlice controllers would write for a Service: ready pods as
 * addresses, not-ready ones as notReadyAddresses / ready=false, target ports resolved by number
 * or by container port name. Pure: the caller chooses the pods and stores the result.
 */
import type { KubeObject } from './store';
import { isReady, NODE_NAME, ownerRef, templateHash } from './workload-meta';

type Obj = Record<string, unknown>;

/** The port a Service port reaches on `pod` (a named targetPort resolves via containers). */
function targetPortOn(pod: KubeObject | undefined, p: Obj): number {
  const target = p.targetPort ?? p.port;
  if (typeof target === 'number') return target;
  for (const c of ((pod?.spec as Obj | undefined)?.containers as Obj[] | undefined) ?? []) {
    const hit = ((c.ports as Obj[] | undefined) ?? []).find((cp) => cp.name === target);
    if (hit) return Number(hit.containerPort);
  }
  return Number(p.port);
}

/** The Endpoints (named like the Service) and its one EndpointSlice for `pods`. */
export function desiredEndpoints(
  svc: KubeObject,
  pods: readonly KubeObject[],
): { endpoints: KubeObject; slice: KubeObject } {
  const ns = svc.metadata.namespace;
  const name = svc.metadata.name;
  const svcPorts = ((svc.spec as Obj | undefined)?.ports as Obj[] | undefined) ?? [];
  const ports = svcPorts.map((p) => ({
    ...(p.name ? { name: p.name } : {}),
    port: targetPortOn(pods[0], p),
    protocol: p.protocol ?? 'TCP',
  }));
  const targetRef = (p: KubeObject) => ({
    kind: 'Pod',
    namespace: ns,
    name: p.metadata.name,
    uid: p.metadata.uid,
  });
  const addr = (p: KubeObject) => ({
    ip: (p.status as Obj).podIP,
    nodeName: NODE_NAME,
    targetRef: targetRef(p),
  });
  const ready = pods.filter(isReady);
  const notReady = pods.filter((p) => !isReady(p));
  const endpoints: KubeObject = {
    apiVersion: 'v1',
    kind: 'Endpoints',
    metadata: {
      name,
      namespace: ns,
      labels: { ...svc.metadata.labels },
      ownerReferences: [ownerRef(svc)],
    },
    subsets:
      pods.length === 0
        ? []
        : [
            {
              ...(ready.length ? { addresses: ready.map(addr) } : {}),
              ...(notReady.length ? { notReadyAddresses: notReady.map(addr) } : {}),
              ports,
            },
          ],
  };
  const slice: KubeObject = {
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    metadata: {
      // Stable per Service (the real controller uses generateName).
      name: `${name}-${templateHash(svc.metadata.uid).slice(0, 5)}`,
      namespace: ns,
      labels: {
        ...svc.metadata.labels,
        'kubernetes.io/service-name': name,
        'endpointslice.kubernetes.io/managed-by': 'endpointslice-controller.k8s.io',
      },
      ownerReferences: [ownerRef(svc)],
    },
    addressType: 'IPv4',
    endpoints: pods.map((p) => ({
      addresses: [(p.status as Obj).podIP],
      conditions: { ready: isReady(p), serving: isReady(p), terminating: false },
      nodeName: NODE_NAME,
      targetRef: targetRef(p),
    })),
    ports,
  };
  return { endpoints, slice };
}
