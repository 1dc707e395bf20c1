import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

import * as k8s from '@kubernetes/client-node';
import { afterAll, beforeAll } from 'vitest';

import { type RunningCluster, startCluster, writeKubeconfig } from '@/demo/cluster/index';
import { auditFile } from '@/server/audit/audit-log';
import { type KubeClients, makeKubeClients } from '@/server/kube/client';

const run = promisify(execFile);

/** A seeded demo cluster for one test file, with the helpers the traffic tests share. */
export interface TrafficCluster {
  /** client-node clients on the cluster (replaced by restart()). */
  k: KubeClients;
  /** The audit file changes are recorded in. */
  audit: string;
  /** The real kubectl against the cluster; resolves with stdout. */
  kubectl(...args: string[]): Promise<string>;
  /** `kubectl apply -f` of a YAML text. */
  apply(yaml: string): Promise<void>;
  /** Stops the cluster and starts it again on the same state. */
  restart(): Promise<void>;
  /** Who changes things, and where it is audited. */
  ctx(): { user: string; auditFile: string };
}

/** Starts the cluster before the file's tests and removes it after them. */
export function useTrafficCluster(): TrafficCluster {
  let dir = '';
  let kubeconfig = '';
  let cluster: RunningCluster | undefined;
  const boot = async () => {
    cluster = await startCluster({ port: 0, dataDir: path.join(dir, 'cluster') });
    await writeKubeconfig(kubeconfig, cluster.url);
    const kc = new k8s.KubeConfig();
    kc.loadFromFile(kubeconfig);
    c.k = makeKubeClients(kc);
  };
  const c: TrafficCluster = {
    k: undefined as unknown as KubeClients,
    audit: '',
    async kubectl(...args) {
      const { stdout } = await run('kubectl', [
        `--kubeconfig=${kubeconfig}`,
        `--cache-dir=${path.join(dir, 'kcache')}`,
        ...args,
      ]);
      return stdout;
    },
    async apply(yaml) {
      const file = path.join(dir, `m-${Date.now()}-${Math.random()}.yaml`);
      await writeFile(file, yaml);
      await c.kubectl('apply', '-f', file);
    },
    async restart() {
      await cluster?.close();
      await boot();
    },
    ctx: () => ({ user: 'tester', auditFile: c.audit }),
  };
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'meshscope-traffic-'));
    kubeconfig = path.join(dir, 'kubeconfig');
    c.audit = auditFile(path.join(dir, 'data'));
    await boot();
  });
  afterAll(async () => {
    await cluster?.close();
    await rm(dir, { recursive: true, force: true });
  });
  return c;
}

export { failure } from '@/server/http/__fixtures__/failure';
