import { useMutation, useQueryClient } from '@tanstack/react-query';

import type { IstioObjectRef } from '@/server/model/istio-config';

import { fetchJson } from './fetch-json';
import { queryKeys } from './keys';
import { istioObjectUrl } from './use-istio-object';

/** Deletes one Istio object, then refreshes the lists, the audit trail and the graph. */
export function useIstioDelete() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (ref: { namespace: string; kind: string; name: string }) =>
      fetchJson<{ deleted: IstioObjectRef }>(istioObjectUrl(ref.namespace, ref.kind, ref.name), {
        method: 'DELETE',
      }),
    onSuccess: (_data, ref) => {
      client.removeQueries({
        queryKey: queryKeys.istio.object(ref.namespace, ref.kind.toLowerCase(), ref.name),
      });
      void client.invalidateQueries({ queryKey: queryKeys.istio.all });
      void client.invalidateQueries({ queryKey: queryKeys.audit() });
      void client.invalidateQueries({ queryKey: queryKeys.graph.all });
    },
  });
}
