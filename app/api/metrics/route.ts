import { getTrafficMetrics } from '@/server/graph/node-metrics';
import { handle, parseQuery } from '@/server/http/handle';

import { nodeMetricsQuery } from './schema';

export const dynamic = 'force-dynamic';

/** A node's traffic over time (rps, error %, p50/p95/p99, tcp bytes) for the side panel. */
export function GET(req: Request) {
  return handle(() => getTrafficMetrics(parseQuery(nodeMetricsQuery, req.url)));
}
