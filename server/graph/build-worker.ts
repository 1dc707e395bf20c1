import 'server-only';

import { parentPort } from 'node:worker_threads';

import type { Inventory } from '@/server/kube/workloads';

import { type BuildJob, runBuildJob } from './build-job';
import type { WorkerReply, WorkerRequest } from './graph-builder';

/**
 * The graph build worker thread: receives jobs from graph-builder.ts, answers graph JSON. The
 * inventory arrives only when it changed (it is the same object for 10 s on the main thread), so
 * a refresh does not copy 1,000 workloads across threads every time.
 */
let inventory: Inventory | undefined;

parentPort?.on('message', (msg: WorkerRequest) => {
  if (msg.inventory) inventory = msg.inventory;
  let reply: WorkerReply;
  try {
    if (!inventory) throw new Error('build worker: no inventory received');
    const job: BuildJob = { ...msg.job, inventory };
    reply = { id: msg.id, json: runBuildJob(job) };
  } catch (err) {
    const e = err as { name?: string; code?: string; message?: string; extra?: unknown };
    reply = {
      id: msg.id,
      error: {
        appError: e.name === 'AppError',
        code: e.code,
        message: e.message ?? String(err),
        extra: e.extra,
      },
    };
  }
  parentPort?.postMessage(reply);
});
