import { useQuery } from '@tanstack/react-query';

import type { StatusReport } from '@/server/model/status';

import { fetchJson } from './fetch-json';
import { queryKeys } from './keys';

/** Upstream reachability, polled every 15 s for the header indicator. */
export function useUpstreamStatus() {
  return useQuery({
    queryKey: queryKeys.status(),
    queryFn: ({ signal }) => fetchJson<StatusReport>('/api/status', { signal }),
    refetchInterval: 15_000,
  });
}
