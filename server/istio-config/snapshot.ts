import 'server-only';

import type * as k8s from '@kubernetes/client-node';

import { AppError } from '@/server/http/app-error';
import type { ConfigSnapshot } from '@/server/istio/validations';
import { type KubeClients, kubeError } from '@/server/kube/client';
import type { IstioKind, IstioObject } from '@/server/model/istio-config';

import { ALL_KINDS, type KindInfo, readVersion } from './kinds';

/**
 * Kinds other namespaces' objects refer to (gateways by `ns/name`, hosts by FQDN, subsets via
 * DestinationRules anywhere): read cluster-wide so cross-namespace references resolve.
 */
const REFERENCED: readonly IstioKind[] = [
  'VirtualService',
  'DestinationRule',
  'Gateway',
  'ServiceEntry',
];

interface CustomList {
  items?: IstioObject[];
}

/** 404 for an unknown namespace; a list of a missing namespace would just come back empty. */
export async function assertNamespace(clients: KubeClients, namespace: string): Promise<void> {
  try {
    await clients.core.readNamespace({ name: namespace });
  } catch (err) {
    const e = kubeError(err, `reading namespace ${namespace}`);
    if (e.code === 'not_found')
      throw new AppError('not_found', `namespace "${namespace}" not found`);
    throw e;
  }
}

async function listKind(
  clients: KubeClients,
  info: KindInfo,
  namespaces: readonly string[],
): Promise<IstioObject[]> {
  const version = await readVersion(clients, info);
  const base = { group: info.group, version, plural: info.plural };
  try {
    if (REFERENCED.includes(info.kind)) {
      const list = (await clients.custom.listClusterCustomObject(base)) as CustomList;
      return withKind(list.items ?? [], info, version);
    }
    const lists = await Promise.all(
      namespaces.map(
        (namespace) =>
          clients.custom.listNamespacedCustomObject({ ...base, namespace }) as Promise<CustomList>,
      ),
    );
    return withKind(
      lists.flatMap((l) => l.items ?? []),
      info,
      version,
    );
  } catch (err) {
    // A cluster without this CRD (e.g. no security.istio.io) simply has none of the kind.
    const e = kubeError(err, `listing ${info.plural}`);
    if (e.code === 'not_found') return [];
    throw e;
  }
}

/** Lists carry apiVersion/kind per item on real servers, but not every server fills them in. */
function withKind(items: IstioObject[], info: KindInfo, version: string): IstioObject[] {
  return items.map((o) => ({
    ...o,
    apiVersion: o.apiVersion || `${info.group}/${version}`,
    kind: info.kind,
  }));
}

function workloadsOf(list: k8s.V1DeploymentList): ConfigSnapshot['workloads'] {
  return list.items.map((d) => ({
    name: d.metadata?.name ?? '',
    namespace: d.metadata?.namespace ?? '',
    labels: d.spec?.template.metadata?.labels ?? {},
  }));
}

function servicesOf(list: k8s.V1ServiceList): ConfigSnapshot['services'] {
  return list.items.map((s) => ({
    name: s.metadata?.name ?? '',
    namespace: s.metadata?.namespace ?? '',
    selector: s.spec?.selector ?? {},
  }));
}

/**
 * Reads everything the validations of `namespaces` need: their Istio objects of every kind, the
 * referenced kinds cluster-wide, and all services and deployments (for host and subset checks).
 */
export async function loadSnapshot(
  clients: KubeClients,
  namespaces: readonly string[],
): Promise<ConfigSnapshot> {
  const [objects, services, deployments] = await Promise.all([
    Promise.all(ALL_KINDS.map((info) => listKind(clients, info, namespaces))),
    clients.core.listServiceForAllNamespaces().catch((err: unknown) => {
      throw kubeError(err, 'listing services');
    }),
    clients.apps.listDeploymentForAllNamespaces().catch((err: unknown) => {
      throw kubeError(err, 'listing deployments');
    }),
  ]);
  return {
    objects: objects.flat(),
    services: servicesOf(services),
    workloads: workloadsOf(deployments),
  };
}
