import 'server-only';

import type { IstioObject } from '@/server/model/istio-config';

import { validateSnapshot } from './validations';
import { fqdn, serviceOfFqdn } from './validations/hosts';

/**
 * The validation codes the graph can judge from what it already reads (VirtualServices,
 * DestinationRules, Services, workloads). Gateways and ServiceEntries are not in the graph's
 * inventory, so gateway and host checks stay on the config pages rather than raise false badges.
 */
const GRAPH_CODES = new Set([
  'vs.subset-not-found',
  'vs.subset-without-dr-subsets',
  'vs.weights-not-100',
  'vs.weight-negative',
  'dr.subset-no-workload',
  'dr.duplicate-subset',
]);

/** A VirtualService or DestinationRule as the Kubernetes API returns it. */
interface ConfigObjectLike {
  metadata?: { name?: string; namespace?: string };
  spec?: object;
}

export interface ConfigErrorInventory {
  services: { name: string; namespace: string; selector: Record<string, string> }[];
  workloads: { name: string; namespace: string; app: string; version: string }[];
  virtualServices: ConfigObjectLike[];
  destinationRules: ConfigObjectLike[];
}

/**
 * `<namespace>/<service>` keys of services whose VirtualService or DestinationRule has a
 * validation error (the graph's `configError` badge), using the config pages' checks.
 */
export function servicesWithConfigErrors(inv: ConfigErrorInventory): Set<string> {
  const objects: IstioObject[] = [
    ...inv.virtualServices.flatMap((o) => asObject('VirtualService', o)),
    ...inv.destinationRules.flatMap((o) => asObject('DestinationRule', o)),
  ];
  const results = validateSnapshot({
    objects,
    services: inv.services,
    // The graph's inventory keeps a workload's app and version labels, which is what subsets
    // select on in practice.
    workloads: inv.workloads.map((w) => ({
      name: w.name,
      namespace: w.namespace,
      labels: { app: w.app, version: w.version },
    })),
  });
  const out = new Set<string>();
  for (const o of objects) {
    const ns = o.metadata.namespace ?? '';
    const v = results.get(`${o.kind}/${ns}/${o.metadata.name}`);
    if (!v?.checks.some((c) => c.severity === 'error' && GRAPH_CODES.has(c.code))) continue;
    for (const host of hostsOf(o)) {
      const svc = serviceOfFqdn(fqdn(host, ns));
      if (svc) out.add(`${svc.namespace}/${svc.name}`);
    }
  }
  return out;
}

function asObject(kind: string, o: ConfigObjectLike): IstioObject[] {
  const name = o.metadata?.name;
  if (!name) return [];
  return [
    {
      apiVersion: 'networking.istio.io/v1',
      kind,
      metadata: { name, namespace: o.metadata?.namespace },
      spec: (o.spec ?? {}) as Record<string, unknown>,
    },
  ];
}

function hostsOf(o: IstioObject): string[] {
  const spec = o.spec ?? {};
  if (o.kind === 'DestinationRule') return typeof spec.host === 'string' ? [spec.host] : [];
  return Array.isArray(spec.hosts)
    ? spec.hosts.filter((h): h is string => typeof h === 'string')
    : [];
}
