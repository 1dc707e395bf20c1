import { keepPreviousData, useQuery } from '@tanstack/react-query';

import type { GraphType, MeshGraph } from '@/server/model/graph';

import { fetchJson } from './fetch-json';
import { queryKeys } from './keys';

export interface MeshGraphParams {
  namespaces: string[];
  graphType: GraphType;
  /** Window in seconds. */
  duration: number;
  /** End of the window (unix seconds) when replaying; undefined = now. */
  queryTime?: number;
  injectServiceNodes: boolean;
  idleNodes: boolean;
  idleEdges: boolean;
}

export function meshGraphUrl(p: MeshGraphParams): string {
  const q = new URLSearchParams({
    namespaces: p.namespaces.join(','),
    graphType: p.graphType,
    duration: `${p.duration}s`,
    injectServiceNodes: String(p.injectServiceNodes),
    idleNodes: String(p.idleNodes),
    idleEdges: String(p.idleEdges),
  });
  if (p.queryTime !== undefined) q.set('queryTime', String(p.queryTime));
  return `/api/namespaces/graph?${q}`;
}

/**
 * The topology graph, polled every `refreshMs` (0 = paused). While a new query loads (a refresh,
 * a new duration, a replay step) the previous graph stays on screen (placeholderData), and a
 * failed refresh keeps the last good data: the page shows the error beside it, not instead.
 */
export function useMeshGraph(params: MeshGraphParams | undefined, refreshMs: number) {
  return useQuery({
    queryKey: queryKeys.graph.byQuery(params ?? {}),
    queryFn: ({ signal }) => fetchJson<MeshGraph>(meshGraphUrl(params!), { signal }),
    enabled: !!params && params.namespaces.length > 0,
    refetchInterval: refreshMs > 0 && params?.queryTime === undefined ? refreshMs : false,
    placeholderData: keepPreviousData,
    // Polling replaces the data anyway; a replayed window never changes, so keep it a while.
    staleTime: params?.queryTime === undefined ? 1000 : 5 * 60_000,
  });
}
