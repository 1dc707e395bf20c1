import 'server-only';

import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { backfillOpenMetrics, startPrometheus } from '@/demo/prometheus/prometheus';
import { freePort } from '@/demo/util/ports';
import type { GraphQuery } from '@/server/model/graph';
import { createPrometheusClient } from '@/server/prometheus/client';
import {
  graphLatencyBuckets,
  graphRequests,
  graphLatencySums,
  graphTcp,
  graphThroughput,
} from '@/server/prometheus/queries';

import { buildMeshGraph } from '../build-graph';
import { telemetryFromAnswers } from '../graph-answers';
import { latencyKeyLabels, quantilesOf } from '../response-time';
import { GOLDEN_CASES } from './golden-cases';
import { END, scenarioInventory, scenarioOpenMetrics } from './scenario';

/**
 * Records the golden inputs of graph.golden.test.ts from a real Prometheus loaded with the
 * scenario: the raw answers to the graph queries per case, plus the graph built from them.
 * Run after changing the scenario or the builders, then review the diff:
 *   node --conditions=react-server --import tsx server/graph/__fixtures__/record.ts
 */
async function main() {
  const dir = `/tmp/meshscope-h4-record-${process.pid}`;
  await rm(dir, { recursive: true, force: true });
  await backfillOpenMetrics(dir, scenarioOpenMetrics());
  const prom = await startPrometheus({ port: await freePort(), dataDir: dir, targets: [] });
  const client = createPrometheusClient({ url: prom.url });
  const out = join(import.meta.dirname, 'recorded');
  await mkdir(out, { recursive: true });
  try {
    for (const [name, q] of Object.entries(GOLDEN_CASES) as [string, GraphQuery][]) {
      const input = { namespaces: q.namespaces, window: q.duration, idleEdges: q.includeIdleEdges };
      const quantiles = quantilesOf(q);
      const raw = {
        requests: await client.query(graphRequests(input), END),
        tcp: await client.query(graphTcp(input), END),
        throughput: await client.query(graphThroughput(input), END),
        responseTime: await client.query(
          graphLatencySums({ ...input, labels: latencyKeyLabels(q.graphType, q.injectServiceNodes) }),
          END,
        ),
        latencyBuckets:
          quantiles.length === 0
            ? []
            : [
                await client.query(
                  graphLatencyBuckets({
                    ...input,
                    labels: latencyKeyLabels(q.graphType, q.injectServiceNodes),
                  }),
                  END,
                ),
              ],
      };
      const graph = buildMeshGraph(telemetryFromAnswers(raw, q), scenarioInventory(), q, END);
      await writeFile(join(out, `${name}.prometheus.json`), `${JSON.stringify(raw, null, 1)}\n`);
      await writeFile(join(out, `${name}.graph.json`), `${JSON.stringify(graph, null, 1)}\n`);
      console.log(`${name}: ${graph.nodes.length} nodes, ${graph.edges.length} edges`);
    }
  } finally {
    await prom.close();
    await rm(dir, { recursive: true, force: true });
  }
}

void main();
