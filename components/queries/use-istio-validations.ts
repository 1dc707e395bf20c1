import { useQuery } from '@tanstack/react-query';

import type { ValidationsResponse } from '@/server/model/istio-config';

import { fetchJson } from './fetch-json';
import { queryKeys } from './keys';

/** Objects with validation findings in the given namespaces (graph badges). */
export function useIstioValidations(namespaces: readonly string[]) {
  const list = [...namespaces].sort();
  return useQuery({
    queryKey: queryKeys.istio.validations(list),
    queryFn: ({ signal }) =>
      fetchJson<ValidationsResponse>(
        `/api/istio/validations?namespaces=${encodeURIComponent(list.join(','))}`,
        { signal },
      ),
    enabled: list.length > 0,
    refetchInterval: 15_000,
  });
}
