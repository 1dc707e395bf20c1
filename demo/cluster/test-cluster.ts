/**
 * Test helpers for suites that need a running demo cluster: a fresh data dir, an ephemeral port,
 * a kubeconfig both kubectl and client-node accept, and a kubectl runner with its own discovery
 * cache (a shared cache would keep stale discovery between runs).
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { type RunningCluster, startCluster, writeKubeconfig } from './index';

/** Result of one kubectl invocation. */
export interface KubectlResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface TestCluster {
  cluster: RunningCluster;
  dataDir: string;
  kubeconfig: string;
  /** Runs kubectl against the cluster; never throws on a non-zero exit. */
  kubectl(args: string[], env?: Record<string, string>): Promise<KubectlResult>;
  /** Closes the cluster and removes the temp dir. */
  dispose(): Promise<void>;
}

export async function startTestCluster(
  opts: { seed?: boolean; historySize?: number; bookmarkMs?: number } = {},
): Promise<TestCluster> {
  const root = await mkdtemp(join(tmpdir(), 'meshscope-cluster-test-'));
  const dataDir = join(root, 'data');
  const kubeconfig = join(root, 'kubeconfig');
  const cluster = await startCluster({ port: 0, dataDir, ...opts });
  await writeKubeconfig(kubeconfig, cluster.url);
  const kubectl = (args: string[], env: Record<string, string> = {}) =>
    new Promise<KubectlResult>((resolve) => {
      execFile(
        'kubectl',
        ['--kubeconfig', kubeconfig, '--cache-dir', join(root, 'kube-cache'), ...args],
        { env: { ...process.env, ...env, KUBECONFIG: kubeconfig }, timeout: 30_000 },
        (err, stdout, stderr) => {
          const code = err ? (typeof err.code === 'number' ? err.code : 1) : 0;
          resolve({ code, stdout: String(stdout), stderr: String(stderr) });
        },
      );
    });
  return {
    cluster,
    dataDir,
    kubeconfig,
    kubectl,
    async dispose() {
      await cluster.close();
      await rm(root, { recursive: true, force: true });
    },
  };
}
