import { useQuery } from '@tanstack/react-query';

import type { SpanDetail } from '@/server/model/trace';

import { fetchJson } from './fetch-json';
import { queryKeys } from './keys';

/** One span's tags, process, logs, references and warnings, fetched when its row is opened. */
export function useTraceSpan(traceId: string, spanId: string | undefined) {
  return useQuery({
    queryKey: queryKeys.traces.span(traceId, spanId ?? ''),
    queryFn: ({ signal }) =>
      fetchJson<SpanDetail>(
        `/api/traces/${encodeURIComponent(traceId)}/spans/${encodeURIComponent(spanId ?? '')}`,
        { signal },
      ),
    enabled: Boolean(spanId),
    staleTime: 60_000,
  });
}
