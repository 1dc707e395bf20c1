import { useMutation, useQueryClient } from '@tanstack/react-query';

import type { IstioWriteResult } from '@/server/model/istio-config';

import { fetchJson } from './fetch-json';
import { queryKeys } from './keys';
import { istioListUrl } from './use-istio-list';
import { istioObjectUrl } from './use-istio-object';

/** A create (no `name`) or replace (with `kind` and `name`) of one object from YAML text. */
export interface IstioWrite {
  namespace: string;
  /** Set for a replace (PUT); absent for a create (POST). */
  target?: { kind: string; name: string };
  yaml: string;
  /** Validate only; nothing is saved. */
  dryRun?: boolean;
}

/**
 * Creates or replaces an Istio object. The YAML goes to the server as text so syntax errors
 * come back with line numbers. A real write refreshes the config lists, the audit trail and
 * the graph (badges and routing change with config).
 */
export function useIstioWrite() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ namespace, target, yaml, dryRun }: IstioWrite) => {
      const url = target
        ? istioObjectUrl(namespace, target.kind, target.name)
        : istioListUrl(namespace);
      return fetchJson<IstioWriteResult>(`${url}${dryRun ? '?dryRun=true' : ''}`, {
        method: target ? 'PUT' : 'POST',
        body: { yaml },
      });
    },
    onSuccess: (_data, vars) => {
      if (vars.dryRun) return;
      void client.invalidateQueries({ queryKey: queryKeys.istio.all });
      void client.invalidateQueries({ queryKey: queryKeys.audit() });
      void client.invalidateQueries({ queryKey: queryKeys.graph.all });
    },
  });
}
