import type {
  DestinationRuleSpec,
  IstioObject,
  MeshService,
  MeshSnapshot,
  MeshWorkload,
  TrafficPolicy,
  VirtualServiceSpec,
} from '../snapshot';
import { labelsSubset, selectorMatches, serviceFqdn } from '../snapshot';
import { gatewayListMatches, type RouteCaller } from './match';

/**
 * Expands a host in Istio config: a dotless name like `reviews` in namespace `bookinfo` means
 * `reviews.bookinfo.svc.cluster.local`; anything with a dot is taken as written.
 */
export function qualifyHost(host: string, namespace: string): string {
  const h = host.toLowerCase();
  if (h === '*' || h.includes('.')) return h;
  return serviceFqdn(h, namespace);
}

/**
 * The FQDN a sidecar routes a request's host to. Envoy's virtual hosts for a service list
 * `name`, `name.ns`, `name.ns.svc` and the FQDN, so all of those reach the service.
 */
export function requestHostFqdn(snapshot: MeshSnapshot, host: string, namespace: string): string {
  const h = host.toLowerCase();
  const parts = h.split('.');
  if (parts.length === 1) return serviceFqdn(h, namespace);
  if (parts.length === 2 || (parts.length === 3 && parts[2] === 'svc')) {
    const fqdn = serviceFqdn(parts[0], parts[1]);
    if (findService(snapshot, fqdn)) return fqdn;
  }
  return h;
}

/** Strips `:port` from an authority. */
export function hostOf(authority: string): string {
  const i = authority.lastIndexOf(':');
  return i > 0 && /^\d+$/.test(authority.slice(i + 1)) ? authority.slice(0, i) : authority;
}

/** The Kubernetes Service an FQDN names, if any. */
export function findService(snapshot: MeshSnapshot, fqdn: string): MeshService | undefined {
  return snapshot.services.find((s) => serviceFqdn(s.name, s.namespace) === fqdn);
}

/** Istio host matching: exact, or a `*.suffix` wildcard, or `*`. */
export function hostMatches(pattern: string, host: string): boolean {
  if (pattern === '*') return true;
  if (pattern.startsWith('*.')) return host.endsWith(pattern.slice(1));
  return pattern === host;
}

/**
 * The VirtualService that applies to a request from `caller` to `host`. Sidecars use VSs bound to
 * `mesh` whose hosts (qualified in the VS's namespace) include the destination FQDN; gateways use
 * VSs bound to their Gateways, matching the request authority. Like Istio, when several match,
 * the oldest wins; the snapshot keeps API order, so the first one found wins.
 */
export function findVirtualService(
  snapshot: MeshSnapshot,
  host: string,
  caller: RouteCaller,
): IstioObject<VirtualServiceSpec> | undefined {
  // Envoy picks the most specific virtual host: an exact name beats `*.suffix` (longer suffix
  // first), which beats `*`. Ties go to the oldest object, which comes first in the snapshot.
  let best: IstioObject<VirtualServiceSpec> | undefined;
  let bestScore = -1;
  for (const vs of snapshot.virtualServices) {
    if (!gatewayListMatches(vs.spec.gateways, caller, vs.namespace)) continue;
    for (const h of vs.spec.hosts ?? []) {
      const p = qualifyHost(h, vs.namespace);
      if (!hostMatches(p, host)) continue;
      const score = p === '*' ? 0 : p.startsWith('*.') ? p.length : Number.MAX_SAFE_INTEGER;
      if (score > bestScore) {
        best = vs;
        bestScore = score;
      }
    }
  }
  return best;
}

/** The DestinationRule for a service FQDN: the caller's namespace first, then the service's. */
export function findDestinationRule(
  snapshot: MeshSnapshot,
  fqdn: string,
  callerNamespace: string,
  serviceNamespace: string,
): IstioObject<DestinationRuleSpec> | undefined {
  const candidates = snapshot.destinationRules.filter((dr) =>
    hostMatches(qualifyHost(dr.spec.host ?? '', dr.namespace), fqdn),
  );
  return (
    candidates.find((dr) => dr.namespace === callerNamespace) ??
    candidates.find((dr) => dr.namespace === serviceNamespace) ??
    candidates[0]
  );
}

/** One pod that can serve a request. */
export interface Endpoint {
  workload: MeshWorkload;
  /** Pod name (or a synthetic replica name before the cluster created the pod). */
  pod: string;
}

/** Pods backing a service, optionally narrowed to a DestinationRule subset's labels. */
export function serviceEndpoints(
  snapshot: MeshSnapshot,
  service: MeshService,
  subsetLabels?: Record<string, string>,
): Endpoint[] {
  const out: Endpoint[] = [];
  for (const w of snapshot.workloads) {
    if (w.namespace !== service.namespace) continue;
    if (!selectorMatches(service.selector, w.labels)) continue;
    if (subsetLabels && !labelsSubset(subsetLabels, w.labels)) continue;
    for (const p of replicaNames(w)) out.push({ workload: w, pod: p });
  }
  return out;
}

/** The replica names a workload runs: its pods, or `<name>-replica-<i>` while pods are missing. */
export function replicaNames(w: MeshWorkload): string[] {
  if (w.replicas <= 0) return [];
  const names = w.pods.slice(0, w.replicas).map((p) => p.name);
  for (let i = names.length; i < w.replicas; i++) names.push(`${w.name}-replica-${i}`);
  return names;
}

/** A subset's policy overrides the top-level one field by field (Istio merges per field). */
export function effectivePolicy(
  dr: IstioObject<DestinationRuleSpec> | undefined,
  subset: string | undefined,
): TrafficPolicy {
  const top = dr?.spec.trafficPolicy ?? {};
  const sub = subset ? dr?.spec.subsets?.find((s) => s.name === subset)?.trafficPolicy : undefined;
  return { ...top, ...(sub ?? {}) };
}
