import 'server-only';

import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';

/**
 * Meshscope's own Prometheus metrics (`GET /metrics`): Node's process metrics — including the
 * event-loop delay, which the graph's worker thread exists to keep low — and how long graph
 * requests take. One registry per process, kept on globalThis so a re-evaluated module (dev
 * reloads, several route bundles) does not register the same metrics twice.
 */
interface SelfMetrics {
  registry: Registry;
  graphSeconds: Histogram<'cache'>;
  graphBuilds: Counter<'thread'>;
}

const KEY = Symbol.for('meshscope.selfMetrics');

export function selfMetrics(): SelfMetrics {
  const g = globalThis as { [KEY]?: SelfMetrics };
  if (!g[KEY]) {
    const registry = new Registry();
    // 5 ms resolution: the budget for a stall is 50 ms.
    collectDefaultMetrics({ register: registry, eventLoopMonitoringPrecision: 5 });
    const graphSeconds = new Histogram({
      name: 'meshscope_graph_request_duration_seconds',
      help: 'Time to answer GET /api/namespaces/graph, by whether the graph was cached.',
      labelNames: ['cache'],
      buckets: [0.005, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    });
    const graphBuilds = new Counter({
      name: 'meshscope_graph_builds_total',
      help: 'Graphs built, by thread: "worker" normally, "main" when the build worker is unavailable.',
      labelNames: ['thread'],
      registers: [registry],
    });
    g[KEY] = { registry, graphSeconds, graphBuilds };
  }
  return g[KEY];
}
