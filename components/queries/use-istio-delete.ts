import { useMutation, useQueryClient } from '@tanstack/react-query';

import type { IstioObjectRef } from '@/server/model/istio-config';

import { fetchJson } from './fetch-json';
import { queryKeys } from './keys';
import { istioObjectUrl } from './use-istio-object';

export interface DeleteTarget {
  namespace: string;
  kind: string;
  name: string;
  /** The version shown to the user: if it changed since, the server answers 409 and keeps it. */
  resourceVersion?: string;
}

/** Deletes one Istio object, then refreshes the lists, the audit trail and the graph. */
export function useIstioDelete() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (ref: DeleteTarget) => {
      const url = istioObjectUrl(ref.namespace, ref.kind, ref.name);
      const query = ref.resourceVersion
        ? `?${new URLSearchParams({ resourceVersion: ref.resourceVersion })}`
        : '';
      return fetchJson<{ deleted: IstioObjectRef }>(`${url}${query}`, { method: 'DELETE' });
    },
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
