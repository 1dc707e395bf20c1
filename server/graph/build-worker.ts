import 'server-only';

import { parentPort } from 'node:worker_threads';

import type { Inventory } from '@/server/kube/workloads';

import { buildFromParsed, emptyParsed, type ParsedAnswers, parseInto } from './build-job';
import type { WorkerReply, WorkerRequest } from './graph-builder';

/**
 * The graph build worker thread (see graph-builder.ts). Answers arrive one by one and are parsed
 * at once, while the main thread still waits for slower queries; `build` then only reshapes and
 * builds. The inventory arrives only when it changed (it is the same object for 10 s on the main
 * thread), so a refresh does not copy 1,000 workloads across threads every time.
 */
let inventory: Inventory | undefined;
const sessions = new Map<number, { parsed: ParsedAnswers; error?: unknown }>();

function errorReply(id: number, err: unknown): WorkerReply {
  const e = err as { name?: string; code?: string; message?: string; extra?: unknown };
  return {
    id,
    error: {
      appError: e.name === 'AppError',
      code: e.code,
      message: e.message ?? String(err),
      extra: e.extra,
    },
  };
}

parentPort?.on('message', (msg: WorkerRequest) => {
  if (msg.type === 'cancel') {
    sessions.delete(msg.id);
    return;
  }
  let s = sessions.get(msg.id);
  if (!s) {
    s = { parsed: emptyParsed() };
    sessions.set(msg.id, s);
  }
  if (msg.type === 'answer') {
    // A bad answer fails the build, not the worker: keep the error for the build message.
    if (s.error === undefined) {
      try {
        parseInto(s.parsed, msg.slot, msg.body);
      } catch (err) {
        s.error = err;
      }
    }
    return;
  }
  sessions.delete(msg.id);
  if (msg.inventory) inventory = msg.inventory;
  let reply: WorkerReply;
  try {
    if (s.error !== undefined) throw s.error;
    if (!inventory) throw new Error('build worker: no inventory received');
    reply = { id: msg.id, json: buildFromParsed(s.parsed, { ...msg.job, inventory }) };
  } catch (err) {
    reply = errorReply(msg.id, err);
  }
  parentPort?.postMessage(reply);
});
