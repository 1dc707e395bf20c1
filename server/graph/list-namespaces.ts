import 'server-only';

import { AppError } from '@/server/http/app-error';
import { toNamespaceInfo } from '@/server/kube/namespaces';
import type { Inventory } from '@/server/kube/workloads';
import type { Health, NamespaceInfo } from '@/server/model/graph';
import type { InstantSample, PrometheusClient } from '@/server/prometheus/client';
import { prometheusClient } from '@/server/prometheus/client';
import { workloadInboundRequests } from '@/server/prometheus/queries';

import { clusterInventory } from './get-mesh-graph';
import { availabilityHealth, requestHealth, worst } from './health';
import { toCode } from './telemetry';

/** The window the namespace list judges traffic health over. */
export const NAMESPACE_HEALTH_WINDOW = 60;

/**
 * Workload health per namespace: inbound error rates over the last minute merged with
 * Deployment availability (worse wins). Pure, so tests can feed it plain data.
 */
export function namespaceInfos(
  inv: Inventory,
  inbound: readonly InstantSample[] | undefined,
): NamespaceInfo[] {
  const rates = new Map<
    string,
    { total: number; http4xx: number; http5xx: number; noResponse: number }
  >();
  for (const s of inbound ?? []) {
    const key = `${s.labels.destination_workload_namespace}/${s.labels.destination_workload}`;
    const r = rates.get(key) ?? { total: 0, http4xx: 0, http5xx: 0, noResponse: 0 };
    const code = toCode(s.labels);
    r.total += s.value;
    if (code === '-') r.noResponse += s.value;
    else if (s.labels.request_protocol === 'grpc') r.http5xx += code === '0' ? 0 : s.value;
    else if (code.startsWith('4')) r.http4xx += s.value;
    else if (code.startsWith('5')) r.http5xx += s.value;
    rates.set(key, r);
  }
  const byNamespace = new Map<string, Health[]>();
  for (const w of inv.workloads) {
    const r = rates.get(`${w.namespace}/${w.name}`);
    // Without Prometheus only availability is known; traffic health is then `unknown`.
    const traffic: Health = inbound === undefined ? 'unknown' : r ? requestHealth(r) : 'idle';
    const avail = availabilityHealth(w);
    const h = avail === 'degraded' || avail === 'failure' ? worst(traffic, avail) : traffic;
    const list = byNamespace.get(w.namespace) ?? [];
    list.push(h);
    byNamespace.set(w.namespace, list);
  }
  return [...inv.namespaces.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([name, labels]) => toNamespaceInfo(name, labels, byNamespace.get(name) ?? []));
}

export interface NamespaceDeps {
  prometheus: PrometheusClient;
  inventory: () => Promise<Inventory>;
}

/**
 * `GET /api/namespaces`. Kubernetes is required (503 when down); Prometheus is not: the list
 * still loads with availability-only health so the namespace picker keeps working.
 */
export async function listNamespaces(
  deps: NamespaceDeps = { prometheus: prometheusClient(), inventory: clusterInventory },
): Promise<NamespaceInfo[]> {
  const inboundP = deps.prometheus
    .query(workloadInboundRequests({ window: NAMESPACE_HEALTH_WINDOW }))
    .catch((err: unknown) => {
      if (err instanceof AppError && err.extra.upstream === 'prometheus') return undefined;
      throw err;
    });
  const inv = await deps.inventory();
  return namespaceInfos(inv, await inboundP);
}
