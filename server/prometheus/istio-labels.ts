/**
 * Istio's metric labels that identify both ends of a request at workload granularity (the
 * finest a graph needs). Not `server-only`: constant label names, shared by the PromQL builders
 * (queries.ts) and the recording rule the demo's Prometheus loads (recording-rules.ts).
 */
export const EDGE_LABELS = [
  'source_workload_namespace',
  'source_workload',
  'source_canonical_service',
  'source_canonical_revision',
  'destination_service_namespace',
  'destination_service_name',
  'destination_service',
  'destination_workload_namespace',
  'destination_workload',
  'destination_canonical_service',
  'destination_canonical_revision',
] as const;
