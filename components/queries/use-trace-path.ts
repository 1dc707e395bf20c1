import { useQuery } from '@tanstack/react-query';

import type { TracePath } from '@/server/model/trace';

import { fetchJson } from './fetch-json';
import { queryKeys } from './keys';

/**
 * The service-to-service hops of one trace, for highlighting it on the graph
 * (`/graph?…&trace=<id>`). Disabled while `traceId` is undefined. A trace never changes once
 * complete, so the result stays fresh for a minute.
 */
export function useTracePath(traceId: string | undefined) {
  return useQuery({
    queryKey: queryKeys.traces.path(traceId ?? ''),
    queryFn: ({ signal }) =>
      fetchJson<TracePath>(`/api/traces/${encodeURIComponent(traceId ?? '')}/path`, { signal }),
    enabled: Boolean(traceId),
    staleTime: 60_000,
  });
}
