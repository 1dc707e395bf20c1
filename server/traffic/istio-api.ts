import 'server-only';

import type { KubeClients } from '@/server/kube/client';
import { kubeError, mergePatch } from '@/server/kube/client';

import type { Json } from '../istio/traffic-split';

/**
 * Reads and writes VirtualServices and DestinationRules through CustomObjectsApi. Istio serves
 * the same objects as v1, v1beta1 and v1alpha3 (older control planes only the latter two), so
 * the first version the cluster answers for is used to read, and each object is written back in
 * the version it was last applied with (kubectl's last-applied annotation), so a v1beta1 object
 * stays v1beta1 in the user's eyes.
 */

export const ISTIO_GROUP = 'networking.istio.io';
const VERSIONS = ['v1', 'v1beta1', 'v1alpha3'] as const;

/** A Kubernetes object as JSON, with the metadata fields Meshscope reads typed. */
export interface KubeObject extends Json {
  apiVersion: string;
  kind: string;
  metadata: {
    name: string;
    namespace?: string;
    resourceVersion?: string;
    creationTimestamp?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
    [k: string]: unknown;
  };
  spec?: Json;
}

/** An object to create: the apiVersion may be left to the served version. */
export interface NewObject {
  apiVersion?: string;
  kind: string;
  metadata: KubeObject['metadata'];
  spec: Json;
}

export type IstioKind = 'VirtualService' | 'DestinationRule';
const PLURAL: Record<IstioKind, string> = {
  VirtualService: 'virtualservices',
  DestinationRule: 'destinationrules',
};

const served = new WeakMap<KubeClients, string>();

/** The first Istio networking version the cluster serves, probed once per client set. */
async function servedVersion(k: KubeClients, namespace: string): Promise<string> {
  const known = served.get(k);
  if (known) return known;
  let lastErr: unknown;
  for (const version of VERSIONS) {
    try {
      await k.custom.listNamespacedCustomObject({
        group: ISTIO_GROUP,
        version,
        namespace,
        plural: 'destinationrules',
        limit: 1,
      });
      served.set(k, version);
      return version;
    } catch (err) {
      lastErr = err;
      // 404 here means "this version is not served"; anything else is a real failure.
      if (kubeError(err, 'probing Istio API versions').code !== 'not_found') break;
    }
  }
  throw kubeError(lastErr, 'listing Istio networking resources');
}

/** All objects of a kind in a namespace. */
export async function listIstio(
  k: KubeClients,
  kind: IstioKind,
  namespace: string,
): Promise<KubeObject[]> {
  const version = await servedVersion(k, namespace);
  try {
    const list = (await k.custom.listNamespacedCustomObject({
      group: ISTIO_GROUP,
      version,
      namespace,
      plural: PLURAL[kind],
    })) as { items?: KubeObject[] };
    return (list.items ?? []).map((o) => ({ ...o, apiVersion: writeApiVersion(o) }));
  } catch (err) {
    throw kubeError(err, `listing ${PLURAL[kind]} in ${namespace}`);
  }
}

/** One object, or undefined when it does not exist. */
export async function getIstio(
  k: KubeClients,
  kind: IstioKind,
  namespace: string,
  name: string,
): Promise<KubeObject | undefined> {
  const version = await servedVersion(k, namespace);
  try {
    const o = (await k.custom.getNamespacedCustomObject({
      group: ISTIO_GROUP,
      version,
      namespace,
      plural: PLURAL[kind],
      name,
    })) as KubeObject;
    return { ...o, apiVersion: writeApiVersion(o) };
  } catch (err) {
    const e = kubeError(err, `reading ${kind} ${namespace}/${name}`);
    if (e.code === 'not_found') return undefined;
    throw e;
  }
}

/**
 * Merge-patches an object in its own apiVersion. `patch` should carry
 * `metadata.resourceVersion`: the API server then rejects the write with 409 when the object
 * changed since it was read, instead of silently overwriting someone else's edit.
 */
export async function patchIstio(
  k: KubeClients,
  obj: KubeObject,
  patch: Json,
  dryRun = false,
): Promise<KubeObject> {
  const kind = obj.kind as IstioKind;
  try {
    return (await k.custom.patchNamespacedCustomObject(
      {
        group: ISTIO_GROUP,
        version: versionOf(obj.apiVersion),
        namespace: obj.metadata.namespace ?? '',
        plural: PLURAL[kind],
        name: obj.metadata.name,
        body: patch,
        fieldManager: 'meshscope',
        dryRun: dryRun ? 'All' : undefined,
      },
      mergePatch,
    )) as KubeObject;
  } catch (err) {
    throw kubeError(err, `patching ${kind} ${obj.metadata.namespace}/${obj.metadata.name}`);
  }
}

/** Creates an object (in the served version unless `obj.apiVersion` says otherwise). */
export async function createIstio(
  k: KubeClients,
  obj: NewObject,
  dryRun = false,
): Promise<KubeObject> {
  const namespace = obj.metadata.namespace ?? '';
  const version = obj.apiVersion ? versionOf(obj.apiVersion) : await servedVersion(k, namespace);
  const body = { ...obj, apiVersion: `${ISTIO_GROUP}/${version}` };
  try {
    return (await k.custom.createNamespacedCustomObject({
      group: ISTIO_GROUP,
      version,
      namespace,
      plural: PLURAL[obj.kind as IstioKind],
      body,
      fieldManager: 'meshscope',
      dryRun: dryRun ? 'All' : undefined,
    })) as KubeObject;
  } catch (err) {
    throw kubeError(err, `creating ${obj.kind} ${namespace}/${obj.metadata.name}`);
  }
}

/**
 * Deletes an object (used when undoing a change that created it): only the version given, so a
 * change made since it was read is a conflict (409), not lost. Already gone is fine.
 */
export async function deleteIstio(k: KubeClients, obj: KubeObject): Promise<void> {
  const resourceVersion = obj.metadata.resourceVersion;
  try {
    await k.custom.deleteNamespacedCustomObject({
      group: ISTIO_GROUP,
      version: versionOf(obj.apiVersion),
      namespace: obj.metadata.namespace ?? '',
      plural: PLURAL[obj.kind as IstioKind],
      name: obj.metadata.name,
      ...(resourceVersion ? { body: { preconditions: { resourceVersion } } } : {}),
    });
  } catch (err) {
    const e = kubeError(err, `deleting ${obj.kind} ${obj.metadata.name}`);
    if (e.code !== 'not_found') throw e;
  }
}

/**
 * The apiVersion to address an object with: the version it was last applied with when kubectl
 * recorded one (the user's version), else the version it was served in.
 */
export function writeApiVersion(obj: KubeObject): string {
  const last = obj.metadata?.annotations?.['kubectl.kubernetes.io/last-applied-configuration'];
  if (last) {
    try {
      const v = (JSON.parse(last) as { apiVersion?: unknown }).apiVersion;
      if (typeof v === 'string' && VERSIONS.some((x) => v === `${ISTIO_GROUP}/${x}`)) return v;
    } catch {
      // A hand-edited annotation is not worth failing a read over.
    }
  }
  return obj.apiVersion;
}

function versionOf(apiVersion: string): string {
  const v = apiVersion.split('/')[1];
  return v && (VERSIONS as readonly string[]).includes(v) ? v : 'v1';
}
