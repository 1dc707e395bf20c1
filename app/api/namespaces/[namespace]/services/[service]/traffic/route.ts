import { auditUser } from '@/server/audit/audit-log';
import { AppError } from '@/server/http/app-error';
import { handle, parseQuery, parseWith } from '@/server/http/handle';
import { kubeClients } from '@/server/kube/client';
import { getTrafficSplit, updateTrafficSplit } from '@/server/traffic/traffic-service';

import { trafficParams, trafficQuery, trafficUpdateBody } from './schema';

export const dynamic = 'force-dynamic';

interface Ctx {
  params: Promise<{ namespace: string; service: string }>;
}

/** The current traffic split of a service (`?route=<index|name>` picks a route). */
export function GET(req: Request, ctx: Ctx) {
  return handle(async () => {
    const { namespace, service } = parseWith(trafficParams, await ctx.params);
    const { route } = parseQuery(trafficQuery, req.url);
    return getTrafficSplit(kubeClients(), namespace, service, route);
  });
}

/** Writes new weights (or restores a spec) with a resourceVersion precondition; audited. */
export function PUT(req: Request, ctx: Ctx) {
  return handle(async () => {
    const { namespace, service } = parseWith(trafficParams, await ctx.params);
    let raw: unknown;
    try {
      raw = await req.json();
    } catch {
      throw new AppError('bad_request', 'body must be JSON');
    }
    const body = parseWith(trafficUpdateBody, raw);
    const { dryRun, ...update } = body;
    return updateTrafficSplit(
      kubeClients(),
      namespace,
      service,
      { ...update, weights: update.weights as Record<string, number> },
      { user: auditUser(req.headers), dryRun },
    );
  });
}
