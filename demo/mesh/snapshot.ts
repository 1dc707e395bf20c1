/**
 * The mesh's view of the cluster: an immutable snapshot rebuilt from informer caches whenever
 * Deployments, Pods, Services or Istio config change. Routing and telemetry read only this, so
 * they stay pure and testable without a cluster.
 */

export type MeshProtocol = 'http' | 'grpc' | 'tcp';

/** One port of a Kubernetes Service. */
export interface ServicePort {
  /** Service port, e.g. 9080. */
  port: number;
  /** Port name (Istio derives the protocol from a `http-`/`grpc-`/`tcp-` prefix). */
  name?: string;
  /** `appProtocol`, which wins over the name. */
  appProtocol?: string;
}

export interface MeshService {
  name: string;
  namespace: string;
  /** Pod label selector. */
  selector: Record<string, string>;
  ports: ServicePort[];
}

/** A Deployment the mesh runs, with its pod-template identity and behaviour. */
export interface MeshWorkload {
  /** Deployment name, which Istio reports as `*_workload`. */
  name: string;
  namespace: string;
  /** Pod-template labels. */
  labels: Record<string, string>;
  /** Pod-template annotations (behaviour lives in `demo.meshscope.dev/*`). */
  annotations: Record<string, string>;
  /** Desired replicas from the Deployment spec. */
  replicas: number;
  serviceAccount: string;
  /** Pods of this Deployment as the cluster lists them, sorted by name. */
  pods: { name: string; ip?: string }[];
}

/** The parts of an Istio object the simulation reads. */
export interface IstioObject<Spec> {
  name: string;
  namespace: string;
  spec: Spec;
}

export interface StringMatch {
  exact?: string;
  prefix?: string;
  regex?: string;
}

export interface HttpMatchRequest {
  name?: string;
  uri?: StringMatch;
  method?: StringMatch;
  authority?: StringMatch;
  headers?: Record<string, StringMatch>;
  withoutHeaders?: Record<string, StringMatch>;
  port?: number;
  sourceLabels?: Record<string, string>;
  gateways?: string[];
  ignoreUriCase?: boolean;
  queryParams?: Record<string, StringMatch>;
}

export interface Destination {
  host: string;
  subset?: string;
  port?: { number?: number };
}

export interface HttpRouteDestination {
  destination: Destination;
  weight?: number;
}

export interface Percent {
  value?: number;
}

export interface HttpFault {
  delay?: { fixedDelay?: string; percentage?: Percent; percent?: number };
  abort?: { httpStatus?: number; grpcStatus?: string; percentage?: Percent; percent?: number };
}

export interface HttpRetry {
  attempts?: number;
  perTryTimeout?: string;
  retryOn?: string;
  retryRemoteLocalities?: boolean;
}

export interface HttpRoute {
  name?: string;
  match?: HttpMatchRequest[];
  route?: HttpRouteDestination[];
  redirect?: { uri?: string; authority?: string; redirectCode?: number };
  directResponse?: { status: number };
  rewrite?: { uri?: string; authority?: string };
  timeout?: string;
  retries?: HttpRetry;
  fault?: HttpFault;
  mirror?: Destination;
  mirrorPercentage?: Percent;
  /** Legacy integer form Istio still accepts. */
  mirror_percent?: number;
  mirrorPercent?: number;
  mirrors?: { destination: Destination; percentage?: Percent }[];
  headers?: {
    request?: { set?: Record<string, string>; add?: Record<string, string>; remove?: string[] };
  };
}

export interface TcpRoute {
  match?: { port?: number; sourceLabels?: Record<string, string>; gateways?: string[] }[];
  route?: HttpRouteDestination[];
}

export interface VirtualServiceSpec {
  hosts?: string[];
  gateways?: string[];
  http?: HttpRoute[];
  tcp?: TcpRoute[];
  exportTo?: string[];
}

export interface ConnectionPool {
  tcp?: { maxConnections?: number; connectTimeout?: string };
  http?: {
    http1MaxPendingRequests?: number;
    http2MaxRequests?: number;
    maxRequestsPerConnection?: number;
    maxRetries?: number;
  };
}

export interface OutlierDetection {
  consecutiveErrors?: number;
  consecutive5xxErrors?: number | { value?: number };
  consecutiveGatewayErrors?: number | { value?: number };
  interval?: string;
  baseEjectionTime?: string;
  maxEjectionPercent?: number;
}

export interface LoadBalancer {
  simple?: string;
  consistentHash?: { httpHeaderName?: string; useSourceIp?: boolean };
}

export interface TrafficPolicy {
  loadBalancer?: LoadBalancer;
  connectionPool?: ConnectionPool;
  outlierDetection?: OutlierDetection;
  tls?: { mode?: string };
}

export interface DestinationRuleSpec {
  host?: string;
  trafficPolicy?: TrafficPolicy;
  subsets?: { name: string; labels?: Record<string, string>; trafficPolicy?: TrafficPolicy }[];
}

export interface GatewaySpec {
  selector?: Record<string, string>;
  servers?: { port?: { number?: number; protocol?: string; name?: string }; hosts?: string[] }[];
}

export interface PeerAuthenticationSpec {
  selector?: { matchLabels?: Record<string, string> };
  mtls?: { mode?: string };
}

export interface MeshSnapshot {
  /** Namespaces whose workloads get a sidecar (label istio-injection=enabled), plus istio-system. */
  meshNamespaces: ReadonlySet<string>;
  services: readonly MeshService[];
  workloads: readonly MeshWorkload[];
  virtualServices: readonly IstioObject<VirtualServiceSpec>[];
  destinationRules: readonly IstioObject<DestinationRuleSpec>[];
  gateways: readonly IstioObject<GatewaySpec>[];
  peerAuthentications: readonly IstioObject<PeerAuthenticationSpec>[];
}

export const EMPTY_SNAPSHOT: MeshSnapshot = {
  meshNamespaces: new Set(),
  services: [],
  workloads: [],
  virtualServices: [],
  destinationRules: [],
  gateways: [],
  peerAuthentications: [],
};

/** Istio's cluster-local FQDN for a service. */
export function serviceFqdn(name: string, namespace: string): string {
  return `${name}.${namespace}.svc.cluster.local`;
}

/** True when every selector entry is present in labels (an empty selector matches nothing). */
export function selectorMatches(
  selector: Record<string, string> | undefined,
  labels: Record<string, string>,
): boolean {
  const entries = Object.entries(selector ?? {});
  return entries.length > 0 && entries.every(([k, v]) => labels[k] === v);
}

/** Labels match when every entry matches; an absent/empty set matches everything. */
export function labelsSubset(
  want: Record<string, string> | undefined,
  labels: Record<string, string>,
): boolean {
  return Object.entries(want ?? {}).every(([k, v]) => labels[k] === v);
}
