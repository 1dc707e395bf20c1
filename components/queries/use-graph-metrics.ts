import { keepPreviousData, useQuery } from '@tanstack/react-query';

import type { MetricsDirection, TrafficMetrics } from '@/server/model/metrics';

import { fetchJson } from './fetch-json';
import { queryKeys } from './keys';

export type GraphMetricsTarget =
  | { kind: 'node'; node: string; direction: MetricsDirection }
  | { kind: 'edge'; source: string; target: string };

export interface GraphMetricsParams {
  target: GraphMetricsTarget;
  /** Window in seconds. */
  duration: number;
  /** End of the window (replay), unix seconds. */
  queryTime?: number;
}

export function graphMetricsUrl(p: GraphMetricsParams): string {
  const q = new URLSearchParams({ duration: `${p.duration}s` });
  if (p.queryTime !== undefined) q.set('queryTime', String(p.queryTime));
  if (p.target.kind === 'node') {
    q.set('node', p.target.node);
    q.set('direction', p.target.direction);
    return `/api/metrics?${q}`;
  }
  q.set('source', p.target.source);
  q.set('target', p.target.target);
  return `/api/metrics/edge?${q}`;
}

/** Time series behind the side-panel sparklines for the selected node or edge. */
export function useGraphMetrics(params: GraphMetricsParams | undefined, refreshMs: number) {
  return useQuery({
    queryKey: queryKeys.metrics.byQuery(params ?? {}),
    queryFn: ({ signal }) => fetchJson<TrafficMetrics>(graphMetricsUrl(params!), { signal }),
    enabled: !!params,
    refetchInterval: refreshMs > 0 && params?.queryTime === undefined ? refreshMs : false,
    placeholderData: keepPreviousData,
  });
}
