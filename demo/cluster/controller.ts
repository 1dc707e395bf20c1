/**
 * A tiny controller manager so `kubectl get pods` always reflects the Deployments: Deployment →
 * ReplicaSet (`<deploy>-<pod-template-hash>`) → Pods (`<rs>-<rand5>`, Running and Ready with a
 * loopback podIP), plus Endpoints/EndpointSlices for Services with selectors. Reconciles run
 * off store events on the next tick and only write on change, so they converge. Pod status
 * written by the demo mesh (through /status) is kept: readiness is read back, not imposed.
 */
import { desiredEndpoints } from './endpoints';
import {
  inStorage,
  newUid,
  nowTimestamp,
  randomSuffix,
  sameObject,
  specChanged,
  stableStringify,
} from './meta';
import { RESOURCES, type ResourceType } from './resources';
import { matchLabels, selectorFromMap } from './selectors';
import type { KubeObject, Store, StoreEvent } from './store';
import { isReady, NODE_NAME, ownedBy, ownerRef, templateHash } from './workload-meta';

export { NODE_NAME, templateHash } from './workload-meta';

type Obj = Record<string, unknown>;

const res = (plural: string) => RESOURCES.find((r) => r.plural === plural) as ResourceType;
const DEPLOYMENTS = res('deployments');
const REPLICASETS = res('replicasets');
const PODS = res('pods');
const SERVICES = res('services');
const ENDPOINTS = res('endpoints');
const SLICES = res('endpointslices');

export class Controllers {
  private readonly queue = new Map<string, () => void>();
  private scheduled = false;
  private unsubscribe: (() => void) | undefined;

  constructor(private readonly store: Store) {}

  /** Reconciles everything once, then follows store events. */
  start(): void {
    this.unsubscribe = this.store.subscribe((e) => this.onEvent(e));
    for (const d of this.store.list(DEPLOYMENTS))
      this.enqueueDeployment(d.metadata.namespace, d.metadata.name);
    for (const rs of this.store.list(REPLICASETS))
      this.enqueueReplicaSet(rs.metadata.namespace, rs.metadata.name);
    for (const s of this.store.list(SERVICES))
      this.enqueueService(s.metadata.namespace, s.metadata.name);
  }

  stop(): void {
    this.unsubscribe?.();
    this.queue.clear();
  }

  /** Resolves when the queue is empty (tests and seeding wait on this). */
  async idle(): Promise<void> {
    while (this.queue.size > 0 || this.scheduled) await new Promise((r) => setImmediate(r));
  }

  private onEvent(e: StoreEvent): void {
    const o = e.object;
    const ns = o.metadata.namespace;
    if (e.resource === DEPLOYMENTS && e.type !== 'DELETED')
      this.enqueueDeployment(ns, o.metadata.name);
    if (e.resource === REPLICASETS) {
      if (e.type !== 'DELETED') this.enqueueReplicaSet(ns, o.metadata.name);
      for (const ref of o.metadata.ownerReferences ?? [])
        if (ref.kind === 'Deployment') this.enqueueDeployment(ns, ref.name);
    }
    if (e.resource === PODS) {
      for (const ref of o.metadata.ownerReferences ?? [])
        if (ref.kind === 'ReplicaSet') this.enqueueReplicaSet(ns, ref.name);
      this.store.scan(SERVICES, (s) => this.enqueueService(ns, s.metadata.name), ns);
    }
    if (e.resource === SERVICES && e.type !== 'DELETED') this.enqueueService(ns, o.metadata.name);
  }

  private enqueue(key: string, fn: () => void): void {
    this.queue.set(key, fn);
    this.schedule();
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      // Drain in rounds (reconciles enqueue follow-ups: deploy → rs → pods → endpoints), then
      // yield to I/O before the next batch so a big apply does not starve requests.
      for (let round = 0; round < 20 && this.queue.size > 0; round++) {
        const batch = [...this.queue.values()];
        this.queue.clear();
        for (const run of batch) run();
      }
      if (this.queue.size > 0) this.schedule();
    });
  }

  private enqueueDeployment(ns: string | undefined, name: string) {
    this.enqueue(`deploy/${ns}/${name}`, () => this.reconcileDeployment(ns, name));
  }
  private enqueueReplicaSet(ns: string | undefined, name: string) {
    this.enqueue(`rs/${ns}/${name}`, () => this.reconcileReplicaSet(ns, name));
  }
  private enqueueService(ns: string | undefined, name: string) {
    this.enqueue(`svc/${ns}/${name}`, () => this.reconcileEndpoints(ns, name));
  }

  /** Creates (stamping uid/timestamps) or updates when something changed. */
  private save(r: ResourceType, obj: KubeObject, old?: KubeObject): void {
    if (old) {
      if (sameObject(inStorage(r, old), inStorage(r, obj))) return;
      if (r.generation && specChanged(inStorage(r, old), inStorage(r, obj))) {
        obj.metadata.generation = (old.metadata.generation ?? 0) + 1;
      }
    } else {
      obj.metadata.uid = newUid();
      obj.metadata.creationTimestamp = nowTimestamp();
      if (r.generation) obj.metadata.generation = 1;
    }
    this.store.put(r, inStorage(r, obj));
  }

  private reconcileDeployment(ns: string | undefined, name: string): void {
    const d = this.store.get(DEPLOYMENTS, ns, name);
    if (!d || d.metadata.deletionTimestamp) return;
    const spec = (d.spec ?? {}) as Obj;
    const template = (spec.template ?? {}) as { metadata?: Obj; spec?: Obj };
    const hash = templateHash(template);
    const rsName = `${name}-${hash}`;
    const replicas = typeof spec.replicas === 'number' ? spec.replicas : 1;
    const owned = this.store.select(REPLICASETS, ns, (rs) => ownedBy(rs, d));
    let current = owned.find((rs) => rs.metadata.name === rsName);
    const labels = {
      ...((template.metadata?.labels as Record<string, string>) ?? {}),
      'pod-template-hash': hash,
    };
    if (!current) {
      const revision = owned.length + 1;
      const rs: KubeObject = {
        apiVersion: 'apps/v1',
        kind: 'ReplicaSet',
        metadata: {
          name: rsName,
          namespace: ns,
          labels,
          annotations: {
            'deployment.kubernetes.io/desired-replicas': String(replicas),
            'deployment.kubernetes.io/revision': String(revision),
          },
          ownerReferences: [ownerRef(d)],
        },
        spec: {
          replicas,
          selector: {
            matchLabels: {
              ...(((spec.selector as Obj)?.matchLabels as Obj) ?? {}),
              'pod-template-hash': hash,
            },
          },
          template: { ...template, metadata: { ...(template.metadata ?? {}), labels } },
        },
        status: { replicas: 0 },
      };
      this.save(REPLICASETS, rs);
      current = this.store.get(REPLICASETS, ns, rsName);
    }
    for (const rs of owned) {
      const want = rs.metadata.name === rsName ? replicas : 0;
      if ((rs.spec as Obj).replicas === want) continue;
      const next = structuredClone(rs);
      (next.spec as Obj).replicas = want;
      this.save(REPLICASETS, next, rs);
    }
    // Status from the ReplicaSets as they are now.
    const all = this.store.select(REPLICASETS, ns, (rs) => ownedBy(rs, d));
    const sum = (f: string) =>
      all.reduce((n, rs) => n + Number(((rs.status as Obj) ?? {})[f] ?? 0), 0);
    const fresh = all.find((rs) => rs.metadata.name === rsName);
    const ready = sum('readyReplicas');
    const status: Obj = {
      observedGeneration: d.metadata.generation ?? 1,
      replicas: sum('replicas'),
      updatedReplicas: Number(((fresh?.status as Obj) ?? {}).replicas ?? 0),
      readyReplicas: ready,
      availableReplicas: ready,
      ...(sum('replicas') - ready > 0 ? { unavailableReplicas: sum('replicas') - ready } : {}),
      conditions: [
        {
          type: 'Available',
          status: ready >= replicas ? 'True' : 'False',
          reason: ready >= replicas ? 'MinimumReplicasAvailable' : 'MinimumReplicasUnavailable',
          message:
            ready >= replicas
              ? 'Deployment has minimum availability.'
              : 'Deployment does not have minimum availability.',
        },
        {
          type: 'Progressing',
          status: 'True',
          reason: 'NewReplicaSetAvailable',
          message: `ReplicaSet "${rsName}" has successfully progressed.`,
        },
      ],
    };
    const old = (d.status ?? {}) as Obj;
    const prevConditions = (old.conditions as Obj[] | undefined) ?? [];
    // Keep transition times stable so an unchanged status does not rewrite the object.
    (status.conditions as Obj[]).forEach((c) => {
      const prev = prevConditions.find((p) => p.type === c.type);
      const same = prev && prev.status === c.status && prev.reason === c.reason;
      const now = nowTimestamp();
      c.lastUpdateTime = same ? prev.lastUpdateTime : now;
      c.lastTransitionTime = same ? prev.lastTransitionTime : now;
    });
    if (stableStringify(status) !== stableStringify(old))
      this.save(DEPLOYMENTS, { ...d, status }, d);
    if (current) this.enqueueReplicaSet(ns, current.metadata.name);
  }

  private reconcileReplicaSet(ns: string | undefined, name: string): void {
    const rs = this.store.get(REPLICASETS, ns, name);
    if (!rs) return;
    const spec = (rs.spec ?? {}) as Obj;
    const want = typeof spec.replicas === 'number' ? spec.replicas : 1;
    const pods = this.store.select(
      PODS,
      ns,
      (p) => ownedBy(p, rs) && !p.metadata.deletionTimestamp,
    );
    for (let i = pods.length; i < want; i++) this.save(PODS, this.newPod(rs));
    if (pods.length > want) {
      const doomed = [...pods]
        .sort((a, b) =>
          String(b.metadata.creationTimestamp).localeCompare(String(a.metadata.creationTimestamp)),
        )
        .slice(0, pods.length - want);
      for (const p of doomed) this.store.remove(PODS, ns, p.metadata.name);
    }
    const now = this.store.select(PODS, ns, (p) => ownedBy(p, rs));
    const ready = now.filter(isReady).length;
    const status: Obj = {
      replicas: now.length,
      fullyLabeledReplicas: now.length,
      readyReplicas: ready,
      availableReplicas: ready,
      observedGeneration: rs.metadata.generation ?? 1,
    };
    if (stableStringify(status) !== stableStringify(rs.status ?? {}))
      this.save(REPLICASETS, { ...rs, status }, rs);
  }

  private allocatePodIp(): string {
    const used = new Set<unknown>();
    this.store.scan(PODS, (p) => used.add((p.status as Obj | undefined)?.podIP));
    // 127.0.10.0/16-ish on loopback: every address routes to this machine on Linux.
    for (let i = 1; i < 60_000; i++) {
      const ip = `127.0.${10 + Math.floor(i / 250)}.${(i % 250) + 1}`;
      if (!used.has(ip)) return ip;
    }
    throw new Error('pod IP range exhausted');
  }

  private newPod(rs: KubeObject): KubeObject {
    const template = ((rs.spec as Obj).template ?? {}) as { metadata?: Obj; spec?: Obj };
    const podSpec = structuredClone(template.spec ?? {}) as Obj;
    const containers = (podSpec.containers as Obj[] | undefined) ?? [];
    const now = nowTimestamp();
    const ip = this.allocatePodIp();
    const cond = (type: string) => ({
      type,
      status: 'True',
      lastProbeTime: null,
      lastTransitionTime: now,
    });
    return {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        name: `${rs.metadata.name}-${randomSuffix()}`,
        generateName: `${rs.metadata.name}-`,
        namespace: rs.metadata.namespace,
        labels: { ...((template.metadata?.labels as Record<string, string>) ?? {}) },
        ...(template.metadata?.annotations
          ? { annotations: { ...(template.metadata.annotations as Record<string, string>) } }
          : {}),
        ownerReferences: [ownerRef(rs)],
      },
      spec: {
        restartPolicy: 'Always',
        serviceAccountName: 'default',
        ...podSpec,
        nodeName: NODE_NAME,
      },
      status: {
        phase: 'Running',
        conditions: [
          cond('Initialized'),
          cond('Ready'),
          cond('ContainersReady'),
          cond('PodScheduled'),
        ],
        hostIP: '127.0.0.1',
        podIP: ip,
        podIPs: [{ ip }],
        startTime: now,
        qosClass: 'BestEffort',
        containerStatuses: containers.map((c) => ({
          name: c.name,
          image: c.image,
          imageID: '',
          ready: true,
          started: true,
          restartCount: 0,
          state: { running: { startedAt: now } },
        })),
      },
    };
  }

  private reconcileEndpoints(ns: string | undefined, name: string): void {
    const svc = this.store.get(SERVICES, ns, name);
    if (!svc) return;
    const selector = (svc.spec as Obj | undefined)?.selector as Record<string, string> | undefined;
    if (!selector || Object.keys(selector).length === 0) return;
    const reqs = selectorFromMap(selector);
    const pods = this.store.select(
      PODS,
      ns,
      (p) =>
        matchLabels(reqs, p.metadata.labels) &&
        !!(p.status as Obj | undefined)?.podIP &&
        !p.metadata.deletionTimestamp,
    );
    const { endpoints, slice } = desiredEndpoints(svc, pods);
    // Keep the stored metadata (uid, creationTimestamp) so an unchanged result writes nothing.
    for (const [r, want] of [
      [ENDPOINTS, endpoints],
      [SLICES, slice],
    ] as const) {
      const old = this.store.get(r, ns, want.metadata.name);
      const next = old
        ? { ...want, metadata: { ...old.metadata, labels: want.metadata.labels } }
        : want;
      this.save(r, next, old);
    }
  }
}
