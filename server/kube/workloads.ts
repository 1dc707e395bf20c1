import 'server-only';

import type * as k8s from '@kubernetes/client-node';

import type { DestinationRuleLike, VirtualServiceLike } from '@/server/istio/badges';

import { type KubeClients, kubeError } from './client';

/** A Deployment reduced to what the graph needs: identity, availability and sidecar presence. */
export interface WorkloadInfo {
  namespace: string;
  name: string;
  /** `app` label of the pod template (Istio's canonical service falls back to the name). */
  app: string;
  /** `version` label of the pod template, `latest` when absent (Istio's canonical revision). */
  version: string;
  /** spec.replicas */
  desired: number;
  /** status.availableReplicas */
  available: number;
  /** The pods run (or will be injected with) an istio-proxy sidecar. */
  hasSidecar: boolean;
  /** An Istio ingress or egress gateway. */
  isGateway: boolean;
}

/** A Service reduced to its identity and selector. */
export interface ServiceInfo {
  namespace: string;
  name: string;
  selector: Record<string, string>;
}

const INJECT = 'sidecar.istio.io/inject';

/** `istio-injection=enabled` or a revision label turns automatic injection on for a namespace. */
export function namespaceInjects(labels: Record<string, string>): boolean {
  if (labels['istio-injection'] === 'disabled') return false;
  return labels['istio-injection'] === 'enabled' || labels['istio.io/rev'] !== undefined;
}

/**
 * Sidecar presence as Istio's injector decides it: an explicit istio-proxy container, else the
 * pod's own opt-in/opt-out (label or annotation), else the namespace's injection label.
 */
export function templateHasSidecar(
  template: k8s.V1PodTemplateSpec | undefined,
  namespaceLabels: Record<string, string>,
): boolean {
  if (template?.spec?.containers?.some((c) => c.name === 'istio-proxy')) return true;
  const optIn = template?.metadata?.labels?.[INJECT] ?? template?.metadata?.annotations?.[INJECT];
  if (optIn === 'false') return false;
  if (optIn === 'true') return true;
  return namespaceInjects(namespaceLabels);
}

export function toWorkloadInfo(
  d: k8s.V1Deployment,
  namespaceLabels: Record<string, string>,
): WorkloadInfo {
  const labels = d.spec?.template?.metadata?.labels ?? {};
  const name = d.metadata?.name ?? '';
  const istio = labels.istio ?? '';
  return {
    namespace: d.metadata?.namespace ?? 'default',
    name,
    app: labels['service.istio.io/canonical-name'] ?? labels.app ?? name,
    version: labels['service.istio.io/canonical-revision'] ?? labels.version ?? 'latest',
    desired: d.spec?.replicas ?? 1,
    available: d.status?.availableReplicas ?? 0,
    hasSidecar: templateHasSidecar(d.spec?.template, namespaceLabels),
    isGateway:
      istio === 'ingressgateway' ||
      istio === 'egressgateway' ||
      labels['gateway.istio.io/managed'] !== undefined,
  };
}

export function toServiceInfo(s: k8s.V1Service): ServiceInfo {
  return {
    namespace: s.metadata?.namespace ?? 'default',
    name: s.metadata?.name ?? '',
    selector: s.spec?.selector ?? {},
  };
}

/** Everything the graph reads from Kubernetes, fetched with a fixed number of list calls. */
export interface Inventory {
  /** Namespace name → labels. */
  namespaces: Map<string, Record<string, string>>;
  workloads: WorkloadInfo[];
  services: ServiceInfo[];
  virtualServices: VirtualServiceLike[];
  destinationRules: DestinationRuleLike[];
}

/**
 * Lists in pages of this many objects. A client-node list response is parsed and turned into
 * typed objects in one synchronous stretch: 4–20 ms per 200 Deployments, and the five lists'
 * pages often arrive together, so 200-object pages stalled the event loop 25–70 ms during the
 * console's background relists (graph-api benchmark, 1,000 workloads). Pages of 50 keep each
 * burst short; the relist takes more round trips, but it runs in the background.
 */
export const LIST_PAGE_SIZE = 50;

interface ListPage<T> {
  items: T[];
  metadata?: { _continue?: string; continue?: string };
}

/** Every object of a list call, page by page (`limit` + `continue`). */
export async function listAll<T>(
  call: (page: { limit: number; _continue?: string }) => Promise<ListPage<T>>,
): Promise<T[]> {
  const out: T[] = [];
  let token: string | undefined;
  do {
    const page = await call({ limit: LIST_PAGE_SIZE, ...(token ? { _continue: token } : {}) });
    out.push(...page.items);
    // Typed lists name it `_continue`; custom objects come back as raw JSON with `continue`.
    token = page.metadata?._continue ?? page.metadata?.continue ?? undefined;
  } while (token);
  return out;
}

async function listIstio<T>(c: KubeClients, plural: string): Promise<T[]> {
  try {
    return await listAll(
      (page) =>
        c.custom.listClusterCustomObject({
          group: 'networking.istio.io',
          version: 'v1',
          plural,
          ...page,
        }) as Promise<ListPage<T>>,
    );
  } catch (err) {
    // A cluster without Istio's CRDs simply has no config to badge.
    const e = kubeError(err, `listing ${plural}`);
    if (e.code === 'not_found') return [];
    throw e;
  }
}

/**
 * Cluster-wide lists (5 lists however many namespaces are asked for, paged), reshaped. Callers cache
 * the result briefly (see get-mesh-graph.ts).
 */
export async function fetchInventory(c: KubeClients): Promise<Inventory> {
  try {
    const [nsList, deployments, services, virtualServices, destinationRules] = await Promise.all([
      listAll((page) => c.core.listNamespace(page)),
      listAll((page) => c.apps.listDeploymentForAllNamespaces(page)),
      listAll((page) => c.core.listServiceForAllNamespaces(page)),
      listIstio<VirtualServiceLike>(c, 'virtualservices'),
      listIstio<DestinationRuleLike>(c, 'destinationrules'),
    ]);
    const namespaces = new Map(
      nsList.map((n) => [n.metadata?.name ?? '', n.metadata?.labels ?? {}] as const),
    );
    return {
      namespaces,
      workloads: deployments.map((d) =>
        toWorkloadInfo(d, namespaces.get(d.metadata?.namespace ?? '') ?? {}),
      ),
      services: services.map(toServiceInfo),
      virtualServices,
      destinationRules,
    };
  } catch (err) {
    throw kubeError(err, 'reading namespaces and workloads');
  }
}
