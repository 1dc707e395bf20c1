/**
 * The Prometheus recording rule Meshscope can read instead of Istio's raw latency buckets.
 *
 * Why: a graph's latency quantiles need one pass over every histogram bucket series (about 20 per
 * request series; 40,000 at 1,000 workloads), a few hundred ms of Prometheus CPU per graph. Istio
 * recommends recording rules for Prometheus at production scale; this one keeps the bucket rates
 * over 1 m at the finest edge grouping any graph type needs, evaluated once per interval however
 * many graphs are asked for. A graph with a 1 m window then selects the recorded series instead
 * of computing the rates (see graphLatencyBuckets); other windows still read the raw buckets.
 *
 * Not `server-only`: plain constants without secrets, and the demo's Prometheus loads the same
 * rules (demo/prometheus). `npx tsx scripts/recording-rules.ts` prints them for a real one.
 */
import { EDGE_LABELS } from './istio-labels';

/** The recorded series' name (Prometheus' level:metric:operations convention). */
export const RECORDED_LATENCY_BUCKETS =
  'meshscope:istio_request_duration_milliseconds_bucket:rate1m';

/** The rate window of the recorded series, in seconds. */
export const RECORDED_LATENCY_WINDOW_S = 60;

/** Labels the recorded series keep: every edge grouping's labels, the bucket and the reporter. */
export const RECORDED_LATENCY_LABELS = ['le', 'reporter', 'request_protocol', ...EDGE_LABELS];

/** The rules file (Prometheus' `rule_files` format). */
export function recordingRulesYaml(): string {
  return `# Meshscope: latency bucket rates per graph edge (see server/prometheus/recording-rules.ts).
groups:
  - name: meshscope
    rules:
      - record: ${RECORDED_LATENCY_BUCKETS}
        expr: >-
          sum by (${RECORDED_LATENCY_LABELS.join(', ')})
          (rate(istio_request_duration_milliseconds_bucket[1m]))
`;
}
