import 'server-only';

import type { IstioObject, ValidationCheck } from '@/server/model/istio-config';

import { arr, obj, selects, str, strings } from './fields';
import { fqdn, hostMatches, serviceOfFqdn } from './hosts';

/** A Kubernetes Service as the validations need it. */
export interface ServiceInfo {
  name: string;
  namespace: string;
  /** `spec.selector`; empty for selector-less services (which select no workload). */
  selector: Record<string, string>;
}

/** A workload (Deployment and the like) with its pod template labels. */
export interface WorkloadInfo {
  name: string;
  namespace: string;
  labels: Record<string, string>;
}

/**
 * Everything the checks look at, read once: the Istio objects of the namespaces being
 * validated plus the cluster-wide objects they may reference (gateways, services, service
 * entries, destination rules in other namespaces).
 */
export interface ConfigSnapshot {
  objects: IstioObject[];
  services: ServiceInfo[];
  workloads: WorkloadInfo[];
}

/** `Kind/namespace/name`, the key findings are reported under. */
export function objectKey(o: { kind: string; namespace?: string; name: string }): string {
  return `${o.kind}/${o.namespace ?? ''}/${o.name}`;
}

export function keyOf(o: IstioObject): string {
  return objectKey({ kind: o.kind, namespace: o.metadata.namespace, name: o.metadata.name });
}

/** Lookups built once per snapshot so each check is a map read, not a scan. */
export class SnapshotIndex {
  readonly servicesByFqdn = new Map<string, ServiceInfo>();
  /** DestinationRules by the FQDN of `spec.host`. */
  readonly rulesByHost = new Map<string, IstioObject[]>();
  /** Gateways by `namespace/name`. */
  readonly gateways = new Set<string>();
  /** Hosts declared by ServiceEntries, FQDN-resolved against the entry's namespace. */
  readonly entryHosts: string[] = [];
  readonly virtualServices: IstioObject[] = [];

  constructor(readonly snapshot: ConfigSnapshot) {
    for (const s of snapshot.services) {
      this.servicesByFqdn.set(fqdn(s.name, s.namespace), s);
    }
    for (const o of snapshot.objects) {
      const ns = o.metadata.namespace ?? '';
      const spec = obj(o.spec);
      if (o.kind === 'DestinationRule') {
        const host = str(spec.host);
        if (!host) continue;
        const key = fqdn(host, ns);
        this.rulesByHost.set(key, [...(this.rulesByHost.get(key) ?? []), o]);
      } else if (o.kind === 'VirtualService') {
        this.virtualServices.push(o);
      } else if (o.kind === 'Gateway') {
        this.gateways.add(`${ns}/${o.metadata.name}`);
      } else if (o.kind === 'ServiceEntry') {
        for (const h of strings(spec.hosts)) this.entryHosts.push(fqdn(h, ns));
      }
    }
  }

  /** Whether `host` (already an FQDN) names a service, or a ServiceEntry covers it. */
  hostExists(host: string): boolean {
    if (host === '*' || host.startsWith('*.')) {
      // A wildcard destination is satisfied by anything it covers.
      return (
        [...this.servicesByFqdn.keys()].some((s) => hostMatches(host, s)) ||
        this.entryHosts.some((e) => e === host || hostMatches(host, e))
      );
    }
    return this.servicesByFqdn.has(host) || this.entryHosts.some((e) => hostMatches(e, host));
  }

  /** Workloads a service FQDN selects, or undefined when the host is not a known service. */
  workloadsOf(host: string): WorkloadInfo[] | undefined {
    const ref = serviceOfFqdn(host);
    const svc = ref && this.servicesByFqdn.get(host);
    if (!svc || Object.keys(svc.selector).length === 0) return undefined;
    return this.snapshot.workloads.filter(
      (w) => w.namespace === svc.namespace && selects(svc.selector, w.labels),
    );
  }

  /** Subset names defined for an FQDN host across all its DestinationRules. */
  subsetsOf(host: string): { rules: IstioObject[]; subsets: Set<string> } {
    const rules = this.rulesByHost.get(host) ?? [];
    const subsets = new Set<string>();
    for (const r of rules) {
      for (const s of arr(obj(r.spec).subsets)) {
        const name = str(obj(s).name);
        if (name) subsets.add(name);
      }
    }
    return { rules, subsets };
  }
}

/** A check over one object of its kind; it reads the index and returns findings. */
export type ObjectCheck = (o: IstioObject, index: SnapshotIndex) => ValidationCheck[];
