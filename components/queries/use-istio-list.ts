import { useQuery } from '@tanstack/react-query';

import type { IstioObjectList } from '@/server/model/istio-config';

import { fetchJson } from './fetch-json';
import { queryKeys } from './keys';

/** The URL of a namespace's Istio config collection (list, and POST to create). */
export function istioListUrl(namespace: string): string {
  return `/api/namespaces/${encodeURIComponent(namespace)}/istio`;
}

/**
 * Every Istio object in a namespace with its validation. Polled so that changes made elsewhere
 * (kubectl, the traffic editor) and the validations they affect show up without a reload.
 */
export function useIstioList(namespace: string | undefined) {
  return useQuery({
    queryKey: queryKeys.istio.list(namespace ?? ''),
    queryFn: ({ signal }) => fetchJson<IstioObjectList>(istioListUrl(namespace ?? ''), { signal }),
    enabled: Boolean(namespace),
    refetchInterval: 10_000,
  });
}
