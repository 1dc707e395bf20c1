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
  /**
   * Latency quantile the view needs on edges, or `none` for the average only. Quantiles are the
   * dearest part of a graph for Prometheus (every histogram bucket), so the page asks for one only
   * when an edge label or a Find/Hide expression shows it.
   */
  responseTime: 'none' | 'p95' | 'p99';
  /**
   * Whether http/grpc edges need their bytes/s: the largest answer a graph gets from Prometheus,
   * so asked for only when an edge label or a Find/Hide expression shows throughput.
   */
  throughput: boolean;
}

/** The quantile a view needs: its edge label's, p95 for `rt` in Find/Hide, else none. */
export function responseTimeFor(
  edgeLabels: string,
  expressions: readonly string[],
): MeshGraphParams['responseTime'] {
  if (edgeLabels === 'rtP99') return 'p99';
  if (edgeLabels === 'rtP95') return 'p95';
  return expressions.some((e) => /\b(rt|responsetime)\b/i.test(e)) ? 'p95' : 'none';
}

/** Whether a view shows throughput: its edge label, or `throughput` in Find/Hide. */
export function throughputFor(edgeLabels: string, expressions: readonly string[]): boolean {
  return edgeLabels === 'throughput' || expressions.some((e) => /\bthroughput\b/i.test(e));
}

export function meshGraphUrl(p: MeshGraphParams): string {
  const q = new URLSearchParams({
    namespaces: p.namespaces.join(','),
    graphType: p.graphType,
    duration: `${p.duration}s`,
    injectServiceNodes: String(p.injectServiceNodes),
    idleNodes: String(p.idleNodes),
    idleEdges: String(p.idleEdges),
    responseTime: p.responseTime,
    throughput: String(p.throughput),
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
