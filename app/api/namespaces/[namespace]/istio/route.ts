import { auditUser } from '@/server/audit/audit-log';
import { handle, parseQuery, parseWith } from '@/server/http/handle';
import { createIstioObject, listIstioConfig } from '@/server/istio-config';
import { readObjectBody } from '@/server/istio-config/request-body';

import { listParams, writeQuery } from './schema';

export const dynamic = 'force-dynamic';

interface Ctx {
  params: Promise<{ namespace: string }>;
}

/** Every Istio object in the namespace with its validation status. */
export async function GET(_req: Request, ctx: Ctx) {
  return handle(async () => {
    const { namespace } = parseWith(listParams, await ctx.params);
    return listIstioConfig(namespace);
  });
}

/** Creates an object from YAML or JSON; `?dryRun=true` only validates. */
export async function POST(req: Request, ctx: Ctx) {
  return handle(async () => {
    const { namespace } = parseWith(listParams, await ctx.params);
    const { dryRun } = parseQuery(writeQuery, req.url);
    const body = await readObjectBody(req);
    const result = await createIstioObject(namespace, body, {
      dryRun: dryRun === 'true',
      user: auditUser(req.headers),
    });
    return Response.json(result, { status: result.dryRun ? 200 : 201 });
  });
}
