/**
 * The topology graph contract: what `GET /api/namespaces/graph` returns and what the graph page
 * draws. Plain JSON only (no cytoscape, React or class types) so the server and the browser share
 * it unchanged. Rates are per second, averaged over `duration` ending at `timestamp`.
 */

/** How nodes are aggregated, as in Kiali. */
export type GraphType = 'app' | 'versionedApp' | 'workload' | 'service';
export const GRAPH_TYPES: readonly GraphType[] = ['app', 'versionedApp', 'workload', 'service'];

export type NodeType = 'app' | 'workload' | 'service' | 'serviceEntry' | 'unknown';

export type Protocol = 'http' | 'grpc' | 'tcp';

/** Kiali's health scale; `idle` means no traffic in the window, `unknown` means no data at all. */
export type Health = 'healthy' | 'degraded' | 'failure' | 'idle' | 'unknown';

/** Badges drawn on a node, derived from the Istio config that applies to it. */
export type NodeBadge =
  | 'virtualService'
  | 'trafficShifting'
  | 'requestRouting'
  | 'faultInjection'
  | 'requestTimeout'
  | 'mirroring'
  | 'circuitBreaker'
  | 'missingSidecar'
  | 'gateway'
  | 'root'
  /** At least one Meshscope/Kiali-style validation error on config that targets this node. */
  | 'configError';

/** Request rates split by outcome. HTTP and gRPC both count requests; TCP counts bytes/s. */
export interface TrafficRates {
  /** Total requests per second, http and grpc; tcp traffic is counted in `tcpBytes` instead. */
  total: number;
  /** Requests/s answered with 3xx. */
  http3xx: number;
  /** Requests/s answered with 4xx. */
  http4xx: number;
  /** Requests/s answered with 5xx (or a non-OK gRPC status). */
  http5xx: number;
  /** Requests/s that got no response at all (response_code 0, shown as `-`). */
  noResponse: number;
  /** TCP bytes/s (sent + received) through this node or edge. */
  tcpBytes: number;
}

export interface GraphNode {
  /** Stable id, unique in the graph and stable across refreshes (used to keep positions). */
  id: string;
  nodeType: NodeType;
  /** Kubernetes namespace of the workload or service; `unknown` for the unknown source. */
  namespace: string;
  /** `app` label (canonical service). */
  app?: string;
  /** `version` label (canonical revision); set on versionedApp and workload nodes. */
  version?: string;
  /** Workload (Deployment) name; set on workload nodes and versioned app nodes when unique. */
  workload?: string;
  /** Service short name; set on service nodes. */
  service?: string;
  /** Fully-qualified destination host, e.g. `reviews.bookinfo.svc.cluster.local`. */
  host?: string;
  /** A traffic source: only outgoing edges (for example the ingress gateway or a load client). */
  isRoot?: boolean;
  /** An ingress or egress gateway workload. */
  isGateway?: boolean;
  /** Present in the mesh config but without traffic in the window. */
  isIdle?: boolean;
  /** Outside the requested namespaces (drawn, but not the subject of the query). */
  isOutside?: boolean;
  /** The workload runs an istio-proxy sidecar; false marks the missing-sidecar badge. */
  hasSidecar?: boolean;
  /** Health from error rates merged with workload availability (the worse wins). */
  health: Health;
  /** Traffic arriving at this node. */
  inbound: TrafficRates;
  /** Traffic leaving this node. */
  outbound: TrafficRates;
  badges: NodeBadge[];
}

/** Response-time statistics in milliseconds; absent fields had no samples. */
export interface ResponseTime {
  avg?: number;
  p50?: number;
  p95?: number;
  p99?: number;
}

export interface GraphEdge {
  /** Stable id: `${source}->${target}:${protocol}`. */
  id: string;
  /** GraphNode.id of the caller. */
  source: string;
  /** GraphNode.id of the callee. */
  target: string;
  protocol: Protocol;
  /** Requests per second; bytes per second for tcp. Rounded to 2 decimals. */
  rps: number;
  /** Share of the source's outgoing traffic of the same protocol carried by this edge, 0..100. */
  percentOfSource: number;
  /** Share of requests that failed (4xx, 5xx, no response, non-OK gRPC), 0..1. */
  errorRate: number;
  /** Response code (`200`, `503`, `-` for none; gRPC status for grpc) → requests per second. */
  responseCodes: Record<string, number>;
  /** Envoy response flags (`UT`, `UO`, `FI`, …) → requests per second; `-` (none) is omitted. */
  responseFlags: Record<string, number>;
  responseTime: ResponseTime;
  /**
   * Request plus response bytes per second (http/grpc), or tcp bytes per second. Absent on
   * http/grpc edges of a graph asked with `throughput=false`.
   */
  throughput?: number;
  /** Share of the traffic that used mutual TLS, 0..100. */
  mtlsPercent: number;
  health: Health;
  /** Present but with no traffic in the window (only when idle edges are requested). */
  isIdle?: boolean;
}

export interface MeshGraph {
  /** Unix seconds of the end of the window (the `queryTime`). */
  timestamp: number;
  /** Window length in seconds. */
  duration: number;
  graphType: GraphType;
  /** The namespaces the graph was asked for. */
  namespaces: string[];
  nodes: GraphNode[];
  edges: GraphEdge[];
}

/** Query parameters of `GET /api/namespaces/graph`, after validation. */
export interface GraphQuery {
  namespaces: string[];
  graphType: GraphType;
  /** Window in seconds. */
  duration: number;
  /** End of the window, unix seconds; defaults to now. */
  queryTime?: number;
  /** Insert service nodes between callers and workloads (app/versionedApp/workload graphs). */
  injectServiceNodes: boolean;
  /** Add services and workloads that had no traffic in the window. */
  includeIdleNodes: boolean;
  /** Keep edges that had traffic before but none in the window. */
  includeIdleEdges: boolean;
  /**
   * Latency quantiles to put on edges besides the average (`?responseTime=p50,p95,p99`, `all`
   * or `none`). Any quantile costs Prometheus one pass over every histogram bucket series (20 per
   * request series), the dearest part of a graph, so the page asks only for the one its edge
   * labels show; the API's default is `['p95']`, Kiali's default edge label. The metrics API
   * always charts all three.
   */
  responseTimeQuantiles?: ('p50' | 'p95' | 'p99')[];
  /**
   * Request and response bytes of http/grpc edges (`?throughput=true`, the default). Its answer
   * is the largest a graph gets from Prometheus (two metrics at full edge grouping), so the page
   * asks for it only when its edge labels or Find/Hide show throughput. Tcp edges always carry
   * their bytes/s: those come with the tcp rates.
   */
  throughput?: boolean;
}

/** One row of `GET /api/namespaces`. */
export interface NamespaceInfo {
  name: string;
  labels: Record<string, string>;
  /** `istio-injection=enabled` or an `istio.io/rev` label is set. */
  sidecarInjection: boolean;
  health: { healthy: number; degraded: number; failure: number; idle: number; unknown: number };
}
