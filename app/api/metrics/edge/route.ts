import { getTrafficMetrics } from '@/server/graph/node-metrics';
import { handle, parseQuery } from '@/server/http/handle';

import { edgeMetricsQuery } from '../schema';

export const dynamic = 'force-dynamic';

/** An edge's traffic over time (rps, error %, p50/p95/p99, tcp bytes) for the side panel. */
export function GET(req: Request) {
  return handle(() => getTrafficMetrics(parseQuery(edgeMetricsQuery, req.url)));
}
