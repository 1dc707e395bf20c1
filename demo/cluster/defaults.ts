/**
 * Defaulting the apiserver does on create/update for built-in kinds that clients rely on:
 * namespaces are Active, Services get a type, a cluster IP and port defaults, Deployments get
 * replicas and a strategy. Only what kubectl's printers and the demo mesh read.
 */
import { findResource } from './resources';
import type { Store } from './store';
import { type KubeObject } from './store';

type Obj = Record<string, unknown>;

function allocateClusterIp(store: Store): string {
  const services = findResource('', 'v1', 'services');
  const used = new Set<unknown>();
  if (services) store.scan(services, (s) => used.add((s.spec as Obj | undefined)?.clusterIP));
  for (let i = 10; i < 65_000; i++) {
    const ip = `10.96.${Math.floor(i / 250)}.${(i % 250) + 1}`;
    if (!used.has(ip)) return ip;
  }
  throw new Error('service IP range exhausted');
}

/** Fills defaults in place; `old` is the stored object on update. */
export function applyDefaults(
  store: Store,
  plural: string,
  obj: KubeObject,
  old?: KubeObject,
): void {
  switch (plural) {
    case 'namespaces': {
      obj.spec = { finalizers: ['kubernetes'], ...((obj.spec as Obj) ?? {}) };
      obj.status = {
        phase: 'Active',
        ...((old?.status as Obj) ?? {}),
        ...((obj.status as Obj) ?? {}),
      };
      obj.metadata.labels = {
        ...obj.metadata.labels,
        'kubernetes.io/metadata.name': obj.metadata.name,
      };
      break;
    }
    case 'services': {
      const spec = ((obj.spec as Obj) ?? {}) as Obj;
      spec.type ??= 'ClusterIP';
      if (spec.type !== 'ExternalName') {
        spec.clusterIP ??= (old?.spec as Obj | undefined)?.clusterIP ?? allocateClusterIp(store);
        if (spec.clusterIP !== 'None') spec.clusterIPs ??= [spec.clusterIP];
      }
      spec.sessionAffinity ??= 'None';
      spec.ports = ((spec.ports as Obj[]) ?? []).map((p) => ({
        protocol: 'TCP',
        targetPort: p.port,
        ...p,
      }));
      obj.spec = spec;
      obj.status ??= { loadBalancer: {} };
      break;
    }
    case 'deployments': {
      const spec = ((obj.spec as Obj) ?? {}) as Obj;
      spec.replicas ??= 1;
      spec.revisionHistoryLimit ??= 10;
      spec.progressDeadlineSeconds ??= 600;
      spec.strategy ??= {
        type: 'RollingUpdate',
        rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' },
      };
      obj.spec = spec;
      break;
    }
    case 'replicasets': {
      const spec = ((obj.spec as Obj) ?? {}) as Obj;
      spec.replicas ??= 1;
      obj.spec = spec;
      break;
    }
    default:
      break;
  }
}
