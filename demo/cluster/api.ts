/**
 * The verbs on stored objects: get, list, create, update, patch, delete, deletecollection, with
 * the apiserver's concurrency, validation, status-subresource and dry-run rules. HTTP-free: the
 * server passes a parsed target and options and turns the result or ApiError into a response.
 */
import { parse as parseYaml } from 'yaml';

import { applyDefaults } from './defaults';
import {
  inStorage,
  inVersion,
  newUid,
  nowTimestamp,
  randomSuffix,
  sameObject,
  specChanged,
  touchManagedFields,
} from './meta';
import {
  applyMerge,
  jsonPatch,
  mergePatch,
  PatchApplyError,
  patchKind,
  strategicMerge,
} from './patch';
import { findResource, groupVersion, RESOURCES, type ResourceType } from './resources';
import { matchFields, matchLabels, parseFieldSelector, parseLabelSelector } from './selectors';
import {
  alreadyExists,
  ApiError,
  badRequest,
  conflict,
  invalid,
  notFound,
  preconditionFailed,
  type StatusCause,
} from './status';
import { clone, type KubeObject, type Store } from './store';
import { unknownFields, validateIstio, validateName } from './validation';

/** What a request addresses. */
export interface Target {
  resource: ResourceType;
  /** The served version the client used (responses are rewritten to it). */
  version: string;
  namespace?: string;
  name?: string;
  subresource?: string;
}

/** Query options for writes. */
export interface WriteOptions {
  dryRun: boolean;
  fieldManager?: string;
  fieldValidation: 'Strict' | 'Warn' | 'Ignore';
}

/** DeleteOptions.preconditions: delete only the object in this state. */
export interface DeletePreconditions {
  resourceVersion?: string;
  uid?: string;
}

/** A successful write: HTTP status, the object as served, and `Warning` header texts. */
export interface WriteResult {
  code: number;
  object: KubeObject;
  warnings: string[];
}

const NAMESPACES = RESOURCES.find((r) => r.plural === 'namespaces') as ResourceType;
const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

export class ClusterApi {
  constructor(readonly store: Store) {}

  get(t: Target): KubeObject {
    const obj = this.store.get(t.resource, t.namespace, t.name ?? '');
    if (!obj) throw notFound(t.resource.plural, t.resource.group, t.name ?? '');
    return inVersion(t.resource, obj, t.version);
  }

  /** Objects matching the selectors, in the requested version. */
  list(t: Target, labelSelector?: string | null, fieldSelector?: string | null): KubeObject[] {
    const labels = parseLabelSelector(labelSelector);
    const fields = parseFieldSelector(fieldSelector, t.resource.plural);
    return this.store
      .list(t.resource, t.resource.namespaced ? t.namespace : undefined)
      .filter((o) => matchLabels(labels, o.metadata.labels) && matchFields(fields, o))
      .map((o) => inVersion(t.resource, o, t.version));
  }

  listObject(t: Target, items: KubeObject[]) {
    return {
      kind: t.resource.listKind,
      apiVersion: groupVersion(t.resource.group, t.version),
      metadata: { resourceVersion: String(this.store.resourceVersion) },
      items,
    };
  }

  private requireNamespace(ns: string | undefined): void {
    if (ns && !this.store.get(NAMESPACES, undefined, ns)) throw notFound('namespaces', '', ns);
  }

  /** Shape checks, field validation and schema validation common to every write. */
  private check(t: Target, body: unknown, opts: WriteOptions, warnings: string[]): KubeObject {
    const r = t.resource;
    if (!isObject(body))
      throw badRequest(`couldn't get version/kind; json parse error: expected a JSON object`);
    const obj = clone(body) as KubeObject;
    if (obj.kind !== undefined && obj.kind !== r.kind) {
      throw badRequest(
        `the kind in the data (${String(obj.kind)}) does not match the expected kind (${r.kind})`,
      );
    }
    if (obj.apiVersion !== undefined && obj.apiVersion !== groupVersion(r.group, t.version)) {
      const [g] = String(obj.apiVersion).includes('/') ? String(obj.apiVersion).split('/') : [''];
      if (g !== r.group || !r.versions.includes(String(obj.apiVersion).split('/').pop() ?? '')) {
        throw badRequest(
          `the API version in the data (${String(obj.apiVersion)}) does not match the expected API version (${groupVersion(r.group, t.version)})`,
        );
      }
    }
    if (!isObject(obj.metadata)) obj.metadata = { name: '' };
    if (r.custom) {
      // Strict rejects unknown fields; Warn and Ignore prune them, as for any structural CRD.
      const unknown = unknownFields(obj, opts.fieldValidation !== 'Strict');
      if (unknown.length && opts.fieldValidation === 'Strict') {
        throw badRequest(
          `${r.kind} in version "${t.version}" cannot be handled as a ${r.kind}: strict decoding error: ${unknown.map((f) => `unknown field "${f}"`).join(', ')}`,
        );
      }
      if (opts.fieldValidation === 'Warn')
        for (const f of unknown) warnings.push(`unknown field "${f}"`);
    }
    return obj;
  }

  private validate(t: Target, obj: KubeObject): void {
    const r = t.resource;
    const causes: StatusCause[] = [
      ...validateName(obj.metadata.name, r.plural === 'namespaces' || r.plural === 'services'),
      ...(r.custom ? validateIstio(obj) : []),
    ];
    if (causes.length) throw invalid(r.kind, r.group, obj.metadata.name || '', causes);
  }

  create(
    t: Target,
    body: unknown,
    opts: WriteOptions,
    op: 'Apply' | 'Update' = 'Update',
  ): WriteResult {
    const r = t.resource;
    const warnings: string[] = [];
    const obj = clone(this.check(t, body, opts, warnings));
    const meta = obj.metadata;
    if (r.namespaced) {
      if (meta.namespace && t.namespace && meta.namespace !== t.namespace) {
        throw badRequest(
          'the namespace of the provided object does not match the namespace sent on the request',
        );
      }
      meta.namespace = t.namespace ?? meta.namespace;
      if (!meta.namespace)
        throw badRequest('a namespace is required to create a namespaced object');
    } else delete meta.namespace;
    if (!meta.name && meta.generateName) meta.name = `${meta.generateName}${randomSuffix()}`;
    this.validate(t, obj);
    this.requireNamespace(r.namespaced ? meta.namespace : undefined);
    if (this.store.get(r, meta.namespace, meta.name))
      throw alreadyExists(r.plural, r.group, meta.name);
    meta.uid = newUid();
    meta.creationTimestamp = nowTimestamp();
    delete meta.resourceVersion;
    delete meta.deletionTimestamp;
    if (r.generation) meta.generation = 1;
    else delete meta.generation;
    // Istio CRs get status only through /status.
    if (r.custom) delete obj.status;
    applyDefaults(this.store, r.plural, obj);
    touchManagedFields(obj, opts.fieldManager ?? 'unknown', op, groupVersion(r.group, t.version));
    return this.commit(t, obj, opts, 201, warnings);
  }

  /** PUT: full replacement with optimistic concurrency when the body carries a resourceVersion. */
  update(t: Target, body: unknown, opts: WriteOptions): WriteResult {
    const warnings: string[] = [];
    const next = clone(this.check(t, body, opts, warnings));
    if (next.metadata.name && next.metadata.name !== t.name) {
      throw badRequest(
        `the name of the object (${next.metadata.name}) does not match the name on the URL (${t.name})`,
      );
    }
    return this.replace(t, next, opts, warnings, 'Update');
  }

  patch(
    t: Target,
    body: Buffer,
    contentType: string | undefined,
    opts: WriteOptions & { force?: boolean },
  ): WriteResult {
    const r = t.resource;
    const kind = patchKind(contentType, r.custom);
    let patch: unknown;
    try {
      patch =
        kind === 'apply' ? parseYaml(body.toString('utf8')) : JSON.parse(body.toString('utf8'));
    } catch (err) {
      throw badRequest(`error decoding patch: ${(err as Error).message}`);
    }
    const current = this.store.get(r, t.namespace, t.name ?? '');
    if (kind === 'apply') {
      if (!opts.fieldManager) {
        throw badRequest(
          'PatchOptions.meta.k8s.io "" is invalid: fieldManager: Required value: is required for apply patch',
        );
      }
      if (!isObject(patch))
        throw badRequest('error decoding YAML: the apply body must be an object');
      const applied = patch as KubeObject;
      if (isObject(applied.metadata) && applied.metadata.name && applied.metadata.name !== t.name) {
        throw badRequest(
          `the name of the object (${String(applied.metadata.name)}) does not match the name on the URL (${t.name})`,
        );
      }
      if (!current) {
        if (t.subresource) throw notFound(r.plural, r.group, t.name ?? '');
        return this.create(
          t,
          { ...applied, metadata: { ...applied.metadata, name: t.name } },
          opts,
          'Apply',
        );
      }
    }
    if (!current) throw notFound(r.plural, r.group, t.name ?? '');
    const served = inVersion(r, current, t.version);
    let result: unknown;
    try {
      if (kind === 'merge') result = mergePatch(served, patch);
      else if (kind === 'json') result = jsonPatch(served, patch);
      else if (kind === 'strategic') result = strategicMerge(served, patch);
      else result = applyMerge(served, patch);
    } catch (err) {
      if (err instanceof PatchApplyError) {
        throw new ApiError(
          422,
          'Invalid',
          `the server rejected our request due to an error in our request: ${err.message}`,
        );
      }
      throw err;
    }
    const warnings: string[] = [];
    const next = clone(this.check(t, result, opts, warnings));
    if (next.metadata.name !== t.name)
      throw badRequest('metadata.name cannot be changed by a patch');
    // A patch only acts as a precondition when it changed the resourceVersion it carries.
    if (next.metadata.resourceVersion === served.metadata.resourceVersion)
      delete next.metadata.resourceVersion;
    return this.replace(t, next, opts, warnings, kind === 'apply' ? 'Apply' : 'Update');
  }

  private replace(
    t: Target,
    next: KubeObject,
    opts: WriteOptions,
    warnings: string[],
    op: 'Apply' | 'Update',
  ): WriteResult {
    const r = t.resource;
    const old = this.store.get(r, t.namespace, t.name ?? '');
    if (!old) throw notFound(r.plural, r.group, t.name ?? '');
    const rv = next.metadata.resourceVersion;
    if (rv !== undefined && rv !== '' && rv !== old.metadata.resourceVersion)
      throw conflict(r.plural, r.group, old.metadata.name);
    let obj: KubeObject;
    if (t.subresource === 'status') {
      obj = { ...clone(old), status: next.status };
    } else {
      obj = next;
      const keep = [
        'uid',
        'creationTimestamp',
        'namespace',
        'generation',
        'deletionTimestamp',
        'managedFields',
      ] as const;
      for (const k of keep) {
        if (old.metadata[k] === undefined) delete obj.metadata[k];
        else (obj.metadata as Record<string, unknown>)[k] = clone(old.metadata[k]);
      }
      obj.metadata.name = old.metadata.name;
      if (r.subresources.includes('status')) {
        if (old.status === undefined) delete obj.status;
        else obj.status = clone(old.status);
      }
    }
    this.validate(t, obj);
    applyDefaults(this.store, r.plural, obj, old);
    if (r.generation && specChanged(inStorage(r, old), inStorage(r, obj))) {
      obj.metadata.generation = (old.metadata.generation ?? 0) + 1;
    }
    obj.metadata.resourceVersion = old.metadata.resourceVersion;
    touchManagedFields(
      obj,
      opts.fieldManager ?? 'unknown',
      op,
      groupVersion(r.group, t.version),
      t.subresource,
    );
    const unchanged = sameObject(inStorage(r, old), inStorage(r, obj));
    if (unchanged) return { code: 200, object: inVersion(r, old, t.version), warnings };
    return this.commit(t, obj, opts, 200, warnings);
  }

  private commit(
    t: Target,
    obj: KubeObject,
    opts: WriteOptions,
    code: number,
    warnings: string[],
  ): WriteResult {
    const r = t.resource;
    if (opts.dryRun) return { code, object: inVersion(r, obj, t.version), warnings };
    if (obj.metadata.deletionTimestamp && !obj.metadata.finalizers?.length) {
      // The last finalizer is gone: the pending deletion completes now.
      this.deleteDependents(obj);
      const last = this.store.remove(r, obj.metadata.namespace, obj.metadata.name) ?? obj;
      return { code, object: inVersion(r, last, t.version), warnings };
    }
    const stored = this.store.put(r, inStorage(r, obj));
    return { code, object: inVersion(r, stored, t.version), warnings };
  }

  /**
   * DELETE: returns the last state; a namespace takes its contents with it, owners their
   * dependents. `preconditions` (DeleteOptions) must match the stored object, else 409.
   */
  delete(
    t: Target,
    opts: { dryRun: boolean; orphan?: boolean; preconditions?: DeletePreconditions },
  ): KubeObject {
    const r = t.resource;
    const obj = this.store.get(r, t.namespace, t.name ?? '');
    if (!obj) throw notFound(r.plural, r.group, t.name ?? '');
    const { resourceVersion, uid } = opts.preconditions ?? {};
    const name = obj.metadata.name;
    if (resourceVersion && resourceVersion !== obj.metadata.resourceVersion)
      throw preconditionFailed(
        r.plural,
        r.group,
        name,
        'ResourceVersion',
        resourceVersion,
        obj.metadata.resourceVersion ?? '',
      );
    if (uid && uid !== obj.metadata.uid)
      throw preconditionFailed(r.plural, r.group, name, 'UID', uid, obj.metadata.uid ?? '');
    if (opts.dryRun) return inVersion(r, obj, t.version);
    if (obj.metadata.finalizers?.length) {
      // With finalizers the object only gets a deletionTimestamp; the last finalizer removal
      // (an update) deletes it.
      if (!obj.metadata.deletionTimestamp) {
        obj.metadata.deletionTimestamp = nowTimestamp();
        obj.metadata.deletionGracePeriodSeconds = 0;
        return inVersion(r, this.store.put(r, obj), t.version);
      }
      return inVersion(r, obj, t.version);
    }
    if (r.plural === 'namespaces') {
      for (const type of RESOURCES) {
        if (!type.namespaced) continue;
        for (const o of this.store.list(type, obj.metadata.name))
          this.store.remove(type, o.metadata.namespace, o.metadata.name);
      }
    } else if (!opts.orphan) {
      this.deleteDependents(obj);
    }
    const last = this.store.remove(r, t.namespace, t.name ?? '') ?? obj;
    return inVersion(r, last, t.version);
  }

  /** Garbage collection by ownerReferences (Deployment → ReplicaSet → Pod). */
  deleteDependents(owner: KubeObject): void {
    const uid = owner.metadata.uid;
    if (!uid) return;
    for (const type of RESOURCES) {
      if (!type.namespaced) continue;
      for (const o of this.store.list(type, owner.metadata.namespace)) {
        if (o.metadata.ownerReferences?.some((ref) => ref.uid === uid)) {
          this.deleteDependents(o);
          this.store.remove(type, o.metadata.namespace, o.metadata.name);
        }
      }
    }
  }

  deleteCollection(
    t: Target,
    labelSelector: string | null,
    fieldSelector: string | null,
    dryRun: boolean,
  ) {
    const items = this.list(t, labelSelector, fieldSelector).map((o) =>
      this.delete({ ...t, namespace: o.metadata.namespace, name: o.metadata.name }, { dryRun }),
    );
    return this.listObject(t, items);
  }
}

/** Looks up a type by group/version/plural for callers outside the HTTP layer. */
export function target(
  group: string,
  version: string,
  plural: string,
  namespace?: string,
  name?: string,
): Target {
  const resource = findResource(group, version, plural);
  if (!resource) throw new Error(`no resource ${group}/${version}/${plural}`);
  return { resource, version, namespace, name };
}
