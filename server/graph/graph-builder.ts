import 'server-only';

import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';

import { AppError } from '@/server/http/app-error';
import type { Inventory } from '@/server/kube/workloads';
import type { ErrorCode } from '@/server/model/errors';
import { selfMetrics } from '@/server/self/metrics';

import { type AnswerSlot, type BuildJob, runBuildJob } from './build-job';

/**
 * One graph being built: answers are handed over as they arrive, then `build` gets the rest.
 * Either `build` or `cancel` must be called once.
 */
export interface BuildSession {
  answer(slot: AnswerSlot, body: ArrayBuffer): void;
  /** `job.answers` holds every answer again (kept for the in-thread fallback). */
  build(job: BuildJob): Promise<string>;
  cancel(): void;
}

/** Runs graph builds (build-job.ts) and answers the graph as JSON text. */
export interface GraphBuilder {
  session(): BuildSession;
  /** Starts the worker thread now (it loads its modules while idle) instead of on first use. */
  warm(): void;
  /** Stops the worker thread, if any. */
  close(): Promise<void>;
}

/** What the main thread sends the worker. */
export type WorkerRequest =
  | { type: 'answer'; id: number; slot: AnswerSlot; body: ArrayBuffer }
  | {
      type: 'build';
      id: number;
      job: Omit<BuildJob, 'inventory' | 'answers'>;
      inventory?: Inventory;
    }
  | { type: 'cancel'; id: number };

export type WorkerReply =
  | { id: number; json: string }
  | {
      id: number;
      error: { appError: boolean; code?: string; message: string; extra?: unknown };
    };

/** Builds on the calling thread: for scripts, and the fallback when no worker can start. */
export const inThreadBuilder: GraphBuilder = {
  session: () => ({
    answer: () => undefined,
    build: async (job) => {
      const json = runBuildJob(job);
      selfMetrics().graphBuilds.inc({ thread: 'main' });
      return json;
    },
    cancel: () => undefined,
  }),
  warm: () => undefined,
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
 * Builds on one worker thread. Why a thread: parsing and building a 1,000-workload graph is
 * ~0.1–0.3 s of CPU; on the server's event loop that would stall every other request (the
 * budget is 50 ms). Answers are posted as they arrive, so the worker parses the fast queries'
 * answers while the slow ones are still running. The thread starts on first use, is unref'd
 * while idle, and is restarted after a crash; if it cannot start at all, builds run on the
 * calling thread and the server says why once.
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
      inThreadBuilder.session().build(p.job).then(p.resolve, p.reject);
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
      if ('json' in r) {
        selfMetrics().graphBuilds.inc({ thread: 'worker' });
        p.resolve(r.json);
      } else p.reject(toError(r.error));
      if (pending.size === 0) w.unref();
    });
    const lost = (why: unknown) => {
      if (worker !== w) return;
      worker = undefined;
      sentInventory = undefined;
      if (!answered) return settleAllInThread(why);
      // A crash after it worked: fail what it held, start afresh on the next build.
      for (const [id, p] of pending) {
        pending.delete(id);
        p.reject(new AppError('internal', `graph build worker stopped: ${String(why)}`));
      }
    };
    w.on('error', lost);
    w.on('exit', (code) => lost(`exit code ${code}`));
    return w;
  }

  /** The running worker, started on demand; undefined once it proved unable to start. */
  function current(): Worker | undefined {
    if (broken) return undefined;
    try {
      worker ??= start();
      return worker;
    } catch (err) {
      settleAllInThread(err);
      return undefined;
    }
  }

  return {
    warm() {
      current()?.unref();
    },
    session() {
      const id = nextId++;
      // Answers are copied, not transferred: the fallback may need them on this thread.
      let target = current();
      let cancelled = false;
      target?.ref();
      return {
        answer(slot, body) {
          // Late answers of a cancelled build would leave a session on the worker forever.
          if (cancelled) return;
          if (target !== worker) target = undefined; // restarted: the build message resends all
          target?.postMessage({ type: 'answer', id, slot, body } satisfies WorkerRequest);
        },
        build(job) {
          const w = worker !== undefined && target === worker ? worker : current();
          if (!w) return inThreadBuilder.session().build(job);
          return new Promise<string>((resolve, reject) => {
            pending.set(id, { job, resolve, reject });
            const { inventory, answers, ...rest } = job;
            const msg: WorkerRequest = { type: 'build', id, job: rest };
            if (inventory !== sentInventory) {
              msg.inventory = inventory;
              sentInventory = inventory;
            }
            w.ref();
            // A worker that did not see the answers (just restarted) gets them now.
            if (w !== target) {
              (['requests', 'tcp', 'throughput', 'responseTime'] as const).forEach((slot) => {
                const body = answers[slot];
                if (body) w.postMessage({ type: 'answer', id, slot, body });
              });
              answers.latencyBuckets.forEach((body, slot) =>
                w.postMessage({ type: 'answer', id, slot, body }),
              );
            }
            w.postMessage(msg);
          });
        },
        cancel() {
          if (cancelled) return;
          cancelled = true;
          target?.postMessage({ type: 'cancel', id } satisfies WorkerRequest);
          if (pending.size === 0) target?.unref();
        },
      };
    },
    async close() {
      const w = worker;
      worker = undefined;
      await w?.terminate();
    },
  };
}

const SHARED = Symbol.for('meshscope.graphBuilder');

/**
 * The process-wide worker builder, kept on globalThis: the server's instrumentation hook starts
 * it at boot and the graph route uses it, and Next may load the two from different bundles.
 */
export function sharedGraphBuilder(): GraphBuilder {
  const g = globalThis as { [SHARED]?: GraphBuilder };
  g[SHARED] ??= createWorkerBuilder();
  return g[SHARED];
}
