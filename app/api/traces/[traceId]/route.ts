import { handle, parseWith } from '@/server/http/handle';
import { getTraceView } from '@/server/tracing/traces';

import { traceIdParams } from '../schema';

export const dynamic = 'force-dynamic';

interface Ctx {
  params: Promise<{ traceId: string }>;
}

/** One trace, ready to render: pre-order rows, critical path and summary. */
export function GET(_req: Request, ctx: Ctx) {
  return handle(async () => getTraceView(parseWith(traceIdParams, await ctx.params).traceId));
}
