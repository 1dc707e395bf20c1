import { useQuery } from '@tanstack/react-query';

import type { TracingServices } from '@/server/model/trace';

import { fetchJson } from './fetch-json';
import { queryKeys } from './keys';

/** Services known to Jaeger, for the search form. */
export function useTracingServices() {
  return useQuery({
    queryKey: queryKeys.traces.services(),
    queryFn: ({ signal }) => fetchJson<TracingServices>('/api/tracing/services', { signal }),
    staleTime: 30_000,
  });
}
