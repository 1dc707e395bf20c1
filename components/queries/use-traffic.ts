import { useQuery } from '@tanstack/react-query';

import type { TrafficSplit } from '@/server/model/traffic';

import { fetchJson } from './fetch-json';
import { queryKeys } from './keys';

/** The URL of one service's traffic split; only the traffic hooks build it. */
export function trafficUrl(namespace: string, service: string): string {
  return `/api/namespaces/${encodeURIComponent(namespace)}/services/${encodeURIComponent(service)}/traffic`;
}

/** The current traffic split of one service, for the default or a chosen http route. */
export function useTraffic(namespace: string, service: string, route?: number) {
  return useQuery({
    queryKey: [...queryKeys.istio.traffic(namespace, service), route ?? 'default'],
    queryFn: ({ signal }) => {
      const q = route === undefined ? '' : `?route=${route}`;
      return fetchJson<TrafficSplit>(`${trafficUrl(namespace, service)}${q}`, { signal });
    },
    enabled: Boolean(namespace && service),
  });
}
