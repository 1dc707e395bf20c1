import { useQuery } from '@tanstack/react-query';

import type { NamespaceInfo } from '@/server/model/graph';

import { fetchJson } from './fetch-json';
import { queryKeys } from './keys';

/** Namespaces with their health roll-up; they change rarely, so poll slowly. */
export function useNamespaces() {
  return useQuery({
    queryKey: queryKeys.namespaces(),
    queryFn: ({ signal }) => fetchJson<NamespaceInfo[]>('/api/namespaces', { signal }),
    refetchInterval: 60_000,
    staleTime: 30_000,
  });
}
