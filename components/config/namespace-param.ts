'use client';

import { useNamespaces } from '@/components/queries/use-namespaces';

/**
 * The namespace a config page shows: the `?namespace=` parameter, else `bookinfo` when it exists
 * (the demo), else the first namespace that is not Kubernetes' or Istio's own.
 */
export function useConfigNamespace(param: string | null) {
  const namespaces = useNamespaces();
  const names = (namespaces.data ?? []).map((n) => n.name);
  const fallback =
    names.find((n) => n === 'bookinfo') ??
    names.find((n) => !['kube-system', 'istio-system', 'default'].includes(n)) ??
    names[0];
  return { namespace: param || fallback, names, namespaces };
}
