import 'server-only';

import type { ConfigSnapshot } from '@/server/istio/validations';
import { keyOf, validateSnapshot } from '@/server/istio/validations';
import { type KubeClients, kubeClients, kubeError } from '@/server/kube/client';
import {
  ISTIO_KINDS,
  type IstioKind,
  type IstioObject,
  type IstioObjectDetail,
  type IstioObjectList,
  type IstioObjectSummary,
  type ObjectValidation,
  type ServiceVersions,
  type ValidationsResponse,
} from '@/server/model/istio-config';

import { kindInfo, readVersion } from './kinds';
import { assertNamespace, loadSnapshot } from './snapshot';

const VALID: ObjectValidation = { status: 'valid', checks: [] };

/** The hosts an object applies to, for the list's Hosts column. */
function hostsOf(o: IstioObject): string[] {
  const spec = o.spec ?? {};
  const list = (v: unknown) => (Array.isArray(v) ? v.filter((h) => typeof h === 'string') : []);
  if (typeof spec.host === 'string') return [spec.host];
  if (o.kind === 'Gateway' && Array.isArray(spec.servers)) {
    const hosts = spec.servers.flatMap((s: { hosts?: unknown }) => list(s?.hosts));
    return [...new Set(hosts)];
  }
  return list(spec.hosts);
}

export function toSummary(o: IstioObject, validation: ObjectValidation): IstioObjectSummary {
  return {
    kind: o.kind as IstioKind,
    namespace: o.metadata.namespace ?? '',
    name: o.metadata.name,
    apiVersion: o.apiVersion,
    resourceVersion: o.metadata.resourceVersion ?? '',
    createdAt: o.metadata.creationTimestamp ?? '',
    hosts: hostsOf(o),
    validation,
  };
}

/** Drops what `kubectl get -o yaml` hides too: managedFields are noise in an editor. */
export function forDisplay(o: IstioObject): IstioObject {
  const { managedFields: _hidden, ...metadata } = o.metadata;
  return { ...o, metadata: metadata as IstioObject['metadata'] };
}

function serviceVersions(snapshot: ConfigSnapshot, namespace: string): ServiceVersions[] {
  return snapshot.services
    .filter((s) => s.namespace === namespace)
    .map((s) => {
      const selector = Object.entries(s.selector);
      const versions = new Set<string>();
      if (selector.length) {
        for (const w of snapshot.workloads) {
          if (w.namespace !== namespace) continue;
          if (!selector.every(([k, v]) => w.labels[k] === v)) continue;
          if (w.labels.version) versions.add(w.labels.version);
        }
      }
      return { name: s.name, versions: [...versions].sort() };
    })
    .sort((a, b) => a.name.localeCompare(b.name));
}

const kindOrder = (k: string) => ISTIO_KINDS.indexOf(k as IstioKind);

/** Every Istio object in `namespace` with its validation, plus the services (for wizards). */
export async function listIstioConfig(
  namespace: string,
  clients: KubeClients = kubeClients(),
): Promise<IstioObjectList> {
  await assertNamespace(clients, namespace);
  const snapshot = await loadSnapshot(clients, [namespace]);
  const validations = validateSnapshot(snapshot, [namespace]);
  const items = snapshot.objects
    .filter((o) => o.metadata.namespace === namespace)
    .map((o) => toSummary(o, validations.get(keyOf(o)) ?? VALID))
    .sort((a, b) => kindOrder(a.kind) - kindOrder(b.kind) || a.name.localeCompare(b.name));
  return { namespace, items, services: serviceVersions(snapshot, namespace) };
}

/** Every object with findings in the given namespaces (for graph badges). */
export async function listValidations(
  namespaces: readonly string[],
  clients: KubeClients = kubeClients(),
): Promise<ValidationsResponse> {
  await Promise.all(namespaces.map((ns) => assertNamespace(clients, ns)));
  const snapshot = await loadSnapshot(clients, namespaces);
  const validations = validateSnapshot(snapshot, namespaces);
  const items: ValidationsResponse['items'] = [];
  for (const o of snapshot.objects) {
    const v = validations.get(keyOf(o));
    if (!v || v.checks.length === 0) continue;
    items.push({
      kind: o.kind as IstioKind,
      namespace: o.metadata.namespace ?? '',
      name: o.metadata.name,
      validation: v,
    });
  }
  return { namespaces: [...namespaces], items };
}

/** Reads one object as the API server has it (in the group's preferred version). */
export async function readIstioObject(
  clients: KubeClients,
  namespace: string,
  kind: IstioKind,
  name: string,
): Promise<IstioObject> {
  const info = kindInfo(kind);
  const version = await readVersion(clients, info);
  try {
    const o = (await clients.custom.getNamespacedCustomObject({
      group: info.group,
      version,
      namespace,
      plural: info.plural,
      name,
    })) as IstioObject;
    return { ...o, kind, apiVersion: o.apiVersion || `${info.group}/${version}` };
  } catch (err) {
    throw kubeError(err, `reading ${kind} ${namespace}/${name}`);
  }
}

/** One object with its validation against the current state of the mesh. */
export async function getIstioObject(
  namespace: string,
  kind: IstioKind,
  name: string,
  clients: KubeClients = kubeClients(),
): Promise<IstioObjectDetail> {
  await assertNamespace(clients, namespace);
  const [object, snapshot] = await Promise.all([
    readIstioObject(clients, namespace, kind, name),
    loadSnapshot(clients, [namespace]),
  ]);
  const validation = validateSnapshot(snapshot, [namespace]).get(keyOf(object)) ?? VALID;
  return { summary: toSummary(object, validation), object: forDisplay(object) };
}
