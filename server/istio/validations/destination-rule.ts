import 'server-only';

import type { ValidationCheck } from '@/server/model/istio-config';

import { arr, labels, obj, selects, str } from './fields';
import { fqdn } from './hosts';
import type { ObjectCheck } from './snapshot';

/** Checks one DestinationRule: its host exists, and each subset is named, unique and backed. */
export const checkDestinationRule: ObjectCheck = (dr, index) => {
  const ns = dr.metadata.namespace ?? '';
  const spec = obj(dr.spec);
  const host = str(spec.host);
  if (!host) return [];
  const name = fqdn(host, ns);
  const out: ValidationCheck[] = [];
  if (!index.hostExists(name)) {
    out.push({
      code: 'dr.host-not-found',
      severity: 'warning',
      message: `Host "${host}" matches no service or ServiceEntry (resolved as ${name})`,
      path: 'spec.host',
    });
  }
  // undefined when the host is not a selector-backed service: nothing to match subsets against.
  const workloads = index.workloadsOf(name);
  const seen = new Set<string>();
  arr(spec.subsets).forEach((raw, i) => {
    const subset = obj(raw);
    const subsetName = str(subset.name) ?? '';
    if (seen.has(subsetName)) {
      out.push({
        code: 'dr.duplicate-subset',
        severity: 'error',
        message: `Subset "${subsetName}" is defined more than once`,
        path: `spec.subsets[${i}].name`,
      });
    }
    seen.add(subsetName);
    const sel = labels(subset.labels);
    if (Object.keys(sel).length === 0) {
      out.push({
        code: 'dr.subset-without-labels',
        severity: 'warning',
        message: `Subset "${subsetName}" has no labels, so it selects every workload of ${host}`,
        path: `spec.subsets[${i}]`,
      });
      return;
    }
    if (workloads && !workloads.some((w) => selects(sel, w.labels))) {
      const text = Object.entries(sel)
        .map(([k, v]) => `${k}=${v}`)
        .join(',');
      out.push({
        code: 'dr.subset-no-workload',
        severity: 'error',
        message: `Subset "${subsetName}" labels ${text} match no workload of service ${host}`,
        path: `spec.subsets[${i}].labels`,
      });
    }
  });
  return out;
};
