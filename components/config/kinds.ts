import { ISTIO_KINDS, type IstioKind } from '@/server/model/istio-config';

/** The kinds in the filter, in the order the list shows them: the server's own list. */
export const CONFIG_KINDS: readonly IstioKind[] = ISTIO_KINDS;

/** Short names as kubectl knows them, used as compact badges in the table. */
export const KIND_SHORT: Record<IstioKind, string> = {
  VirtualService: 'VS',
  DestinationRule: 'DR',
  Gateway: 'GW',
  ServiceEntry: 'SE',
  Sidecar: 'SC',
  WorkloadEntry: 'WE',
  PeerAuthentication: 'PA',
  AuthorizationPolicy: 'AP',
  RequestAuthentication: 'RA',
  EnvoyFilter: 'EF',
};

/** The detail page of an object. */
export function configPath(namespace: string, kind: string, name: string): string {
  return `/config/${encodeURIComponent(namespace)}/${kind.toLowerCase()}/${encodeURIComponent(name)}`;
}
