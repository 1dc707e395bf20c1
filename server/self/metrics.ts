import 'server-only';

import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';

import type { GraphPhases } from '@/server/graph/get-mesh-graph';

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
  graphPhaseSeconds: Histogram<'phase'>;
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
    const graphPhaseSeconds = new Histogram({
      name: 'meshscope_graph_phase_seconds',
      help:
        'Phases of building a graph (cache misses), from the start of the build: until the ' +
        'inventory was in, until the last Prometheus answer was in, then the build itself.',
      labelNames: ['phase'],
      buckets: [0.005, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    });
    g[KEY] = { registry, graphSeconds, graphBuilds, graphPhaseSeconds };
  }
  return g[KEY];
}

export function recordGraphPhases(phases: GraphPhases): void {
  const h = selfMetrics().graphPhaseSeconds;
  for (const [phase, ms] of Object.entries(phases)) h.observe({ phase }, ms / 1000);
}

/**
 * A Server-Timing header (W3C) for a graph response: whether it came from the cache and the
 * phases of the build that made it, shown by the browser's network panel.
 */
export function serverTiming(cache: 'hit' | 'miss', phases: GraphPhases): string {
  const dur = (ms: number) => ms.toFixed(1);
  return [
    `cache;desc=${cache}`,
    `inventory;dur=${dur(phases.inventory)}`,
    `prometheus;dur=${dur(phases.prometheus)}`,
    `build;dur=${dur(phases.build)}`,
  ].join(', ');
}
