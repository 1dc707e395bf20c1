import { handle, parseWith } from '@/server/http/handle';
import { listOperations } from '@/server/tracing/traces';

import { serviceParams } from './schema';

export const dynamic = 'force-dynamic';

interface Ctx {
  params: Promise<{ service: string }>;
}

/** Operations of one Jaeger service. */
export function GET(_req: Request, ctx: Ctx) {
  return handle(async () => listOperations(parseWith(serviceParams, await ctx.params).service));
}
