import 'server-only';

import type { Inventory } from '@/server/kube/workloads';
import type { GraphQuery } from '@/server/model/graph';
import { type InstantSample, instantSamplesFromBody } from '@/server/prometheus/client';

import { buildMeshGraph } from './build-graph';
import { type GraphAnswers, telemetryFromAnswers, wantsThroughput } from './graph-answers';

/** Everything one graph build needs, as plain data that can cross to a worker thread. */
export interface BuildJob {
  query: GraphQuery;
  /** Evaluation time of the queries, unix seconds (the graph's timestamp). */
  time: number;
  inventory: Inventory;
  /** Raw bodies of Prometheus' successful answers. */
  answers: GraphAnswers<ArrayBuffer>;
}

/** Where one answer goes in GraphAnswers: a field, or `latencyBuckets` with its shard index. */
export type AnswerSlot = Exclude<keyof GraphAnswers<unknown>, 'latencyBuckets'> | number;

/** Parsed answers, filled slot by slot as they arrive. */
export type ParsedAnswers = GraphAnswers<InstantSample[] | undefined>;

export function emptyParsed(): ParsedAnswers {
  return {
    requests: undefined,
    tcp: undefined,
    throughput: undefined,
    responseTime: undefined,
    latencyBuckets: [],
  };
}

/** Parses one answer into its slot (the JSON parse is most of the CPU a graph costs). */
export function parseInto(parsed: ParsedAnswers, slot: AnswerSlot, body: ArrayBuffer): void {
  const samples = instantSamplesFromBody(body);
  if (typeof slot === 'number') parsed.latencyBuckets[slot] = samples;
  else parsed[slot] = samples;
}

/** Builds and serialises the graph from parsed answers; missing slots are parsed now. */
export function buildFromParsed(
  parsed: ParsedAnswers,
  job: Omit<BuildJob, 'answers'> & { answers?: GraphAnswers<ArrayBuffer> },
): string {
  const need = <T>(v: T | undefined, slot: AnswerSlot): T => {
    if (v !== undefined) return v;
    if (!job.answers) throw new Error(`graph build: no answer for ${String(slot)}`);
    parseInto(parsed, slot, slotOf(job.answers, slot));
    return (typeof slot === 'number' ? parsed.latencyBuckets[slot] : parsed[slot]) as T;
  };
  const shards = job.answers?.latencyBuckets.length ?? parsed.latencyBuckets.length;
  const complete: GraphAnswers<InstantSample[]> = {
    requests: need(parsed.requests, 'requests'),
    tcp: need(parsed.tcp, 'tcp'),
    ...(wantsThroughput(job.query) ? { throughput: need(parsed.throughput, 'throughput') } : {}),
    responseTime: need(parsed.responseTime, 'responseTime'),
    latencyBuckets: Array.from({ length: shards }, (_, i) => need(parsed.latencyBuckets[i], i)),
  };
  const telemetry = telemetryFromAnswers(complete, job.query);
  return JSON.stringify(buildMeshGraph(telemetry, job.inventory, job.query, job.time));
}

function slotOf(answers: GraphAnswers<ArrayBuffer>, slot: AnswerSlot): ArrayBuffer {
  const body = typeof slot === 'number' ? answers.latencyBuckets[slot] : answers[slot];
  if (!body) throw new Error(`graph build: no answer for ${String(slot)}`);
  return body;
}

/**
 * The CPU-heavy half of a graph, with no I/O: parse Prometheus' answers (megabytes of JSON for a
 * 1,000-workload mesh), reshape them, build the graph and serialise it. The build worker
 * (build-worker.ts) does the same in steps, parsing each answer as it arrives.
 */
export function runBuildJob(job: BuildJob): string {
  return buildFromParsed(emptyParsed(), job);
}
