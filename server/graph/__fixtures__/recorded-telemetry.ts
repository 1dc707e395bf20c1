import type { GraphQuery } from '@/server/model/graph';
import type { InstantSample } from '@/server/prometheus/client';

import { quantilesOf } from '../get-mesh-graph';
import { quantileSamples } from '../histogram';
import { responseTimeGroupings } from '../response-time';
import {
  type Telemetry,
  toRequestSamples,
  toResponseTimeSamples,
  toTcpSamples,
  toThroughputSamples,
} from '../telemetry';

/** Raw Prometheus answers of one graph, as record.ts stores them. */
export type RecordedAnswers = Record<
  'requests' | 'tcp' | 'throughput' | 'responseTime' | 'latencyBuckets',
  InstantSample[]
>;

/** The same reshaping fetchTelemetry applies, on recorded answers. */
export function telemetryFromRecorded(raw: RecordedAnswers, q: GraphQuery): Telemetry {
  const groupings = responseTimeGroupings(q.graphType, q.injectServiceNodes);
  return {
    requests: toRequestSamples(raw.requests),
    tcp: toTcpSamples(raw.tcp),
    throughput: toThroughputSamples(raw.throughput),
    responseTime: [
      ...toResponseTimeSamples(raw.responseTime),
      ...quantileSamples(raw.latencyBuckets, groupings, quantilesOf(q)),
    ],
  };
}
