import 'server-only';

import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';

import { AppError } from '@/server/http/app-error';
import type { Inventory } from '@/server/kube/workloads';
import type { ErrorCode } from '@/server/model/errors';

import { type BuildJob, runBuildJob } from './build-job';

/** Runs build jobs (build-job.ts) and answers the graph as JSON text. */
export interface GraphBuilder {
  build(job: BuildJob): Promise<string>;
  /** Stops the worker thread, if any. */
  close(): Promise<void>;
}

/** What the main thread sends the worker: the job without the inventory unless it changed. */
export interface WorkerRequest {
  id: number;
  job: Omit<BuildJob, 'inventory'>;
  inventory?: Inventory;
}

export type WorkerReply =
  | { id: number; json: string }
  | {
      id: number;
      error: { appError: boolean; code?: string; message: string; extra?: unknown };
    };

/** Builds on the calling thread: for scripts, and the fallback when no worker can start. */
export const inThreadBuilder: GraphBuilder = {
  build: async (job) => runBuildJob(job),
  close: async () => undefined,
};

/**
 * The worker thread. Inside Next's server bundle the entry is bundled (Next recognises
 * `new Worker(new URL(...))`) and NEXT_RUNTIME is set. Outside it (tsx scripts, vitest) the
 * entry is TypeScript source, which Node 20 will not load in a worker by itself (`--import tsx`
 * is ignored there): a one-line bootstrap registers tsx's loader in the worker, then imports the
 * entry, with the react-server condition the server modules are written for.
 */
function startWorker(): Worker {
  if (process.env.NEXT_RUNTIME) return new Worker(new URL('./build-worker.ts', import.meta.url));
  const here = dirname(fileURLToPath(import.meta.url));
  const entry = pathToFileURL(join(here, 'build-worker.ts')).href;
  const tsx = pathToFileURL(join(process.cwd(), 'node_modules/tsx/dist/esm/api/index.mjs')).href;
  const tsconfig = join(here, '../../tsconfig.json');
  const boot =
    `const { register } = await import(${JSON.stringify(tsx)});` +
    `register({ tsconfig: ${JSON.stringify(tsconfig)} });` +
    `await import(${JSON.stringify(entry)});`;
  return new Worker(new URL(`data:text/javascript,${encodeURIComponent(boot)}`), {
    execArgv: ['--conditions=react-server'],
  });
}

function toError(e: Extract<WorkerReply, { error: unknown }>['error']): Error {
  if (e.appError && e.code) {
    return new AppError(e.code as ErrorCode, e.message, (e.extra ?? {}) as AppError['extra']);
  }
  return new Error(e.message);
}

/**
 * Builds on one worker thread, jobs in order. Why a thread: parsing and building a
 * 1,000-workload graph is ~0.2–0.3 s of CPU; on the server's event loop that would stall every
 * other request (the budget is 50 ms). The thread is started on first use, kept alive
 * only while it has work (unref'd when idle), and restarted after a crash; if it cannot start at
 * all, jobs run on the calling thread and the server logs why once.
 */
export function createWorkerBuilder(): GraphBuilder {
  let worker: Worker | undefined;
  let sentInventory: Inventory | undefined;
  let broken = false;
  let nextId = 1;
  const pending = new Map<
    number,
    { job: BuildJob; resolve: (json: string) => void; reject: (e: Error) => void }
  >();

  function settleAllInThread(why: unknown) {
    if (!broken)
      console.warn('[meshscope] graph build worker unavailable, building in-thread:', why);
    broken = true;
    for (const [id, p] of pending) {
      pending.delete(id);
      inThreadBuilder.build(p.job).then(p.resolve, p.reject);
    }
  }

  function start(): Worker {
    const w = startWorker();
    let answered = false;
    w.on('message', (r: WorkerReply) => {
      answered = true;
      const p = pending.get(r.id);
      if (!p) return;
      pending.delete(r.id);
      if ('json' in r) p.resolve(r.json);
      else p.reject(toError(r.error));
      if (pending.size === 0) w.unref();
    });
    const lost = (why: unknown) => {
      if (worker !== w) return;
      worker = undefined;
      sentInventory = undefined;
      if (!answered) return settleAllInThread(why);
      // A crash after it worked: fail what it held, start afresh on the next job.
      for (const [id, p] of pending) {
        pending.delete(id);
        p.reject(new AppError('internal', `graph build worker stopped: ${String(why)}`));
      }
    };
    w.on('error', lost);
    w.on('exit', (code) => lost(`exit code ${code}`));
    return w;
  }

  return {
    build(job) {
      if (broken) return inThreadBuilder.build(job);
      return new Promise<string>((resolve, reject) => {
        try {
          worker ??= start();
        } catch (err) {
          settleAllInThread(err);
          inThreadBuilder.build(job).then(resolve, reject);
          return;
        }
        const id = nextId++;
        pending.set(id, { job, resolve, reject });
        const { inventory, ...rest } = job;
        const msg: WorkerRequest = { id, job: rest };
        if (inventory !== sentInventory) {
          msg.inventory = inventory;
          sentInventory = inventory;
        }
        worker.ref();
        // Copied, not transferred: the job must stay usable for the in-thread fallback.
        worker.postMessage(msg);
      });
    },
    async close() {
      const w = worker;
      worker = undefined;
      await w?.terminate();
    },
  };
}
