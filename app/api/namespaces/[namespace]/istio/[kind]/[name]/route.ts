import { auditUser } from '@/server/audit/audit-log';
import { handle, parseQuery, parseWith } from '@/server/http/handle';
import {
  deleteIstioObject,
  getIstioObject,
  kindOrThrow,
  updateIstioObject,
} from '@/server/istio-config';
import { readObjectBody } from '@/server/istio-config/request-body';

import { deleteQuery, objectParams, writeQuery } from '../../schema';

export const dynamic = 'force-dynamic';

interface Ctx {
  params: Promise<{ namespace: string; kind: string; name: string }>;
}

async function target(ctx: Ctx) {
  const p = parseWith(objectParams, await ctx.params);
  return { ...p, kind: kindOrThrow(p.kind) };
}

/** One object, its YAML-ready JSON and its validation. */
export async function GET(_req: Request, ctx: Ctx) {
  return handle(async () => {
    const { namespace, kind, name } = await target(ctx);
    return getIstioObject(namespace, kind, name);
  });
}

/** Replaces the object; the body carries the resourceVersion it was edited from. */
export async function PUT(req: Request, ctx: Ctx) {
  return handle(async () => {
    const { namespace, kind, name } = await target(ctx);
    const { dryRun } = parseQuery(writeQuery, req.url);
    const body = await readObjectBody(req);
    return updateIstioObject(namespace, kind, name, body, {
      dryRun: dryRun === 'true',
      user: auditUser(req.headers),
    });
  });
}

/** Deletes the object; `?resourceVersion=` (the version shown) makes a later change a 409. */
export async function DELETE(req: Request, ctx: Ctx) {
  return handle(async () => {
    const { namespace, kind, name } = await target(ctx);
    const { resourceVersion } = parseQuery(deleteQuery, req.url);
    return deleteIstioObject(namespace, kind, name, {
      user: auditUser(req.headers),
      resourceVersion,
    });
  });
}
