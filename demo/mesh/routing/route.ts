import type {
  Destination,
  HttpRetry,
  HttpRoute,
  HttpRouteDestination,
  MeshService,
  MeshSnapshot,
  TrafficPolicy,
} from '../snapshot';
import { serviceFqdn } from '../snapshot';
import { parseDurationMs, percentOf } from './duration';
import {
  effectivePolicy,
  type Endpoint,
  findDestinationRule,
  findService,
  findVirtualService,
  hostOf,
  qualifyHost,
  requestHostFqdn,
  serviceEndpoints,
} from './hosts';
import { type RouteCaller, routeMatches, type RouteRequest } from './match';

/** Where a request (or its mirror copy) goes once a route and a weighted destination are chosen. */
export interface UpstreamTarget {
  /** The destination host as configured, qualified (`reviews.bookinfo.svc.cluster.local`). */
  host: string;
  /** The Kubernetes Service behind the host, if it exists. */
  service?: MeshService;
  port: number;
  subset?: string;
  /** Envoy's cluster name: `outbound|9080|v1|reviews.bookinfo.svc.cluster.local`. */
  cluster: string;
  /** Pods that can serve it (subset applied). Empty → 503 UH (no healthy upstream). */
  endpoints: Endpoint[];
  policy: TrafficPolicy;
  /** A subset named by the route but missing from every DestinationRule → 503 NR in Envoy. */
  missingSubset?: boolean;
}

export interface RetryPolicy {
  /** Retries after the first try (Istio's `attempts`). */
  attempts: number;
  perTryTimeoutMs?: number;
  retryOn: Set<string>;
}

/** Istio's default: 2 retries on connect failures, refused streams, unavailable and 503s. */
export const DEFAULT_RETRY: RetryPolicy = {
  attempts: 2,
  retryOn: new Set(['connect-failure', 'refused-stream', 'unavailable', 'cancelled', '503']),
};

export interface RouteDecision {
  /** `forward` to target; `direct` answers locally (directResponse/redirect); `none` → 404 NR. */
  kind: 'forward' | 'direct' | 'none';
  target?: UpstreamTarget;
  directStatus?: number;
  /** `<vs>.<ns>` and route name, for logs. */
  virtualService?: string;
  routeName?: string;
  /** Sampled fault: a delay before forwarding and/or an abort instead of forwarding. */
  delayMs?: number;
  abort?: { httpStatus: number; grpcStatus?: number };
  timeoutMs?: number;
  retry: RetryPolicy;
  /** Mirror copies to send (already sampled against mirrorPercentage). */
  mirrors: UpstreamTarget[];
  /** Path and authority after `rewrite`. */
  path: string;
  authority: string;
  /** Envoy's route decorator, used as the span operation name. */
  operation: string;
  /** Extra request headers from `headers.request.set/add`. */
  setHeaders: Record<string, string>;
}

const GRPC_CODES: Record<string, number> = {
  OK: 0,
  CANCELLED: 1,
  UNKNOWN: 2,
  INVALID_ARGUMENT: 3,
  DEADLINE_EXCEEDED: 4,
  NOT_FOUND: 5,
  ALREADY_EXISTS: 6,
  PERMISSION_DENIED: 7,
  RESOURCE_EXHAUSTED: 8,
  FAILED_PRECONDITION: 9,
  ABORTED: 10,
  OUT_OF_RANGE: 11,
  UNIMPLEMENTED: 12,
  INTERNAL: 13,
  UNAVAILABLE: 14,
  DATA_LOSS: 15,
  UNAUTHENTICATED: 16,
};

/**
 * Routes one request like an Envoy sidecar (or gateway) configured by Istio. Pure: randomness
 * (weights, fault and mirror percentages) comes from `random` so tests can pin it.
 */
export function routeRequest(
  snapshot: MeshSnapshot,
  req: RouteRequest,
  caller: RouteCaller,
  random: () => number = Math.random,
): RouteDecision {
  const isGateway = caller.gateways.length > 0;
  const rawHost = hostOf(req.authority).toLowerCase();
  // Sidecars resolve short names against the caller's namespace (DNS search path); gateways see
  // the external authority as is.
  const host = isGateway ? rawHost : requestHostFqdn(snapshot, rawHost, caller.namespace);
  const base: RouteDecision = {
    kind: 'none',
    retry: DEFAULT_RETRY,
    mirrors: [],
    path: req.path,
    authority: req.authority,
    operation: `${host}:${req.port}/*`,
    setHeaders: {},
  };
  const vs = findVirtualService(snapshot, host, caller);
  if (!vs) {
    if (isGateway) return base; // a gateway only serves what a bound VirtualService routes
    const target = makeTarget(snapshot, { host }, req.port, caller.namespace);
    return { ...base, kind: 'forward', target };
  }
  const route = (vs.spec.http ?? []).find((r) => routeMatches(r.match, req, caller));
  const vsName = `${vs.name}.${vs.namespace}`;
  if (!route) return { ...base, virtualService: vsName };
  const decision: RouteDecision = {
    ...base,
    virtualService: vsName,
    routeName: route.name,
    operation: routeOperation(vs.name, vs.namespace, req.port, route),
  };
  if (route.directResponse) {
    return { ...decision, kind: 'direct', directStatus: route.directResponse.status };
  }
  if (route.redirect) {
    return { ...decision, kind: 'direct', directStatus: route.redirect.redirectCode ?? 301 };
  }
  const chosen = pickWeighted(route.route ?? [], random);
  if (!chosen) return decision;
  const target = makeTarget(snapshot, chosen.destination, req.port, vs.namespace);
  const rewritten = applyRewrite(route, req);
  return {
    ...decision,
    kind: 'forward',
    target,
    path: rewritten.path,
    authority: rewritten.authority,
    ...sampleFault(route, random),
    timeoutMs: parseDurationMs(route.timeout),
    retry: retryPolicy(route.retries),
    mirrors: sampleMirrors(snapshot, route, req.port, vs.namespace, random),
    setHeaders: { ...(route.headers?.request?.add ?? {}), ...(route.headers?.request?.set ?? {}) },
  };
}

/** Weighted choice; a lone destination without a weight gets 100, all-zero weights split evenly. */
export function pickWeighted(
  dests: HttpRouteDestination[],
  random: () => number,
): HttpRouteDestination | undefined {
  if (dests.length === 0) return undefined;
  if (dests.length === 1) return dests[0];
  const weights = dests.map((d) => Math.max(0, d.weight ?? 0));
  const total = weights.reduce((a, b) => a + b, 0);
  if (total === 0) return dests[Math.floor(random() * dests.length)];
  let r = random() * total;
  for (let i = 0; i < dests.length; i++) {
    if (r < weights[i]) return dests[i];
    r -= weights[i];
  }
  return dests[weights.findLastIndex((w) => w > 0)];
}

function makeTarget(
  snapshot: MeshSnapshot,
  dest: Destination,
  requestPort: number,
  configNamespace: string,
): UpstreamTarget {
  const host = qualifyHost(dest.host, configNamespace);
  const service = findService(snapshot, host);
  const port =
    dest.port?.number ?? (service?.ports.length === 1 ? service.ports[0].port : requestPort);
  const dr = findDestinationRule(
    snapshot,
    host,
    configNamespace,
    service?.namespace ?? configNamespace,
  );
  const subsetSpec = dest.subset
    ? dr?.spec.subsets?.find((s) => s.name === dest.subset)
    : undefined;
  const missingSubset = dest.subset !== undefined && !subsetSpec;
  const endpoints =
    service && !missingSubset ? serviceEndpoints(snapshot, service, subsetSpec?.labels) : [];
  return {
    host,
    service,
    port,
    subset: dest.subset,
    cluster: `outbound|${port}|${dest.subset ?? ''}|${service ? serviceFqdn(service.name, service.namespace) : host}`,
    endpoints,
    policy: effectivePolicy(dr, dest.subset),
    missingSubset,
  };
}

/**
 * Istio's route decorator (the span operation): `<dest FQDN>:<port><path>` for one destination,
 * `<vs name>:<port><path>` for a split; the path is the first uri match (`prefix*`) or `/*`.
 */
export function routeOperation(
  vsName: string,
  vsNamespace: string,
  port: number,
  route: HttpRoute,
): string {
  const dests = route.route ?? [];
  const hostPart =
    dests.length === 1 ? qualifyHost(dests[0].destination.host, vsNamespace) : vsName;
  const uri = route.match?.[0]?.uri;
  const path = uri?.exact ?? (uri?.prefix !== undefined ? `${uri.prefix}*` : (uri?.regex ?? '/*'));
  return `${hostPart}:${dests[0]?.destination.port?.number ?? port}${path}`;
}

function applyRewrite(route: HttpRoute, req: RouteRequest): { path: string; authority: string } {
  let path = req.path;
  const rw = route.rewrite;
  if (rw?.uri !== undefined) {
    // Envoy's prefix_rewrite replaces the matched prefix; with exact or regex matches the
    // whole path is replaced.
    const prefix = route.match?.find((m) => m.uri?.prefix !== undefined)?.uri?.prefix;
    path =
      prefix !== undefined && path.startsWith(prefix) ? rw.uri + path.slice(prefix.length) : rw.uri;
    if (path === '') path = '/';
  }
  return { path, authority: rw?.authority ?? req.authority };
}

function sampleFault(
  route: HttpRoute,
  random: () => number,
): Pick<RouteDecision, 'delayMs' | 'abort'> {
  const out: Pick<RouteDecision, 'delayMs' | 'abort'> = {};
  const d = route.fault?.delay;
  if (d && random() * 100 < percentOf(d)) out.delayMs = parseDurationMs(d.fixedDelay) ?? 0;
  const a = route.fault?.abort;
  if (a && random() * 100 < percentOf(a)) {
    if (a.grpcStatus !== undefined) {
      const g = GRPC_CODES[a.grpcStatus.toUpperCase()] ?? (Number(a.grpcStatus) || 2);
      out.abort = { httpStatus: 200, grpcStatus: g };
    } else {
      out.abort = { httpStatus: a.httpStatus ?? 503 };
    }
  }
  return out;
}

function retryPolicy(r: HttpRetry | undefined): RetryPolicy {
  if (!r) return DEFAULT_RETRY;
  const retryOn = new Set(
    (r.retryOn ?? 'connect-failure,refused-stream,unavailable,cancelled,retriable-status-codes')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean)
      // Istio turns numeric entries into retriable status codes; its default list is just 503.
      .flatMap((s) => (s === 'retriable-status-codes' ? ['503'] : [s])),
  );
  return { attempts: r.attempts ?? 2, perTryTimeoutMs: parseDurationMs(r.perTryTimeout), retryOn };
}

function sampleMirrors(
  snapshot: MeshSnapshot,
  route: HttpRoute,
  port: number,
  ns: string,
  random: () => number,
): UpstreamTarget[] {
  const list: { destination: Destination; pct: number }[] = [];
  if (route.mirror) {
    const legacy = route.mirror_percent ?? route.mirrorPercent;
    const pct = route.mirrorPercentage?.value ?? (typeof legacy === 'number' ? legacy : 100);
    list.push({ destination: route.mirror, pct });
  }
  for (const m of route.mirrors ?? [])
    list.push({ destination: m.destination, pct: m.percentage?.value ?? 100 });
  return list
    .filter((m) => random() * 100 < m.pct)
    .map((m) => makeTarget(snapshot, m.destination, port, ns));
}

/**
 * Routes a TCP connection: the first `tcp` route of the applicable VirtualService whose port
 * matches (weighted), else every endpoint of the service. HTTP features do not apply at L4.
 */
export function routeTcp(
  snapshot: MeshSnapshot,
  authority: string,
  port: number,
  caller: RouteCaller,
  random: () => number = Math.random,
): UpstreamTarget {
  const host = requestHostFqdn(snapshot, hostOf(authority), caller.namespace);
  const vs = findVirtualService(snapshot, host, caller);
  const route = vs?.spec.tcp?.find(
    (r) =>
      !r.match ||
      r.match.length === 0 ||
      r.match.some((m) => m.port === undefined || m.port === port),
  );
  const chosen = route ? pickWeighted(route.route ?? [], random) : undefined;
  if (vs && chosen) return makeTarget(snapshot, chosen.destination, port, vs.namespace);
  return makeTarget(snapshot, { host }, port, caller.namespace);
}
