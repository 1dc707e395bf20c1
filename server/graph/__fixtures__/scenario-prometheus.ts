import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll } from 'vitest';

import {
  backfillOpenMetrics,
  type RunningPrometheus,
  startPrometheus,
} from '@/demo/prometheus/prometheus';
import { freePort } from '@/demo/util/ports';
import type { GraphEdge, GraphNode, GraphQuery, MeshGraph } from '@/server/model/graph';
import { createPrometheusClient, type PrometheusClient } from '@/server/prometheus/client';

import { SCENARIO_QUERY } from './golden-cases';
import { scenarioOpenMetrics } from './scenario';

/**
 * A real Prometheus 2.42 serving the deterministic scenario (backfilled with promtool), for the
 * graph's integration tests. Each test file starts its own, in its own data directory.
 */
export async function startScenarioPrometheus(): Promise<{
  prom: RunningPrometheus;
  client: PrometheusClient;
  close(): Promise<void>;
}> {
  const dataDir = await mkdtemp(join(tmpdir(), 'meshscope-graph-int-'));
  await backfillOpenMetrics(dataDir, scenarioOpenMetrics());
  const prom = await startPrometheus({ port: await freePort(), dataDir, targets: [] });
  return {
    prom,
    client: createPrometheusClient({ url: prom.url, timeoutMs: 5000 }),
    async close() {
      await prom.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** The scenario's Prometheus for every test of the calling file: started before, stopped after. */
export function useScenarioPrometheus(): { readonly client: PrometheusClient } {
  let running: Awaited<ReturnType<typeof startScenarioPrometheus>> | undefined;
  beforeAll(async () => {
    running = await startScenarioPrometheus();
  });
  afterAll(async () => {
    await running?.close();
  });
  return {
    get client() {
      if (!running) throw new Error('the scenario Prometheus is not running');
      return running.client;
    },
  };
}

/** The scenario's default graph query (SCENARIO_QUERY) with some fields changed. */
export function query(over: Partial<GraphQuery>): GraphQuery {
  return { ...SCENARIO_QUERY, ...over };
}

export function edge(g: MeshGraph, id: string): GraphEdge {
  const e = g.edges.find((x) => x.id === id);
  if (!e) throw new Error(`no edge ${id}; have ${g.edges.map((x) => x.id).join(', ')}`);
  return e;
}

export function node(g: MeshGraph, id: string): GraphNode {
  const n = g.nodes.find((x) => x.id === id);
  if (!n) throw new Error(`no node ${id}; have ${g.nodes.map((x) => x.id).join(', ')}`);
  return n;
}
