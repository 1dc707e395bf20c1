import 'server-only';

import type { NodeBadge } from '@/server/model/graph';

/**
 * Graph badges from Istio config (pure). Only the fields the badges depend on are typed; the
 * objects come from the Kubernetes API unchanged. Result keys are `<namespace>/<service>`.
 */

interface Metadata {
  name?: string;
  namespace?: string;
}

interface HttpRoute {
  match?: unknown[];
  route?: unknown[];
  fault?: unknown;
  timeout?: string;
  mirror?: unknown;
  mirrors?: unknown[];
}

export interface VirtualServiceLike {
  metadata?: Metadata;
  spec?: {
    hosts?: string[];
    http?: HttpRoute[];
    tcp?: { match?: unknown[]; route?: unknown[] }[];
    tls?: { match?: unknown[]; route?: unknown[] }[];
  };
}

interface TrafficPolicy {
  connectionPool?: unknown;
  outlierDetection?: unknown;
}

export interface DestinationRuleLike {
  metadata?: Metadata;
  spec?: {
    host?: string;
    trafficPolicy?: TrafficPolicy;
    subsets?: { trafficPolicy?: TrafficPolicy }[];
  };
}

/**
 * `reviews`, `reviews.bookinfo`, `reviews.bookinfo.svc.cluster.local` → `bookinfo/reviews`
 * (short names resolve in the object's own namespace); wildcards and external hosts → undefined.
 */
export function serviceKeyOfHost(host: string, objectNamespace: string): string | undefined {
  if (host.includes('*')) return undefined;
  const parts = host.split('.');
  if (parts.length === 1) return `${objectNamespace}/${parts[0]}`;
  if (parts.length === 2 || (parts.length >= 3 && parts[2] === 'svc'))
    return `${parts[1]}/${parts[0]}`;
  return undefined;
}

function has(x: unknown): boolean {
  return x !== undefined && x !== null;
}

/** The badges one VirtualService puts on the services it routes. */
export function virtualServiceBadges(vs: VirtualServiceLike): NodeBadge[] {
  const b = new Set<NodeBadge>(['virtualService']);
  const http = vs.spec?.http ?? [];
  const l4 = [...(vs.spec?.tcp ?? []), ...(vs.spec?.tls ?? [])];
  for (const r of [...http, ...l4]) {
    if ((r.route?.length ?? 0) > 1) b.add('trafficShifting');
    if ((r.match?.length ?? 0) > 0) b.add('requestRouting');
  }
  for (const r of http) {
    if (has(r.fault)) b.add('faultInjection');
    if (has(r.timeout)) b.add('requestTimeout');
    if (has(r.mirror) || (r.mirrors?.length ?? 0) > 0) b.add('mirroring');
  }
  return [...b];
}

/** Connection-pool limits or outlier detection anywhere in a DestinationRule: a circuit breaker. */
export function destinationRuleBadges(dr: DestinationRuleLike): NodeBadge[] {
  const policies = [
    dr.spec?.trafficPolicy,
    ...(dr.spec?.subsets ?? []).map((s) => s.trafficPolicy),
  ];
  return policies.some((p) => p && (has(p.connectionPool) || has(p.outlierDetection)))
    ? ['circuitBreaker']
    : [];
}

/** Service key (`ns/name`) → badges, from all VirtualServices and DestinationRules. */
export function serviceBadges(
  virtualServices: readonly VirtualServiceLike[],
  destinationRules: readonly DestinationRuleLike[],
): Map<string, NodeBadge[]> {
  const out = new Map<string, Set<NodeBadge>>();
  const put = (key: string | undefined, badges: NodeBadge[]) => {
    if (!key || badges.length === 0) return;
    const s = out.get(key) ?? new Set<NodeBadge>();
    for (const x of badges) s.add(x);
    out.set(key, s);
  };
  for (const vs of virtualServices) {
    const ns = vs.metadata?.namespace ?? 'default';
    const badges = virtualServiceBadges(vs);
    for (const host of vs.spec?.hosts ?? []) put(serviceKeyOfHost(host, ns), badges);
  }
  for (const dr of destinationRules) {
    const ns = dr.metadata?.namespace ?? 'default';
    if (dr.spec?.host) put(serviceKeyOfHost(dr.spec.host, ns), destinationRuleBadges(dr));
  }
  return new Map([...out].map(([k, v]) => [k, [...v]]));
}
