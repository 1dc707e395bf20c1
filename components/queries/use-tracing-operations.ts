import { useQuery } from '@tanstack/react-query';

import type { TracingOperations } from '@/server/model/trace';

import { fetchJson } from './fetch-json';
import { queryKeys } from './keys';

/** Operations of one service, for the search form; disabled without a service. */
export function useTracingOperations(service: string | undefined) {
  return useQuery({
    queryKey: queryKeys.traces.operations(service ?? ''),
    queryFn: ({ signal }) =>
      fetchJson<TracingOperations>(
        `/api/tracing/services/${encodeURIComponent(service ?? '')}/operations`,
        { signal },
      ),
    enabled: Boolean(service),
    staleTime: 30_000,
  });
}
