import { handle, parseQuery, parseWith } from '@/server/http/handle';
import { findSpans } from '@/server/tracing/traces';

import { traceFindQuery, traceIdParams } from '../../schema';

export const dynamic = 'force-dynamic';

interface Ctx {
  params: Promise<{ traceId: string }>;
}

/** Rows of the trace matching `q` (terms in service, operation, tags, logs, span ID). */
export function GET(req: Request, ctx: Ctx) {
  return handle(async () => {
    const { traceId } = parseWith(traceIdParams, await ctx.params);
    return findSpans(traceId, parseQuery(traceFindQuery, req.url).q);
  });
}
