import 'server-only';

import { AppError } from '@/server/http/app-error';
import type { KubeClients } from '@/server/kube/client';
import { kubeError } from '@/server/kube/client';
import type { TrafficSubset } from '@/server/model/traffic';

import { hostIsService, type Json } from '../istio/traffic-split';
import { type KubeObject, listIstio } from './istio-api';

/** Annotation on a VirtualService naming the subset "Roll back" sends all traffic to. */
export const STABLE_ANNOTATION = 'meshscope.dev/stable-subset';
/** Label on objects Meshscope created. */
export const MANAGED_BY = { 'app.kubernetes.io/managed-by': 'meshscope' } as const;

/** A Deployment reduced to what subset matching needs. */
export interface Workload {
  name: string;
  labels: Record<string, string>;
  created: string;
}

/** Everything the traffic editor needs to know about one service, read in one go. */
export interface ServiceState {
  namespace: string;
  service: string;
  virtualService?: KubeObject;
  destinationRule?: KubeObject;
  workloads: Workload[];
  subsets: TrafficSubset[];
  stableSubset?: string;
  stableSource?: 'annotation' | 'oldest-workload';
}

/**
 * Reads the service, its workloads and the VS/DR that route it. 404 when the namespace or the
 * service does not exist, so a typo never turns into "create a VirtualService for nothing".
 */
export async function readServiceState(
  k: KubeClients,
  namespace: string,
  service: string,
): Promise<ServiceState> {
  // One round of parallel reads: on a loaded API server each request costs ~10 ms. The
  // service's answer is looked at first, so a missing namespace or service reads as a 404.
  const [svcR, deploymentsR, vssR, drsR] = await Promise.allSettled([
    readService(k, namespace, service),
    k.apps.listNamespacedDeployment({ namespace }).catch((err: unknown) => {
      throw kubeError(err, `listing deployments in ${namespace}`);
    }),
    listIstio(k, 'VirtualService', namespace),
    listIstio(k, 'DestinationRule', namespace),
  ]);
  const svc = settled(svcR);
  const [deployments, vss, drs] = [settled(deploymentsR), settled(vssR), settled(drsR)];
  const selector = svc.spec?.selector ?? { app: service };
  const workloads: Workload[] = deployments.items
    .map((d) => ({
      name: d.metadata?.name ?? '',
      labels: d.spec?.template?.metadata?.labels ?? {},
      created: isoTime(d.metadata?.creationTimestamp),
    }))
    .filter((w) => labelsMatch(selector, w.labels));

  const virtualService = pickVirtualService(vss, service, namespace);
  const destinationRule = drs.find((d) =>
    hostIsService(d.spec?.host as string | undefined, service, namespace),
  );
  const subsets = subsetsFor(destinationRule, workloads);
  const { stableSubset, stableSource } = stableFor(virtualService, workloads, subsets);
  return {
    namespace,
    service,
    virtualService,
    destinationRule,
    workloads,
    subsets,
    stableSubset,
    stableSource,
  };
}

async function readService(k: KubeClients, namespace: string, service: string) {
  try {
    return await k.core.readNamespacedService({ namespace, name: service });
  } catch (err) {
    const e = kubeError(err, `reading service ${namespace}/${service}`);
    if (e.code !== 'not_found') throw e;
    // Only now is it worth a request to say which of the two is missing.
    try {
      await k.core.readNamespace({ name: namespace });
    } catch (nsErr) {
      const ne = kubeError(nsErr, `reading namespace ${namespace}`);
      throw ne.code === 'not_found'
        ? new AppError('not_found', `namespace "${namespace}" not found`)
        : ne;
    }
    throw new AppError('not_found', `service "${service}" not found in namespace "${namespace}"`);
  }
}

/**
 * The VS that routes in-mesh traffic to the service: hosts include it and it is bound to the
 * mesh (no `gateways`, or `mesh` among them). The one named after the service wins, then the
 * oldest, as Istio's own tie-break picks the oldest.
 */
export function pickVirtualService(vss: KubeObject[], service: string, namespace: string) {
  const candidates = vss.filter((v) => {
    const hosts = (v.spec?.hosts as string[] | undefined) ?? [];
    const gateways = (v.spec?.gateways as string[] | undefined) ?? [];
    const meshBound = gateways.length === 0 || gateways.includes('mesh');
    return meshBound && hosts.some((h) => hostIsService(h, service, namespace));
  });
  const byAge = candidates.sort((a, b) =>
    String(a.metadata.creationTimestamp ?? '').localeCompare(
      String(b.metadata.creationTimestamp ?? ''),
    ),
  );
  return byAge.find((v) => v.metadata.name === service) ?? byAge[0];
}

/**
 * Subsets from the DR; without one, one subset per distinct `version` label of the service's
 * workloads (named after the version), which is what Meshscope creates the DR with.
 */
export function subsetsFor(dr: KubeObject | undefined, workloads: Workload[]): TrafficSubset[] {
  const drSubsets = (dr?.spec?.subsets as Json[] | undefined) ?? [];
  if (dr) {
    return drSubsets.map((s) => {
      const labels = (s.labels as Record<string, string> | undefined) ?? {};
      return {
        name: String(s.name),
        labels,
        version: labels.version,
        // A subset without labels selects every workload of the service.
        workloads: workloads.filter((w) => labelsMatch(labels, w.labels)).map((w) => w.name),
        fromDestinationRule: true,
      };
    });
  }
  const versions = [...new Set(workloads.map((w) => w.labels.version).filter(Boolean))].sort();
  return versions.map((version) => ({
    name: version,
    labels: { version },
    version,
    workloads: workloads.filter((w) => w.labels.version === version).map((w) => w.name),
    fromDestinationRule: false,
  }));
}

function stableFor(
  vs: KubeObject | undefined,
  workloads: Workload[],
  subsets: TrafficSubset[],
): Pick<ServiceState, 'stableSubset' | 'stableSource'> {
  const annotated = vs?.metadata.annotations?.[STABLE_ANNOTATION];
  if (annotated && subsets.some((s) => s.name === annotated)) {
    return { stableSubset: annotated, stableSource: 'annotation' };
  }
  // The oldest workload is the one that was running before any canary was deployed.
  const oldest = [...workloads].sort(
    (a, b) => a.created.localeCompare(b.created) || a.name.localeCompare(b.name),
  )[0];
  const subset = oldest && subsets.find((s) => s.workloads.includes(oldest.name));
  return subset ? { stableSubset: subset.name, stableSource: 'oldest-workload' } : {};
}

function settled<T>(r: PromiseSettledResult<T>): T {
  if (r.status === 'rejected') throw r.reason;
  return r.value;
}

/** client-node parses timestamps into Dates; compare them as RFC 3339 strings. */
function isoTime(t: Date | string | undefined): string {
  if (!t) return '';
  return t instanceof Date ? t.toISOString() : String(t);
}

/** Kubernetes equality-based selector semantics: every selector label present and equal. */
export function labelsMatch(selector: Record<string, string>, labels: Record<string, string>) {
  return Object.entries(selector).every(([k, v]) => labels[k] === v);
}
