import type { AddressInfo } from 'node:net';

import { createTraceServer } from './server';
import type { SpanSink } from './span';
import { TraceStore } from './store';

export { generateBookinfoTrace, generateLargeTrace } from './generate';
export type { DemoSpan, SpanSink } from './span';
export { TraceStore } from './store';

export interface TraceStoreOptions {
  /** Loopback port to listen on; 0 picks a free one. The demo uses 16686 (Jaeger's). */
  port: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Span budget; whole traces are evicted oldest-first beyond it. Default 200,000. */
  maxSpans?: number;
  log?: (msg: string) => void;
}

export interface RunningTraceStore {
  /** Base URL, e.g. `http://127.0.0.1:16686` (Meshscope's JAEGER_URL). */
  url: string;
  port: number;
  /** Where the mesh hands finished spans. */
  sink: SpanSink;
  close(): Promise<void>;
}

/**
 * Starts the demo trace store: an in-memory, bounded span store served with Jaeger's query API
 * (classic `/api/*` and `/api/v3/*`).
 */
export async function startTraceStore(opts: TraceStoreOptions): Promise<RunningTraceStore> {
  const host = opts.host ?? '127.0.0.1';
  const log = opts.log ?? (() => {});
  const store = new TraceStore(opts.maxSpans ?? 200_000, log);
  const server = createTraceServer(store, { log });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  log(`trace store: Jaeger query API on ${url} (budget ${store.maxSpans} spans)`);
  return {
    url,
    port,
    sink: store,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        // Idle keep-alive sockets would otherwise hold close() open.
        server.closeAllConnections();
      }),
  };
}
