import { useQuery } from '@tanstack/react-query';

import type { IstioObjectDetail } from '@/server/model/istio-config';

import { fetchJson } from './fetch-json';
import { queryKeys } from './keys';
import { istioListUrl } from './use-istio-list';

/** The URL of one Istio object; the server accepts the Kind in any case as the segment. */
export function istioObjectUrl(namespace: string, kind: string, name: string): string {
  return `${istioListUrl(namespace)}/${encodeURIComponent(kind.toLowerCase())}/${encodeURIComponent(name)}`;
}

/**
 * One object and its validation. Not polled: the editor holds the user's edit, and a silent
 * refresh under it would be confusing; a stale save is caught by the 409 instead.
 */
export function useIstioObject(namespace: string, kind: string, name: string) {
  return useQuery({
    queryKey: queryKeys.istio.object(namespace, kind.toLowerCase(), name),
    queryFn: ({ signal }) =>
      fetchJson<IstioObjectDetail>(istioObjectUrl(namespace, kind, name), { signal }),
    staleTime: Infinity,
    retry: false,
  });
}
