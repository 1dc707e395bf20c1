/**
 * The metrics contract: what `GET /api/metrics` (a node) and `GET /api/metrics/edge` (an edge)
 * return for the graph page's side-panel sparklines. Plain JSON shared by server and browser.
 */

/** `[unix seconds, value]`, one per step, oldest first. */
export type MetricPoint = [number, number];

/** Which traffic of a node: what it received or what it sent. */
export type MetricsDirection = 'inbound' | 'outbound';

export interface MetricSeries {
  /** Requests per second. */
  rps: MetricPoint[];
  /** Failed requests (4xx, 5xx, no response, non-OK gRPC) as a percentage of rps, 0..100. */
  errorPercent: MetricPoint[];
  /** Latency quantiles in milliseconds; steps without requests are left out. */
  p50: MetricPoint[];
  p95: MetricPoint[];
  p99: MetricPoint[];
  /** TCP bytes/s sent by the selected side (the caller for an edge). */
  tcpSent: MetricPoint[];
  /** TCP bytes/s received by the selected side (the caller for an edge). */
  tcpReceived: MetricPoint[];
}

export interface TrafficMetrics {
  /** Unix seconds of the first and last point. */
  start: number;
  end: number;
  /** Seconds between points. */
  step: number;
  /** The rate() window behind each point, seconds. */
  rateWindow: number;
  /** Whose proxy reported the data: destination when it has any, else the source. */
  reporter: 'source' | 'destination';
  series: MetricSeries;
}
