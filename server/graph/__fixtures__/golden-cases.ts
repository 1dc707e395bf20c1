import type { GraphQuery } from '@/server/model/graph';

import { END } from './scenario';

const base: GraphQuery = {
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
  app: { ...base, graphType: 'app' },
  'versioned-app': base,
  'versioned-app-idle': { ...base, includeIdleNodes: true, includeIdleEdges: true },
  workload: { ...base, graphType: 'workload' },
  'workload-service-nodes': { ...base, graphType: 'workload', injectServiceNodes: true },
  service: { ...base, graphType: 'service' },
  'workload-p95-only': { ...base, graphType: 'workload', responseTimeQuantiles: undefined },
  'two-namespaces': { ...base, namespaces: ['bookinfo', 'istio-system'] },
};
