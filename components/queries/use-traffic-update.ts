import { useMutation, useQueryClient } from '@tanstack/react-query';

import type { TrafficUpdate, TrafficUpdateResult } from '@/server/model/traffic';

import { fetchJson } from './fetch-json';
import { queryKeys } from './keys';
import { trafficUrl } from './use-traffic';

/**
 * Writes a new split (PUT). On success the split, the Istio config lists, the audit trail and
 * the graph are refreshed, since all of them show what just changed.
 */
export function useTrafficUpdate(namespace: string, service: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: TrafficUpdate) =>
      fetchJson<TrafficUpdateResult>(trafficUrl(namespace, service), { method: 'PUT', body }),
    onSuccess: (_data, body) => {
      // A dry run changed nothing, so there is nothing to refresh.
      if (body.dryRun) return;
      void client.invalidateQueries({ queryKey: queryKeys.istio.all });
      void client.invalidateQueries({ queryKey: queryKeys.audit() });
      void client.invalidateQueries({ queryKey: queryKeys.graph.all });
    },
  });
}
