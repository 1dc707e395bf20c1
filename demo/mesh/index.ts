import * as k8s from '@kubernetes/client-node';

import type { SpanSink } from '../traces/span';
import { watchConfig } from './config-watch';
import { startControlServer } from './control-server';
import { LoadGenerator, loadTargets } from './load';
import { PodSync } from './pod-sync';
import { MeshRuntime } from './runtime';

export { generateLargeMesh } from './large-mesh';

export interface MeshOptions {
  /** Path of a kubeconfig for the (demo) cluster the mesh reads its config from. */
  kubeconfig: string;
  /** Port of the metrics/control endpoint; 0 = ephemeral. */
  metricsPort: number;
  /** Listen address for the control endpoint and every replica (default 127.0.0.1). */
  host?: string;
  /** Requests per second the load generator sends into the ingress gateways (default 10). */
  rps?: number;
  traceSink?: SpanSink;
  /** Fraction of new traces sampled, 0..1 (default 1). */
  sampling?: number;
  /**
   * Large-mesh mode: replicas skip sockets and hand requests over in-process (same routing,
   * telemetry and spans), and Pods are not patched, so 1,000 workloads fit on 2 cores.
   */
  inProcess?: boolean;
  log?: (msg: string) => void;
}

export interface RunningMesh {
  /** `http://host:port` of the control endpoint (`/metrics`, `/load`, `/healthz`). */
  metricsUrl: string;
  /** `host:port` for a Prometheus scrape config. */
  metricsTarget: string;
  setRate(rps: number): void;
  close(): Promise<void>;
}

/**
 * Starts the demo mesh: watches the cluster, runs every mesh workload's replicas, generates
 * load into the ingress gateway and serves all proxies' Istio metrics on one endpoint.
 */
export async function startMesh(opts: MeshOptions): Promise<RunningMesh> {
  const host = opts.host ?? '127.0.0.1';
  const log = opts.log ?? (() => undefined);
  const sampling = opts.sampling ?? 1;
  if (!(sampling >= 0 && sampling <= 1))
    throw new RangeError(`sampling must be within 0..1, got ${sampling}`);
  const kc = new k8s.KubeConfig();
  kc.loadFromFile(opts.kubeconfig);
  const pods = opts.inProcess ? undefined : new PodSync(kc, log);
  const runtime = new MeshRuntime({
    host,
    sink: opts.traceSink,
    sampling,
    inProcess: opts.inProcess,
    log,
    onReplica: (event, r) => {
      // Replicas the cluster has no Pod for yet carry synthetic names; nothing to patch.
      if (!pods || !r.workload.pods.some((p) => p.name === r.pod)) return;
      if (event === 'started') pods.started(r.workload.namespace, r.pod, `${host}:${r.port}`);
      else pods.stopped(r.workload.namespace, r.pod);
    },
  });
  const watch = watchConfig(kc, (s) => void runtime.reconcile(s), log);
  await watch.ready;
  await runtime.reconcile(watch.current());

  let gwCursor = 0;
  const load = new LoadGenerator({
    rps: opts.rps ?? 10,
    targets: () => loadTargets(runtime.snapshot()),
    send: async (target, headers) => {
      const gws = runtime
        .replicas()
        .filter((r) => r.caller().routeCaller.gateways.some((g) => target.gateways.includes(g)));
      if (gws.length === 0) return;
      const gw = gws[gwCursor++ % gws.length];
      await runtime.transport(
        'http',
        gw.port,
        { method: 'GET', path: target.path, authority: target.authority, headers, bodyBytes: 0 },
        AbortSignal.timeout(60_000),
      );
    },
  });

  const control = await startControlServer(opts.metricsPort, host, {
    metrics: async () => ({
      body: await runtime.telemetry.metrics(),
      contentType: runtime.telemetry.contentType,
    }),
    getRate: () => load.rate,
    setRate: (rps) => load.setRate(rps),
    stats: () => ({
      replicas: runtime.replicas().length,
      requestsSent: load.requestsSent,
      rps: load.rate,
    }),
  });
  load.start();
  log(
    `demo mesh: ${runtime.replicas().length} replicas, metrics on http://${host}:${control.port}/metrics`,
  );

  return {
    metricsUrl: `http://${host}:${control.port}`,
    metricsTarget: `${host}:${control.port}`,
    setRate: (rps) => load.setRate(rps),
    async close() {
      load.stop();
      await watch.stop();
      await control.close();
      await runtime.close();
      await pods?.close();
    },
  };
}
