import type { GraphQuery } from '@/server/model/graph';

import { END } from './scenario';

/** The scenario's default graph query: bookinfo, versionedApp, 1 m at END, all quantiles. */
export const SCENARIO_QUERY: GraphQuery = {
  namespaces: ['bookinfo'],
  graphType: 'versionedApp',
  duration: 60,
  queryTime: END,
  injectServiceNodes: false,
  includeIdleNodes: false,
  includeIdleEdges: false,
  responseTimeQuantiles: ['p50', 'p95', 'p99'],
};

/** The graphs recorded as golden files (record.ts) and rebuilt by graph.golden.test.ts. */
export const GOLDEN_CASES: Record<string, GraphQuery> = {
  app: { ...SCENARIO_QUERY, graphType: 'app' },
  'versioned-app': SCENARIO_QUERY,
  'versioned-app-idle': { ...SCENARIO_QUERY, includeIdleNodes: true, includeIdleEdges: true },
  workload: { ...SCENARIO_QUERY, graphType: 'workload' },
  'workload-service-nodes': { ...SCENARIO_QUERY, graphType: 'workload', injectServiceNodes: true },
  service: { ...SCENARIO_QUERY, graphType: 'service' },
  'workload-p95-only': { ...SCENARIO_QUERY, graphType: 'workload', responseTimeQuantiles: undefined },
  'two-namespaces': { ...SCENARIO_QUERY, namespaces: ['bookinfo', 'istio-system'] },
};
