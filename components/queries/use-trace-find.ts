import { keepPreviousData, useQuery } from '@tanstack/react-query';

import type { TraceSearchMatches } from '@/server/model/trace';

import { fetchJson } from './fetch-json';
import { queryKeys } from './keys';

/**
 * Rows of a trace matching a search (service, operation, tags, logs, process tags, span ID).
 * Matching runs on the server, where the full spans already are, so the browser never holds
 * 50,000 spans' tags. Disabled for an empty query.
 */
export function useTraceFind(traceId: string, q: string) {
  const query = q.trim();
  return useQuery({
    queryKey: queryKeys.traces.find(traceId, query),
    queryFn: ({ signal }) =>
      fetchJson<TraceSearchMatches>(
        `/api/traces/${encodeURIComponent(traceId)}/search?q=${encodeURIComponent(query)}`,
        { signal },
      ),
    enabled: query.length > 0,
    placeholderData: keepPreviousData,
    staleTime: 60_000,
  });
}
