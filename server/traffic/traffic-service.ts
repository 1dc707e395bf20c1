import 'server-only';

import { listAudit, recordAudit } from '@/server/audit/audit-log';
import { AppError } from '@/server/http/app-error';
import type { KubeClients } from '@/server/kube/client';
import type {
  ObjectRef,
  TrafficSplit,
  TrafficUpdate,
  TrafficUpdateResult,
} from '@/server/model/traffic';

import {
  httpRoutes,
  type Json,
  mirrorError,
  newVirtualServiceSpec,
  resolveRoute,
  rewriteRoute,
  rewriteSpec,
  routeMirror,
  routeWeights,
  summariseRoutes,
  weightsError,
} from '../istio/traffic-split';
import { mergePatchDiff } from '../istio/traffic-split-patch';
import { createIstio, deleteIstio, getIstio, type KubeObject, patchIstio } from './istio-api';
import { MANAGED_BY, readServiceState, type ServiceState } from './service-state';

/** The current split of a service's default route, or of `route` (index or name). */
export async function getTrafficSplit(
  k: KubeClients,
  namespace: string,
  service: string,
  route?: number | string,
): Promise<TrafficSplit> {
  const state = await readServiceState(k, namespace, service);
  const vs = state.virtualService;
  const routes = httpRoutes(vs?.spec);
  const picked = resolveRoute(routes, route);
  if ('error' in picked) throw new AppError('not_found', picked.error);
  const r = routes[picked.index];
  const weights = Object.fromEntries(state.subsets.map((s) => [s.name, 0]));
  Object.assign(weights, vs ? routeWeights(r, service, namespace) : initialWeights(state));
  return {
    namespace,
    service,
    host: hostFor(vs, service),
    subsets: state.subsets,
    weights,
    route: picked.index,
    routes: summariseRoutes(routes),
    mirror: routeMirror(r),
    stableSubset: state.stableSubset,
    stableSource: state.stableSource,
    virtualService: vs && refOf(vs),
    destinationRule: state.destinationRule && refOf(state.destinationRule),
    virtualServiceSpec: vs?.spec,
  };
}

/** Who made a change and how, for the audit trail. */
export interface ChangeContext {
  user: string;
  /** Compute and validate the result on the API server (dryRun=All) without storing it. */
  dryRun?: boolean;
  /** Where the audit log lives (tests); default from MESHSCOPE_DATA_DIR. */
  auditFile?: string;
}

/**
 * Writes a new split (or restores a previous spec) for one route of the service's VS, creating
 * the VS and DR when missing. Order of checks: 404 (namespace/service/route), 409 (stale
 * resourceVersion, with the current object), 422 (weights/mirror), then the write itself, which
 * carries the resourceVersion so the API server enforces the precondition too.
 */
export async function updateTrafficSplit(
  k: KubeClients,
  namespace: string,
  service: string,
  update: TrafficUpdate,
  ctx: ChangeContext,
): Promise<TrafficUpdateResult> {
  const state = await readServiceState(k, namespace, service);
  const vs = state.virtualService;
  if (
    update.resourceVersion !== undefined &&
    vs?.metadata.resourceVersion !== update.resourceVersion
  ) {
    throw conflict(service, vs);
  }
  const dryRun = ctx.dryRun ?? false;
  const audit = async (
    action: 'create' | 'update' | 'delete',
    obj: KubeObject,
    before: Json | null,
    summary: string,
  ) => {
    if (dryRun) return undefined;
    const entry = await recordAudit(
      {
        user: ctx.user,
        action,
        kind: obj.kind,
        apiVersion: obj.apiVersion,
        namespace,
        name: obj.metadata.name,
        before,
        after: action === 'delete' ? null : (obj.spec ?? {}),
        resourceVersion: action === 'delete' ? undefined : obj.metadata.resourceVersion,
        summary,
        source: 'traffic',
      },
      ctx.auditFile,
    );
    return entry.id;
  };

  if (update.restoreSpec !== undefined)
    return restore(k, state, update.restoreSpec, dryRun, audit, ctx.auditFile);

  const weights = update.weights;
  const error = weightsError(weights, state.subsets);
  if (error) throw new AppError('invalid', error);
  if (update.mirror) {
    const mErr = mirrorError(update.mirror, state.subsets);
    if (mErr) throw new AppError('invalid', mErr);
  }
  const summary = `weights ${Object.entries(weights)
    .map(([s, w]) => `${s}=${w}`)
    .join(
      ' ',
    )}${update.mirror ? `, mirror ${update.mirror.subset} ${update.mirror.percent}%` : ''}`;

  // The DR first: a VS naming subsets no DR defines would black-hole traffic (503 NR).
  let dr = state.destinationRule;
  if (!dr) {
    dr = await createIstio(k, newDestinationRule(state), dryRun);
    await audit('create', dr, null, `subsets ${state.subsets.map((s) => s.name).join(', ')}`);
  }

  const host = hostFor(vs, service);
  if (!vs) {
    const created = await createIstio(
      k,
      {
        kind: 'VirtualService',
        metadata: { name: service, namespace, labels: { ...MANAGED_BY } },
        spec: newVirtualServiceSpec(host, weights, update.mirror),
      },
      dryRun,
    );
    const auditId = await audit('create', created, null, summary);
    return { virtualService: created, destinationRule: dr, auditId };
  }

  const routes = httpRoutes(vs.spec);
  const picked = resolveRoute(routes, update.route);
  if ('error' in picked) throw new AppError('invalid', picked.error);
  const before = vs.spec ?? {};
  const route = routes[picked.index] ?? {};
  const nextRoute = rewriteRoute(route, {
    host,
    service,
    namespace,
    weights,
    mirror: update.mirror,
  });
  const after = rewriteSpec(before, picked.index, nextRoute);
  const written = await writeSpec(k, vs, before, after, dryRun, service);
  const auditId = await audit('update', written, before, summary);
  return { virtualService: written, destinationRule: dr, auditId };
}

type Audit = (
  a: 'create' | 'update' | 'delete',
  o: KubeObject,
  b: Json | null,
  s: string,
) => Promise<string | undefined>;

/**
 * Undo: puts back a recorded spec, or deletes a VS Meshscope created (restoreSpec null) together
 * with the DestinationRule it created for it, when nobody has changed that since.
 */
async function restore(
  k: KubeClients,
  state: ServiceState,
  spec: Json | null,
  dryRun: boolean,
  audit: Audit,
  auditFile: string | undefined,
): Promise<TrafficUpdateResult> {
  const vs = state.virtualService;
  const dr = state.destinationRule ?? {};
  if (!vs) throw new AppError('not_found', `no VirtualService routes ${state.service}`);
  if (spec === null) {
    if (
      vs.metadata.labels?.['app.kubernetes.io/managed-by'] !==
      MANAGED_BY['app.kubernetes.io/managed-by']
    )
      throw new AppError(
        'invalid',
        'only a VirtualService Meshscope created can be undone by deleting it',
      );
    if (!dryRun) {
      try {
        await deleteIstio(k, vs);
      } catch (err) {
        if (!(err instanceof AppError) || err.code !== 'conflict') throw err;
        const ns = vs.metadata.namespace ?? state.namespace;
        throw conflict(state.service, await getIstio(k, 'VirtualService', ns, vs.metadata.name));
      }
    }
    const auditId = await audit('delete', vs, vs.spec ?? {}, 'undo: delete created VirtualService');
    if (!dryRun) await deleteCreatedDestinationRule(k, state, audit, auditFile);
    return { virtualService: vs, destinationRule: dr, auditId };
  }
  const written = await writeSpec(k, vs, vs.spec ?? {}, spec, dryRun, state.service);
  const auditId = await audit('update', written, vs.spec ?? {}, 'undo: restore previous spec');
  return { virtualService: written, destinationRule: dr, auditId };
}

/**
 * Deletes the DestinationRule Meshscope created alongside a VirtualService, as undoing that
 * creation does, only while it is exactly as created: its newest audit entry is that creation and
 * its resourceVersion is still the one recorded then (the delete carries it as a precondition).
 * A rule someone has edited or adopted since stays; it has subsets only and routes nothing alone.
 */
async function deleteCreatedDestinationRule(
  k: KubeClients,
  state: ServiceState,
  audit: Audit,
  auditFile: string | undefined,
): Promise<void> {
  const dr = state.destinationRule;
  const managed = MANAGED_BY['app.kubernetes.io/managed-by'];
  if (!dr || dr.metadata.labels?.['app.kubernetes.io/managed-by'] !== managed) return;
  const filter = { namespace: state.namespace, kind: 'DestinationRule', name: dr.metadata.name };
  const [last] = (await listAudit({ ...filter, limit: 1 }, auditFile)).entries;
  if (last?.action !== 'create' || last.resourceVersion !== dr.metadata.resourceVersion) return;
  try {
    await deleteIstio(k, dr);
  } catch (err) {
    if (err instanceof AppError && err.code === 'conflict') return; // changed meanwhile: keep it
    throw err;
  }
  await audit('delete', dr, dr.spec ?? {}, 'undo: delete created DestinationRule');
}

async function writeSpec(
  k: KubeClients,
  vs: KubeObject,
  before: Json,
  after: Json,
  dryRun: boolean,
  service: string,
): Promise<KubeObject> {
  const patch = {
    metadata: { resourceVersion: vs.metadata.resourceVersion },
    spec: mergePatchDiff(before, after),
  };
  try {
    return await patchIstio(k, vs, patch, dryRun);
  } catch (err) {
    if (err instanceof AppError && err.code === 'conflict') {
      // Lost the race at the API server: answer with what won, so the user can compare.
      const current = await getIstio(
        k,
        'VirtualService',
        vs.metadata.namespace ?? '',
        vs.metadata.name,
      );
      throw conflict(service, current);
    }
    throw err;
  }
}

function conflict(service: string, current: KubeObject | undefined): AppError {
  const what = current
    ? `VirtualService "${current.metadata.name}" changed since you loaded it (now at resourceVersion ${current.metadata.resourceVersion})`
    : `the VirtualService for "${service}" was deleted since you loaded it`;
  return new AppError('conflict', `${what}; reload to see the current version`, {
    upstream: 'kubernetes',
    details: { current: current ?? null },
  });
}

function newDestinationRule(state: ServiceState) {
  return {
    kind: 'DestinationRule',
    metadata: { name: state.service, namespace: state.namespace, labels: { ...MANAGED_BY } },
    spec: {
      host: state.service,
      subsets: state.subsets.map((s) => ({ name: s.name, labels: s.labels })),
    },
  };
}

/** Without a VS, Kubernetes round-robins over the pods; show that as an even split. */
function initialWeights(state: ServiceState): Record<string, number> {
  const live = state.subsets.filter((s) => s.workloads.length > 0);
  const out: Record<string, number> = {};
  live.forEach((s, i) => {
    out[s.name] = Math.floor(100 / live.length) + (i < 100 % live.length ? 1 : 0);
  });
  return out;
}

function hostFor(vs: KubeObject | undefined, service: string): string {
  const hosts = (vs?.spec?.hosts as string[] | undefined) ?? [];
  return hosts.find((h) => h.split('.')[0] === service) ?? service;
}

function refOf(o: KubeObject): ObjectRef {
  return {
    name: o.metadata.name,
    apiVersion: o.apiVersion,
    resourceVersion: o.metadata.resourceVersion ?? '',
    managedByMeshscope: o.metadata.labels?.['app.kubernetes.io/managed-by'] === 'meshscope',
  };
}
