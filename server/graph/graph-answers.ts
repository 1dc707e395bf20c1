import 'server-only';

import type { GraphQuery } from '@/server/model/graph';
import type { InstantSample } from '@/server/prometheus/client';

import { averageSamples, quantileSamples } from './histogram';
import { latencyKeyLabels, quantilesOf, responseTimeGroupings } from './response-time';
import { type Telemetry, toRequestSamples, toTcpSamples, toThroughputSamples } from './telemetry';

/**
 * Prometheus' answers to one graph's queries, in any form: raw bodies on their way to the build
 * worker, parsed samples for building, or recorded files for the golden tests.
 */
export interface GraphAnswers<T> {
  requests: T;
  tcp: T;
  /** Absent when the query asked for no http throughput (GraphQuery.throughput). */
  throughput?: T;
  /** Latency `_sum` and `_count` rates at the finest edge grouping (for averages). */
  responseTime: T;
  /** Latency bucket rates (one answer per namespace shard; none when no quantile is asked). */
  latencyBuckets: T[];
}

/** Whether a graph carries http/grpc throughput (GraphQuery.throughput, true by default). */
export function wantsThroughput(q: GraphQuery): boolean {
  return q.throughput !== false;
}

/** Parsed answers → typed telemetry, quantiles computed from the bucket rates. */
export function telemetryFromAnswers(raw: GraphAnswers<InstantSample[]>, q: GraphQuery): Telemetry {
  const groupings = responseTimeGroupings(q.graphType, q.injectServiceNodes);
  const key = latencyKeyLabels(q.graphType, q.injectServiceNodes);
  return {
    requests: toRequestSamples(raw.requests),
    tcp: toTcpSamples(raw.tcp),
    throughput: toThroughputSamples(raw.throughput ?? []),
    responseTime: [
      ...averageSamples(raw.responseTime, key, groupings),
      ...quantileSamples(unionOfShards(raw.latencyBuckets), key, groupings, quantilesOf(q)),
    ],
  };
}

/**
 * The shards' answers joined like PromQL's `or`: a label set answered by two shards counts once.
 * Shards overlap in one place: a caller in one shard's namespaces whose request to a service in
 * another's found no workload is selected by both (see histogramSelectors).
 */
export function unionOfShards(shards: readonly InstantSample[][]): InstantSample[] {
  if (shards.length <= 1) return shards[0] ?? [];
  const seen = new Set<string>();
  const out: InstantSample[] = [];
  for (const shard of shards) {
    for (const s of shard) {
      // Only source-reported series can be in that overlap; the rest pass without a key.
      if (s.labels.reporter === 'source') {
        const key = Object.keys(s.labels)
          .sort()
          .map((k) => `${k}=${s.labels[k]}`)
          .join('\u0000');
        if (seen.has(key)) continue;
        seen.add(key);
      }
      out.push(s);
    }
  }
  return out;
}
