/**
 * The demo cluster: a Kubernetes API server that real kubectl and client-node use unchanged.
 * State lives in `dataDir` (atomic writes), so a restart loses nothing; an empty data dir is
 * seeded with istio-system and Bookinfo.
 */
import { mkdir, rename, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { dirname } from 'node:path';

import { ClusterApi } from './api';
import { Controllers } from './controller';
import { seedCluster } from './seed';
import { createApiServer } from './server';
import { Store } from './store';

export interface ClusterOptions {
  /** TCP port; 0 picks a free one. */
  port: number;
  /** Listen address, default 127.0.0.1. */
  host?: string;
  /** Where state is persisted (created if missing). */
  dataDir: string;
  /** Seed istio-system and Bookinfo when the data dir is empty (default true). */
  seed?: boolean;
  log?: (msg: string) => void;
  /** Watch events kept for resumption (default 1000); older resourceVersions get 410. */
  historySize?: number;
  /** Interval between watch bookmarks in ms (default 10 000). */
  bookmarkMs?: number;
}

export interface RunningCluster {
  /** `http://host:port`, for kubeconfigs and clients. */
  url: string;
  port: number;
  /** Ends watches, stops listening, and flushes state to disk. */
  close(): Promise<void>;
}

export async function startCluster(opts: ClusterOptions): Promise<RunningCluster> {
  const log = opts.log ?? (() => {});
  const host = opts.host ?? '127.0.0.1';
  const store = new Store(opts.dataDir, opts.historySize ?? 1000, (err) =>
    log(`demo cluster: could not persist state to ${opts.dataDir}: ${(err as Error).message}`),
  );
  const existed = await store.load();
  const api = new ClusterApi(store);
  const controllers = new Controllers(store);
  controllers.start();
  if (!existed) {
    await seedCluster(api, opts.seed !== false);
    log(`demo cluster: seeded ${opts.dataDir}`);
  }
  await controllers.idle();
  await store.flush();

  const { server, closeWatches } = createApiServer(api, {
    bookmarkMs: opts.bookmarkMs ?? 10_000,
    log,
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  log(`demo cluster: listening on ${url}`);
  let closing: Promise<void> | undefined;
  return {
    url,
    port,
    close() {
      closing ??= (async () => {
        closeWatches();
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections();
        });
        controllers.stop();
        await store.flush();
      })();
      return closing;
    },
  };
}

/**
 * A kubeconfig both kubectl and client-node accept for the plain-HTTP demo server: client-node
 * refuses `http:` unless `insecure-skip-tls-verify` is set, and wants some credential.
 */
export async function writeKubeconfig(file: string, serverUrl: string): Promise<void> {
  const text = `apiVersion: v1
kind: Config
clusters:
  - name: meshscope-demo
    cluster:
      server: ${serverUrl}
      insecure-skip-tls-verify: true
users:
  - name: meshscope-demo
    user:
      token: meshscope-demo-token
contexts:
  - name: meshscope-demo
    context:
      cluster: meshscope-demo
      user: meshscope-demo
      namespace: default
current-context: meshscope-demo
preferences: {}
`;
  await mkdir(dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  await writeFile(tmp, text, { mode: 0o600 });
  await rename(tmp, file);
}
