import 'server-only';

import type { Inventory } from '@/server/kube/workloads';
import type { GraphQuery } from '@/server/model/graph';
import { instantSamplesFromBody } from '@/server/prometheus/client';

import { buildMeshGraph } from './build-graph';
import { type GraphAnswers, telemetryFromAnswers } from './graph-answers';

/** Everything one graph build needs, as plain data that can cross to a worker thread. */
export interface BuildJob {
  query: GraphQuery;
  /** Evaluation time of the queries, unix seconds (the graph's timestamp). */
  time: number;
  inventory: Inventory;
  /** Raw bodies of Prometheus' successful answers. */
  answers: GraphAnswers<ArrayBuffer>;
}

/**
 * The CPU-heavy half of a graph, with no I/O: parse Prometheus' answers (megabytes of JSON for a
 * 1,000-workload mesh), reshape them, build the graph and serialise it. Runs on the build worker
 * (build-worker.ts) so none of it holds up the server's event loop.
 */
export function runBuildJob(job: BuildJob): string {
  const { answers } = job;
  const parsed: GraphAnswers<ReturnType<typeof instantSamplesFromBody>> = {
    requests: instantSamplesFromBody(answers.requests),
    tcp: instantSamplesFromBody(answers.tcp),
    throughput: instantSamplesFromBody(answers.throughput),
    responseTime: instantSamplesFromBody(answers.responseTime),
    latencyBuckets: answers.latencyBuckets.map(instantSamplesFromBody),
  };
  const telemetry = telemetryFromAnswers(parsed, job.query);
  return JSON.stringify(buildMeshGraph(telemetry, job.inventory, job.query, job.time));
}
