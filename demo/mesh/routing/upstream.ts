import type { LoadBalancer, OutlierDetection, TrafficPolicy } from '../snapshot';
import { parseDurationMs } from './duration';
import type { Endpoint } from './hosts';

/** Envoy's "unlimited" circuit-breaker defaults (Istio sets 2^32-1). */
const UNLIMITED = 2 ** 32 - 1;

interface HostState {
  inFlight: number;
  consecutive5xx: number;
  consecutiveGateway: number;
  ejections: number;
  ejectedUntil: number;
}

/** Why an upstream pick failed, as Envoy's response flags say it. */
export type PickFailure = 'UO' | 'UH';

export type PickResult = { endpoint: Endpoint } | { failure: PickFailure };

/**
 * Per (caller proxy, upstream cluster) state, like one Envoy cluster in one sidecar: load
 * balancing cursor, active requests for circuit breaking, and outlier-detection ejections.
 * `now` and `random` are injected so tests are deterministic.
 */
export class UpstreamCluster {
  private readonly hosts = new Map<string, HostState>();
  private rr = 0;
  private active = 0;

  constructor(
    private readonly now: () => number = Date.now,
    private readonly random: () => number = Math.random,
  ) {}

  /** Requests currently in flight through this cluster. */
  get activeRequests(): number {
    return this.active;
  }

  /**
   * Admits a request and picks an endpoint. Overflowing `maxConnections +
   * http1MaxPendingRequests` (or `http2MaxRequests`) → UO; every endpoint ejected → UH.
   */
  pick(endpoints: Endpoint[], policy: TrafficPolicy, hashKey?: string): PickResult {
    if (this.active >= admissionLimit(policy)) return { failure: 'UO' };
    const now = this.now();
    const healthy = endpoints.filter((e) => this.host(e).ejectedUntil <= now);
    if (healthy.length === 0) return { failure: 'UH' };
    const endpoint = this.balance(healthy, policy.loadBalancer, hashKey);
    this.host(endpoint).inFlight++;
    this.active++;
    return { endpoint };
  }

  /** Releases a request and feeds outlier detection with its outcome (0 = no response). */
  done(
    endpoint: Endpoint,
    status: number,
    od: OutlierDetection | undefined,
    poolSize: number,
  ): void {
    const h = this.host(endpoint);
    h.inFlight = Math.max(0, h.inFlight - 1);
    this.active = Math.max(0, this.active - 1);
    if (!od) return;
    const is5xx = status >= 500 || status === 0;
    const isGateway = status === 502 || status === 503 || status === 504 || status === 0;
    h.consecutive5xx = is5xx ? h.consecutive5xx + 1 : 0;
    h.consecutiveGateway = isGateway ? h.consecutiveGateway + 1 : 0;
    const t = thresholds(od);
    const trip =
      (t.fiveXx > 0 && h.consecutive5xx >= t.fiveXx) ||
      (t.gateway > 0 && h.consecutiveGateway >= t.gateway);
    if (!trip) return;
    const now = this.now();
    const ejected = [...this.hosts.values()].filter((x) => x.ejectedUntil > now).length;
    // Envoy caps ejections at maxEjectionPercent but always allows ejecting at least one host.
    const cap = Math.max(1, Math.floor((poolSize * t.maxEjectionPercent) / 100));
    if (h.ejectedUntil > now || ejected >= cap) return;
    h.ejections++;
    h.ejectedUntil = now + t.baseEjectionMs * h.ejections;
    h.consecutive5xx = 0;
    h.consecutiveGateway = 0;
  }

  /** True while the endpoint is ejected (for tests and logs). */
  isEjected(endpoint: Endpoint): boolean {
    return this.host(endpoint).ejectedUntil > this.now();
  }

  private host(e: Endpoint): HostState {
    let h = this.hosts.get(e.pod);
    if (!h) {
      h = { inFlight: 0, consecutive5xx: 0, consecutiveGateway: 0, ejections: 0, ejectedUntil: 0 };
      this.hosts.set(e.pod, h);
    }
    return h;
  }

  private balance(healthy: Endpoint[], lb: LoadBalancer | undefined, hashKey?: string): Endpoint {
    if (lb?.consistentHash && hashKey !== undefined) {
      return healthy[hashString(hashKey) % healthy.length];
    }
    switch ((lb?.simple ?? 'LEAST_REQUEST').toUpperCase()) {
      case 'ROUND_ROBIN':
        return healthy[this.rr++ % healthy.length];
      case 'RANDOM':
      case 'PASSTHROUGH':
        return healthy[Math.floor(this.random() * healthy.length)];
      default: {
        // LEAST_REQUEST (Istio's default) and LEAST_CONN: Envoy's power of two choices.
        const a = healthy[Math.floor(this.random() * healthy.length)];
        const b = healthy[Math.floor(this.random() * healthy.length)];
        return this.host(b).inFlight < this.host(a).inFlight ? b : a;
      }
    }
  }
}

/** How many requests a cluster admits at once before overflowing (UO). */
export function admissionLimit(policy: TrafficPolicy): number {
  const cp = policy.connectionPool;
  if (!cp) return UNLIMITED;
  const maxConn = cp.tcp?.maxConnections ?? UNLIMITED;
  const pending = cp.http?.http1MaxPendingRequests ?? UNLIMITED;
  const maxReq = cp.http?.http2MaxRequests ?? UNLIMITED;
  return Math.min(maxConn + pending, maxReq);
}

function num(v: number | { value?: number } | undefined): number | undefined {
  return typeof v === 'number' ? v : v?.value;
}

/** Istio's defaults: 5 consecutive 5xx, gateway errors off, 30 s base ejection, 10 % cap. */
export function thresholds(od: OutlierDetection): {
  fiveXx: number;
  gateway: number;
  baseEjectionMs: number;
  maxEjectionPercent: number;
} {
  return {
    fiveXx: num(od.consecutive5xxErrors) ?? od.consecutiveErrors ?? 5,
    gateway: num(od.consecutiveGatewayErrors) ?? 0,
    baseEjectionMs: parseDurationMs(od.baseEjectionTime) ?? 30_000,
    maxEjectionPercent: od.maxEjectionPercent ?? 10,
  };
}

function hashString(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 16777619);
  }
  return h >>> 0;
}
