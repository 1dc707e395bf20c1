/** Reachability of one upstream the console depends on. */
export interface UpstreamHealth {
  /** True when the last probe answered successfully. */
  ok: boolean;
  /** Probe round-trip time in ms. */
  latencyMs: number;
  /** What failed, when `ok` is false. */
  error?: string;
}

/** `GET /api/status`: the three upstreams, probed in parallel. */
export interface StatusReport {
  prometheus: UpstreamHealth;
  jaeger: UpstreamHealth;
  kubernetes: UpstreamHealth;
}
