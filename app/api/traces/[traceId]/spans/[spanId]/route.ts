import { handle, parseWith } from '@/server/http/handle';
import { getSpanDetail } from '@/server/tracing/traces';

import { spanParams } from '../../../schema';

export const dynamic = 'force-dynamic';

interface Ctx {
  params: Promise<{ traceId: string; spanId: string }>;
}

/** One span's tags, process, logs, references and warnings. */
export function GET(_req: Request, ctx: Ctx) {
  return handle(async () => {
    const { traceId, spanId } = parseWith(spanParams, await ctx.params);
    return getSpanDetail(traceId, spanId);
  });
}
