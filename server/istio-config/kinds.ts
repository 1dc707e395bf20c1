import 'server-only';

import * as k8s from '@kubernetes/client-node';

import type { KubeClients } from '@/server/kube/client';
import { ISTIO_KINDS, type IstioKind, kindPlural } from '@/server/model/istio-config';

/** Where a kind lives in the Kubernetes API. */
export interface KindInfo {
  kind: IstioKind;
  group: 'networking.istio.io' | 'security.istio.io';
  plural: string;
  /** Versions Istio serves for the kind, newest first. */
  versions: readonly string[];
}

const NETWORKING = ['v1', 'v1beta1', 'v1alpha3'] as const;
const SECURITY = ['v1', 'v1beta1'] as const;
const SECURITY_KINDS: readonly IstioKind[] = [
  'PeerAuthentication',
  'AuthorizationPolicy',
  'RequestAuthentication',
];

export function kindInfo(kind: IstioKind): KindInfo {
  const security = SECURITY_KINDS.includes(kind);
  return {
    kind,
    group: security ? 'security.istio.io' : 'networking.istio.io',
    plural: kindPlural(kind),
    // EnvoyFilter never left v1alpha3.
    versions: kind === 'EnvoyFilter' ? ['v1alpha3'] : security ? SECURITY : NETWORKING,
  };
}

export const ALL_KINDS: readonly KindInfo[] = ISTIO_KINDS.map(kindInfo);

const preferredCache = new WeakMap<KubeClients, Promise<Map<string, string>>>();

/**
 * The version to read each group in: the API server's preferred version from discovery (so a
 * cluster running an Istio that predates v1 still works), else the newest we know. Cached per
 * client set; a failed discovery is not cached.
 */
async function preferredVersions(clients: KubeClients): Promise<Map<string, string>> {
  let pending = preferredCache.get(clients);
  if (!pending) {
    pending = clients.kc
      .makeApiClient(k8s.ApisApi)
      .getAPIVersions()
      .then((list) => new Map(list.groups.map((g) => [g.name, g.preferredVersion?.version ?? ''])));
    preferredCache.set(clients, pending);
    pending.catch(() => preferredCache.delete(clients));
  }
  return pending;
}

/** The version Meshscope reads `kind` in on this cluster. */
export async function readVersion(clients: KubeClients, info: KindInfo): Promise<string> {
  let preferred: string | undefined;
  try {
    preferred = (await preferredVersions(clients)).get(info.group);
  } catch {
    preferred = undefined;
  }
  return preferred && info.versions.includes(preferred) ? preferred : info.versions[0];
}
