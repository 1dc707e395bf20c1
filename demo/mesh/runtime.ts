import type { SpanSink } from '../traces/span';
import { parseBehaviour } from './behaviour';
import { isGatewayWorkload, Replica } from './replica';
import { replicaNames } from './routing/hosts';
import type { UpstreamCluster } from './routing/upstream';
import type { MeshEnv, ReplicaAddress } from './sidecar';
import {
  EMPTY_SNAPSHOT,
  type MeshProtocol,
  type MeshSnapshot,
  type MeshWorkload,
} from './snapshot';
import { MeshTelemetry } from './telemetry';
import { forgetGrpcClient, listen, type Listener, send } from './transport';
import type { MeshRequest, MeshResponse } from './wire';

export interface RuntimeOptions {
  host?: string;
  sink?: SpanSink;
  sampling?: number;
  random?: () => number;
  /**
   * Large mode: replicas get no sockets and requests are handed over in-process. Routing,
   * faults, telemetry and spans are the same; only the wire is skipped, to stay light at 1,000
   * workloads on 2 cores.
   */
  inProcess?: boolean;
  log?: (msg: string) => void;
  /** Called when a replica starts or stops, so pods in the cluster can reflect it. */
  onReplica?: (event: 'started' | 'stopped', r: Replica) => void;
}

interface Running {
  replica: Replica;
  listener?: Listener;
}

/** Whether Istio would give this Deployment a proxy (sidecar or gateway). */
export function inMesh(w: MeshWorkload, snapshot: MeshSnapshot): boolean {
  if (isGatewayWorkload(w, snapshot)) return true;
  if (w.namespace === 'istio-system' || !snapshot.meshNamespaces.has(w.namespace)) return false;
  const inject = w.labels['sidecar.istio.io/inject'] ?? w.annotations['sidecar.istio.io/inject'];
  return inject !== 'false';
}

/**
 * Runs every replica the snapshot asks for and gives the proxies their environment. `reconcile`
 * is called on each new snapshot: it starts, stops and updates replicas to match.
 */
export class MeshRuntime implements MeshEnv {
  readonly telemetry = new MeshTelemetry();
  readonly clusters = new Map<string, UpstreamCluster>();
  readonly sink?: SpanSink;
  sampling: number;
  readonly random: () => number;
  private current: MeshSnapshot = EMPTY_SNAPSHOT;
  private readonly running = new Map<string, Running>();
  private readonly byPort = new Map<number, Replica>();
  private nextVirtualPort = 20_000;
  private chain: Promise<void> = Promise.resolve();
  private closed = false;

  constructor(private readonly opts: RuntimeOptions = {}) {
    this.sink = opts.sink;
    this.sampling = opts.sampling ?? 1;
    this.random = opts.random ?? Math.random;
  }

  snapshot(): MeshSnapshot {
    return this.current;
  }

  replica(namespace: string, pod: string): ReplicaAddress | undefined {
    const r = this.running.get(`${namespace}/${pod}`)?.replica;
    return r && r.port ? r : undefined;
  }

  /** All running replicas (for the load generator and tests). */
  replicas(): Replica[] {
    return [...this.running.values()].map((r) => r.replica).filter((r) => r.port > 0);
  }

  transport(
    protocol: MeshProtocol,
    port: number,
    req: MeshRequest,
    signal: AbortSignal,
  ): Promise<MeshResponse> {
    if (!this.opts.inProcess) return send(protocol, port, req, signal, this.opts.host);
    const r = this.byPort.get(port);
    if (!r) return Promise.reject(new Error('connection refused'));
    return r.handle(req);
  }

  /** Applies a new snapshot; serialised so overlapping updates never race. */
  reconcile(snapshot: MeshSnapshot): Promise<void> {
    this.current = snapshot;
    this.chain = this.chain
      .then(() => this.apply(snapshot))
      .catch((err: Error) => this.opts.log?.(`mesh: reconcile failed: ${err.message}`));
    return this.chain;
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.chain;
    await Promise.all([...this.running.keys()].map((k) => this.stop(k)));
  }

  private async apply(snapshot: MeshSnapshot): Promise<void> {
    if (this.closed || snapshot !== this.current) return; // a newer snapshot will follow
    const want = new Map<
      string,
      { w: MeshWorkload; pod: string; ip: string; protocol: MeshProtocol }
    >();
    for (const w of snapshot.workloads) {
      if (!inMesh(w, snapshot)) continue;
      let protocol: MeshProtocol;
      try {
        protocol = parseBehaviour(w.annotations).protocol;
      } catch (err) {
        this.opts.log?.(`mesh: ${w.namespace}/${w.name}: ${(err as Error).message}`);
        continue;
      }
      const names = replicaNames(w);
      names.forEach((pod, i) => {
        const ip =
          w.pods.find((p) => p.name === pod)?.ip ?? `127.0.${(i >> 8) & 255}.${(i & 255) + 1}`;
        want.set(`${w.namespace}/${pod}`, { w, pod, ip, protocol });
      });
    }
    const stops: Promise<void>[] = [];
    for (const [key, r] of this.running) {
      const next = want.get(key);
      if (!next || next.protocol !== r.replica.protocol) stops.push(this.stop(key));
      else r.replica.update(next.w);
    }
    await Promise.all(stops);
    const starts: Promise<void>[] = [];
    for (const [key, spec] of want) {
      if (this.running.has(key)) continue;
      starts.push(this.start(key, new Replica(this, spec.w, spec.pod, spec.ip, spec.protocol)));
    }
    await Promise.all(starts);
  }

  private async start(key: string, replica: Replica): Promise<void> {
    const entry: Running = { replica };
    this.running.set(key, entry);
    if (this.opts.inProcess) {
      replica.port = this.nextVirtualPort++;
      this.byPort.set(replica.port, replica);
    } else {
      entry.listener = await listen(replica.protocol, (req) => replica.handle(req), this.opts.host);
      replica.port = entry.listener.port;
    }
    this.opts.onReplica?.('started', replica);
  }

  private async stop(key: string): Promise<void> {
    const entry = this.running.get(key);
    if (!entry) return;
    this.running.delete(key);
    const port = entry.replica.port;
    entry.replica.port = 0;
    this.byPort.delete(port);
    if (entry.replica.protocol === 'grpc') forgetGrpcClient(port, this.opts.host);
    await entry.listener?.close();
    this.opts.onReplica?.('stopped', entry.replica);
  }
}
