import 'server-only';

import { recordAudit } from '@/server/audit/audit-log';
import { AppError } from '@/server/http/app-error';
import { validateCandidate } from '@/server/istio/validations';
import { type KubeClients, kubeClients, kubeError } from '@/server/kube/client';
import type {
  IstioKind,
  IstioObject,
  IstioObjectRef,
  IstioWriteResult,
} from '@/server/model/istio-config';

import { kindInfo } from './kinds';
import { type ParsedObject, parseIstioObject } from './parse';
import { forDisplay, readIstioObject } from './read';
import { assertNamespace, loadSnapshot } from './snapshot';

/** Who asks, and whether to only validate. */
export interface WriteOptions {
  /** Validate on the API server (`dryRun=All`) and semantically, without saving. */
  dryRun?: boolean;
  /** Recorded in the audit trail. */
  user?: string;
}

/** Server-set metadata a pasted `kubectl get -o yaml` carries; create must not send it. */
const SERVER_SET = ['resourceVersion', 'uid', 'creationTimestamp', 'generation', 'managedFields'];

function spec(o: IstioObject | undefined): Record<string, unknown> | null {
  return o ? (o.spec ?? {}) : null;
}

/**
 * A write error as the user should see it. `fieldValidation=Strict` makes the API server answer
 * 400 for an unknown field; for the editor that is a schema error like any 422, so say `invalid`.
 */
function writeError(err: unknown, what: string): AppError {
  const e = kubeError(err, what);
  if (e.code === 'bad_request' && e.extra.upstream === 'kubernetes') {
    return new AppError('invalid', e.message, e.extra);
  }
  return e;
}

async function audit(
  action: 'create' | 'update' | 'delete',
  p: { object: IstioObject; before?: IstioObject; after?: IstioObject },
  user: string | undefined,
) {
  await recordAudit({
    user: user ?? 'anonymous',
    action,
    kind: p.object.kind,
    apiVersion: p.object.apiVersion,
    namespace: p.object.metadata.namespace ?? '',
    name: p.object.metadata.name,
    before: spec(p.before),
    after: spec(p.after),
    resourceVersion: p.after?.metadata.resourceVersion,
    summary: `${action} ${p.object.kind} ${p.object.metadata.name} in the config editor`,
    source: 'config',
  });
}

function target(p: ParsedObject, namespace: string) {
  return { group: p.info.group, version: p.version, namespace, plural: p.info.plural };
}

/** Creates an object from YAML text or a JSON object (`POST /api/namespaces/{ns}/istio`). */
export async function createIstioObject(
  namespace: string,
  input: unknown,
  opts: WriteOptions = {},
  clients: KubeClients = kubeClients(),
): Promise<IstioWriteResult> {
  const parsed = parseIstioObject(input, namespace);
  await assertNamespace(clients, namespace);
  const metadata = { ...parsed.object.metadata };
  for (const k of SERVER_SET) delete metadata[k];
  const { status: _status, ...rest } = parsed.object;
  const body = { ...rest, metadata };
  const [snapshot, created] = await Promise.all([
    loadSnapshot(clients, [namespace]),
    clients.custom
      .createNamespacedCustomObject({
        ...target(parsed, namespace),
        body,
        dryRun: opts.dryRun ? 'All' : undefined,
        fieldValidation: 'Strict',
      })
      .catch((err: unknown) => {
        throw writeError(err, `creating ${parsed.info.kind} ${namespace}/${metadata.name}`);
      }) as Promise<IstioObject>,
  ]);
  const object = { ...created, kind: parsed.info.kind };
  if (!opts.dryRun) await audit('create', { object, after: object }, opts.user);
  return {
    dryRun: Boolean(opts.dryRun),
    object: forDisplay(object),
    validation: validateCandidate(snapshot, object),
  };
}

/**
 * Replaces an object (`PUT …/istio/{kind}/{name}`). The body must carry the resourceVersion it
 * was edited from: the API server refuses a stale one with 409, which we answer with the current
 * object in `details.current` so the editor can offer a reload. Never an unconditional write.
 */
export async function updateIstioObject(
  namespace: string,
  kind: IstioKind,
  name: string,
  input: unknown,
  opts: WriteOptions = {},
  clients: KubeClients = kubeClients(),
): Promise<IstioWriteResult> {
  const parsed = parseIstioObject(input, namespace, { kind, name });
  if (!parsed.object.metadata.resourceVersion) {
    throw new AppError(
      'bad_request',
      'metadata.resourceVersion: required, so that a change someone else made is never overwritten; reload the object and edit again',
    );
  }
  await assertNamespace(clients, namespace);
  const [snapshot, before] = await Promise.all([
    loadSnapshot(clients, [namespace]),
    readIstioObject(clients, namespace, kind, name),
  ]);
  let replaced: IstioObject;
  try {
    replaced = (await clients.custom.replaceNamespacedCustomObject({
      ...target(parsed, namespace),
      name,
      body: parsed.object,
      dryRun: opts.dryRun ? 'All' : undefined,
      fieldValidation: 'Strict',
    })) as IstioObject;
  } catch (err) {
    const e = writeError(err, `updating ${kind} ${namespace}/${name}`);
    if (e.code !== 'conflict') throw e;
    const current = await readIstioObject(clients, namespace, kind, name);
    throw new AppError(
      'conflict',
      `${kind} ${namespace}/${name} was changed by someone else since you loaded it (you edited version ${parsed.object.metadata.resourceVersion}, it is now ${current.metadata.resourceVersion}); reload it and apply your edit again`,
      { upstream: 'kubernetes', details: { current: forDisplay(current) } },
    );
  }
  const object = { ...replaced, kind };
  if (!opts.dryRun) await audit('update', { object, before, after: object }, opts.user);
  return {
    dryRun: Boolean(opts.dryRun),
    object: forDisplay(object),
    validation: validateCandidate(snapshot, object),
  };
}

/** The 409 for a delete of a version that is no longer the stored one. */
function changedSince(kind: IstioKind, current: IstioObject, seen: string): AppError {
  const { namespace, name, resourceVersion } = current.metadata;
  return new AppError(
    'conflict',
    `${kind} ${namespace}/${name} was changed by someone else since you loaded it (you saw version ${seen}, it is now ${resourceVersion}); nothing was deleted`,
    { upstream: 'kubernetes', details: { current: forDisplay(current) } },
  );
}

/**
 * Deletes an object (`DELETE …/istio/{kind}/{name}`); 404 when it is already gone. With
 * `resourceVersion` (the version the user looked at) it deletes only that version: a change made
 * since is a 409 with the current object, enforced by the API server's delete precondition so an
 * edit landing between our read and the delete is caught too.
 */
export async function deleteIstioObject(
  namespace: string,
  kind: IstioKind,
  name: string,
  opts: Pick<WriteOptions, 'user'> & { resourceVersion?: string } = {},
  clients: KubeClients = kubeClients(),
): Promise<{ deleted: IstioObjectRef }> {
  await assertNamespace(clients, namespace);
  const before = await readIstioObject(clients, namespace, kind, name);
  const seen = opts.resourceVersion;
  if (seen !== undefined && seen !== before.metadata.resourceVersion)
    throw changedSince(kind, before, seen);
  const info = kindInfo(kind);
  const version = before.apiVersion.split('/')[1] ?? info.versions[0];
  try {
    await clients.custom.deleteNamespacedCustomObject({
      group: info.group,
      version,
      namespace,
      plural: info.plural,
      name,
      ...(seen !== undefined ? { body: { preconditions: { resourceVersion: seen } } } : {}),
    });
  } catch (err) {
    const e = kubeError(err, `deleting ${kind} ${namespace}/${name}`);
    if (e.code !== 'conflict' || seen === undefined) throw e;
    throw changedSince(kind, await readIstioObject(clients, namespace, kind, name), seen);
  }
  await audit('delete', { object: before, before }, opts.user);
  return { deleted: { kind, namespace, name } };
}
