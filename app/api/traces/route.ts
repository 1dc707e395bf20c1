import { handle, parseQuery } from '@/server/http/handle';
import { searchTraces } from '@/server/tracing/traces';

import { traceSearchQuery } from './schema';

export const dynamic = 'force-dynamic';

/** Trace search: api_v3 `trace-summaries` when Jaeger offers it, classic search otherwise. */
export function GET(req: Request) {
  return handle(() => searchTraces(parseQuery(traceSearchQuery, req.url)));
}
