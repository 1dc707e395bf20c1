import { useQuery } from '@tanstack/react-query';

import type { TraceView } from '@/server/model/trace';

import { fetchJson } from './fetch-json';
import { queryKeys } from './keys';

/**
 * One trace, ready to render (rows, critical path and summary computed on the server). A trace
 * is immutable once complete; a short staleTime still picks up late spans on a revisit.
 */
export function useTrace(traceId: string) {
  return useQuery({
    queryKey: queryKeys.traces.trace(traceId),
    queryFn: ({ signal }) =>
      fetchJson<TraceView>(`/api/traces/${encodeURIComponent(traceId)}`, { signal }),
    staleTime: 30_000,
    retry: false,
  });
}
