import { keepPreviousData, useQuery } from '@tanstack/react-query';

import type { TraceSearchParams, TraceSearchResult } from '@/server/model/trace';

import { fetchJson } from './fetch-json';
import { queryKeys } from './keys';

/** Builds the query string of `/api/traces` from the search form; empty fields are omitted. */
export function traceSearchQueryString(params: TraceSearchParams): string {
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v !== undefined && v !== '' && v !== null) qs.set(k, String(v));
  }
  return qs.toString();
}

/**
 * Trace search (`GET /api/traces`). Disabled while `params` is undefined (no service chosen yet).
 * `refetchInterval` lets panels keep "recent traces" current; the previous results stay on screen
 * while a new search runs.
 */
export function useTraceSearch(
  params: TraceSearchParams | undefined,
  options: { refetchInterval?: number } = {},
) {
  return useQuery({
    queryKey: queryKeys.traces.search(params ?? {}),
    queryFn: ({ signal }) =>
      fetchJson<TraceSearchResult>(`/api/traces?${traceSearchQueryString(params ?? {})}`, {
        signal,
      }),
    enabled: params !== undefined,
    placeholderData: keepPreviousData,
    refetchInterval: options.refetchInterval,
  });
}
