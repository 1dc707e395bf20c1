import * as k8s from '@kubernetes/client-node';

import type {
  DestinationRuleSpec,
  GatewaySpec,
  IstioObject,
  MeshService,
  MeshSnapshot,
  MeshWorkload,
  PeerAuthenticationSpec,
  VirtualServiceSpec,
} from './snapshot';
import { labelsSubset } from './snapshot';

type Obj = k8s.KubernetesObject & { spec?: unknown; status?: unknown };

interface Source {
  path: string;
  list: () => Promise<k8s.KubernetesListObject<Obj>>;
}

/** Istio objects are read at networking.istio.io/v1 (the cluster serves every version from one store). */
const ISTIO = [
  { key: 'vs', group: 'networking.istio.io', version: 'v1', plural: 'virtualservices' },
  { key: 'dr', group: 'networking.istio.io', version: 'v1', plural: 'destinationrules' },
  { key: 'gw', group: 'networking.istio.io', version: 'v1', plural: 'gateways' },
  { key: 'pa', group: 'security.istio.io', version: 'v1', plural: 'peerauthentications' },
] as const;

export interface ConfigWatch {
  /** Resolves after the first full list of every resource. */
  ready: Promise<void>;
  current(): MeshSnapshot;
  stop(): Promise<void>;
}

/**
 * Watches the cluster with client-node informers (list + watch, resumed from the last
 * resourceVersion) and calls `onChange` with a fresh immutable snapshot after any change,
 * debounced by a few ms so a `kubectl apply` of many objects yields one rebuild.
 */
export function watchConfig(
  kc: k8s.KubeConfig,
  onChange: (s: MeshSnapshot) => void,
  log: (msg: string) => void = () => undefined,
): ConfigWatch {
  const core = kc.makeApiClient(k8s.CoreV1Api);
  const apps = kc.makeApiClient(k8s.AppsV1Api);
  const custom = kc.makeApiClient(k8s.CustomObjectsApi);
  const sources: Record<string, Source> = {
    ns: {
      path: '/api/v1/namespaces',
      list: () => core.listNamespace() as Promise<k8s.KubernetesListObject<Obj>>,
    },
    deploy: {
      path: '/apis/apps/v1/deployments',
      list: () => apps.listDeploymentForAllNamespaces() as Promise<k8s.KubernetesListObject<Obj>>,
    },
    pods: {
      path: '/api/v1/pods',
      list: () => core.listPodForAllNamespaces() as Promise<k8s.KubernetesListObject<Obj>>,
    },
    svc: {
      path: '/api/v1/services',
      list: () => core.listServiceForAllNamespaces() as Promise<k8s.KubernetesListObject<Obj>>,
    },
  };
  for (const r of ISTIO) {
    sources[r.key] = {
      path: `/apis/${r.group}/${r.version}/${r.plural}`,
      list: () =>
        custom.listClusterCustomObject({
          group: r.group,
          version: r.version,
          plural: r.plural,
        }) as Promise<k8s.KubernetesListObject<Obj>>,
    };
  }
  const informers = new Map<string, k8s.Informer<Obj> & k8s.ObjectCache<Obj>>();
  let snapshot = buildSnapshot({});
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  let started = false;

  const rebuild = () => {
    if (!started || stopped) return;
    if (timer) return;
    timer = setTimeout(() => {
      timer = undefined;
      const lists: Record<string, readonly Obj[]> = {};
      for (const [k, inf] of informers) lists[k] = inf.list();
      snapshot = buildSnapshot(lists);
      onChange(snapshot);
    }, 20);
  };

  for (const [key, src] of Object.entries(sources)) {
    const inf = k8s.makeInformer<Obj>(kc, src.path, src.list);
    inf.on('add', rebuild);
    inf.on('update', rebuild);
    inf.on('delete', rebuild);
    inf.on('error', (err) => {
      if (stopped) return;
      log(`mesh: watch ${src.path} failed (${(err as Error)?.message ?? err}); retrying`);
      setTimeout(() => {
        if (!stopped) inf.start().catch(() => undefined);
      }, 1000);
    });
    informers.set(key, inf);
  }

  const ready = Promise.all([...informers.values()].map((i) => i.start())).then(() => {
    started = true;
    const lists: Record<string, readonly Obj[]> = {};
    for (const [k, inf] of informers) lists[k] = inf.list();
    snapshot = buildSnapshot(lists);
    onChange(snapshot);
  });

  return {
    ready,
    current: () => snapshot,
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await Promise.all([...informers.values()].map((i) => i.stop().catch(() => undefined)));
    },
  };
}

type Meta = {
  name?: string;
  namespace?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
};
type DeploymentLike = {
  metadata?: Meta;
  spec?: {
    replicas?: number;
    selector?: { matchLabels?: Record<string, string> };
    template?: { metadata?: Meta; spec?: { serviceAccountName?: string; serviceAccount?: string } };
  };
};
type PodLike = { metadata?: Meta & { deletionTimestamp?: unknown }; status?: { podIP?: string } };
type ServiceLike = {
  metadata?: Meta;
  spec?: {
    selector?: Record<string, string>;
    ports?: { port: number; name?: string; appProtocol?: string }[];
  };
};

/** Turns informer caches into the mesh snapshot. Pure, so it is unit-tested with plain objects. */
export function buildSnapshot(lists: Record<string, readonly unknown[]>): MeshSnapshot {
  const get = <T>(k: string) => (lists[k] ?? []) as T[];
  const meshNamespaces = new Set<string>(['istio-system']);
  for (const ns of get<{ metadata?: Meta }>('ns')) {
    const l = ns.metadata?.labels ?? {};
    if (
      l['istio-injection'] === 'enabled' ||
      (l['istio.io/rev'] && l['istio-injection'] !== 'disabled')
    ) {
      meshNamespaces.add(ns.metadata?.name ?? '');
    }
  }
  const pods = get<PodLike>('pods').filter((p) => !p.metadata?.deletionTimestamp);
  const workloads: MeshWorkload[] = get<DeploymentLike>('deploy').map((d) => {
    const ns = d.metadata?.namespace ?? 'default';
    const sel = d.spec?.selector?.matchLabels ?? d.spec?.template?.metadata?.labels ?? {};
    const own = pods
      .filter(
        (p) =>
          p.metadata?.namespace === ns &&
          Object.keys(sel).length > 0 &&
          labelsSubset(sel, p.metadata?.labels ?? {}),
      )
      .map((p) => ({ name: p.metadata?.name ?? '', ip: p.status?.podIP }))
      .sort((a, b) => a.name.localeCompare(b.name));
    const tspec = d.spec?.template?.spec;
    return {
      name: d.metadata?.name ?? '',
      namespace: ns,
      labels: d.spec?.template?.metadata?.labels ?? {},
      annotations: d.spec?.template?.metadata?.annotations ?? {},
      replicas: d.spec?.replicas ?? 1,
      serviceAccount: tspec?.serviceAccountName ?? tspec?.serviceAccount ?? 'default',
      pods: own,
    };
  });
  const services: MeshService[] = get<ServiceLike>('svc').map((s) => ({
    name: s.metadata?.name ?? '',
    namespace: s.metadata?.namespace ?? 'default',
    selector: s.spec?.selector ?? {},
    ports: (s.spec?.ports ?? []).map((p) => ({
      port: p.port,
      name: p.name,
      appProtocol: p.appProtocol,
    })),
  }));
  const istio = <S>(k: string): IstioObject<S>[] =>
    get<{ metadata?: Meta & { creationTimestamp?: string }; spec?: S }>(k)
      // Istio resolves conflicts by age: the oldest object wins, so keep them oldest first.
      .sort((a, b) =>
        String(a.metadata?.creationTimestamp ?? '').localeCompare(
          String(b.metadata?.creationTimestamp ?? ''),
        ),
      )
      .map((o) => ({
        name: o.metadata?.name ?? '',
        namespace: o.metadata?.namespace ?? 'default',
        spec: (o.spec ?? {}) as S,
      }));
  return {
    meshNamespaces,
    services,
    workloads,
    virtualServices: istio<VirtualServiceSpec>('vs'),
    destinationRules: istio<DestinationRuleSpec>('dr'),
    gateways: istio<GatewaySpec>('gw'),
    peerAuthentications: istio<PeerAuthenticationSpec>('pa'),
  };
}
