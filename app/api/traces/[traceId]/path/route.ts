import { handle, parseWith } from '@/server/http/handle';
import { getTracePath } from '@/server/tracing/traces';

import { traceIdParams } from '../../schema';

export const dynamic = 'force-dynamic';

interface Ctx {
  params: Promise<{ traceId: string }>;
}

/** The service-to-service hops of a trace, for highlighting on the graph. */
export function GET(_req: Request, ctx: Ctx) {
  return handle(async () => getTracePath(parseWith(traceIdParams, await ctx.params).traceId));
}
