/**
 * The cluster's state: every object keyed by resource/namespace/name, one cluster-wide
 * resourceVersion counter, an event history ring for watch resumption, and persistence to one
 * JSON file under the data dir. Writes are coalesced and land atomically (temp file + rename),
 * so a crash leaves either the old or the new state, and `flush()` on close loses nothing.
 */
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { RESOURCES, type ResourceType } from './resources';

/** Object metadata as stored; extra fields pass through untouched. */
export interface ObjectMeta {
  name: string;
  namespace?: string;
  generateName?: string;
  uid?: string;
  resourceVersion?: string;
  generation?: number;
  creationTimestamp?: string;
  deletionTimestamp?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  ownerReferences?: {
    apiVersion: string;
    kind: string;
    name: string;
    uid: string;
    controller?: boolean;
  }[];
  finalizers?: string[];
  managedFields?: unknown[];
  [key: string]: unknown;
}

/** Any Kubernetes object. */
export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata: ObjectMeta;
  [key: string]: unknown;
}

export type EventType = 'ADDED' | 'MODIFIED' | 'DELETED';

/** A change, as recorded in the history ring and fanned out to watchers. */
export interface StoreEvent {
  type: EventType;
  resource: ResourceType;
  /** The object after the change (the last state for DELETED), in storage version. */
  object: KubeObject;
  /** The resourceVersion this change was assigned. */
  rv: number;
  /** The state before a MODIFIED change (lets watches see objects leave their selector). */
  previous?: KubeObject;
}

const STATE_FILE = 'cluster-state.json';

interface StateFile {
  resourceVersion: number;
  objects: KubeObject[];
}

const resKey = (r: ResourceType) => `${r.group}/${r.plural}`;
const objKey = (ns: string | undefined, name: string) => `${ns ?? ''}/${name}`;

export function clone<T>(v: T): T {
  return structuredClone(v);
}

export class Store {
  private rv = 0;
  private readonly objects = new Map<string, Map<string, KubeObject>>();
  private readonly history: StoreEvent[] = [];
  /** Events with rv ≤ this are no longer in the ring (or predate this process). */
  private compacted = 0;
  private readonly listeners = new Set<(e: StoreEvent) => void>();
  private dirty = false;
  private flushing = false;
  private saving: Promise<void> | undefined;

  /** The last failed write, rethrown by flush() (the next write retries the whole state). */
  private writeError: unknown;

  constructor(
    private readonly dataDir: string,
    private readonly historySize = 1000,
    private readonly onWriteError: (err: unknown) => void = () => {},
  ) {}

  /** Loads persisted state; returns false when the data dir holds none (first start). */
  async load(): Promise<boolean> {
    await mkdir(this.dataDir, { recursive: true });
    let text: string;
    try {
      text = await readFile(join(this.dataDir, STATE_FILE), 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return false;
      throw err;
    }
    const state = JSON.parse(text) as StateFile;
    for (const obj of state.objects) {
      const r = RESOURCES.find(
        (t) =>
          t.kind === obj.kind &&
          obj.apiVersion === (t.group ? `${t.group}/${t.storageVersion}` : t.storageVersion),
      );
      if (r) this.bucket(r).set(objKey(obj.metadata.namespace, obj.metadata.name), obj);
    }
    this.rv = state.resourceVersion;
    // Watches from before the restart cannot be resumed: the history died with the process.
    this.compacted = this.rv;
    return true;
  }

  /** The current value of the cluster-wide counter. */
  get resourceVersion(): number {
    return this.rv;
  }

  /** RVs at or below this are too old to resume a watch from. */
  get oldestResumable(): number {
    return this.compacted;
  }

  private bucket(r: ResourceType): Map<string, KubeObject> {
    let b = this.objects.get(resKey(r));
    if (!b) {
      b = new Map();
      this.objects.set(resKey(r), b);
    }
    return b;
  }

  /** A copy of one object, or undefined. */
  get(r: ResourceType, ns: string | undefined, name: string): KubeObject | undefined {
    const o = this.bucket(r).get(objKey(r.namespaced ? ns : undefined, name));
    return o && clone(o);
  }

  /** Copies of every object of `r`, in one namespace or all, sorted by namespace/name. */
  list(r: ResourceType, ns?: string): KubeObject[] {
    const out: { key: string; obj: KubeObject }[] = [];
    for (const [key, o] of this.bucket(r)) {
      if (ns === undefined || o.metadata.namespace === ns) out.push({ key, obj: o });
    }
    // Plain code-unit order: localeCompare is far too slow for thousands of objects.
    out.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    return out.map((e) => clone(e.obj));
  }

  /**
   * Calls `fn` with the stored objects themselves (no copies) for read-only scans in hot paths
   * such as IP allocation. `fn` must not mutate or keep them.
   */
  scan(r: ResourceType, fn: (o: Readonly<KubeObject>) => void, ns?: string): void {
    for (const o of this.bucket(r).values())
      if (ns === undefined || o.metadata.namespace === ns) fn(o);
  }

  /** Stored objects (not copies) matching `pred`, for read-only use; see scan(). */
  select(
    r: ResourceType,
    ns: string | undefined,
    pred: (o: Readonly<KubeObject>) => boolean,
  ): KubeObject[] {
    const out: KubeObject[] = [];
    this.scan(
      r,
      (o) => {
        if (pred(o)) out.push(o as KubeObject);
      },
      ns,
    );
    return out;
  }

  /** Stores `obj` (create or replace) with the next resourceVersion; returns the stored copy. */
  put(r: ResourceType, obj: KubeObject): KubeObject {
    const key = objKey(r.namespaced ? obj.metadata.namespace : undefined, obj.metadata.name);
    const bucket = this.bucket(r);
    const previous = bucket.get(key);
    const stored = clone(obj);
    stored.metadata.resourceVersion = String(++this.rv);
    bucket.set(key, stored);
    this.record({
      type: previous ? 'MODIFIED' : 'ADDED',
      resource: r,
      object: stored,
      rv: this.rv,
      previous,
    });
    return clone(stored);
  }

  /** Removes an object; the DELETED event carries its last state with a new resourceVersion. */
  remove(r: ResourceType, ns: string | undefined, name: string): KubeObject | undefined {
    const key = objKey(r.namespaced ? ns : undefined, name);
    const bucket = this.bucket(r);
    const old = bucket.get(key);
    if (!old) return undefined;
    bucket.delete(key);
    const last = clone(old);
    last.metadata.resourceVersion = String(++this.rv);
    this.record({ type: 'DELETED', resource: r, object: last, rv: this.rv });
    return clone(last);
  }

  /** Events after `rv`, oldest first, or 'expired' when some of them left the ring. */
  eventsSince(rv: number): StoreEvent[] | 'expired' {
    if (rv < this.compacted) return 'expired';
    return this.history.filter((e) => e.rv > rv);
  }

  /** Calls `fn` for every change from now on; returns the unsubscribe function. */
  subscribe(fn: (e: StoreEvent) => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  private record(e: StoreEvent): void {
    this.history.push(e);
    while (this.history.length > this.historySize) {
      const dropped = this.history.shift();
      if (dropped) this.compacted = dropped.rv;
    }
    this.scheduleSave();
    for (const fn of [...this.listeners]) {
      try {
        fn(e);
      } catch {
        // A broken watcher must not break the write that triggered it.
      }
    }
  }

  private scheduleSave(): void {
    this.dirty = true;
    if (!this.saving) this.saving = this.saveLoop();
  }

  private async saveLoop(): Promise<void> {
    // Yield once so a burst of writes (a seed, a namespace cascade) becomes one file write.
    await new Promise((r) => setImmediate(r));
    try {
      while (this.dirty) {
        this.dirty = false;
        const started = Date.now();
        const state: StateFile = { resourceVersion: this.rv, objects: [] };
        for (const b of this.objects.values()) state.objects.push(...b.values());
        const file = join(this.dataDir, STATE_FILE);
        const tmp = `${file}.${process.pid}.tmp`;
        await writeFile(tmp, JSON.stringify(state));
        await rename(tmp, file);
        this.writeError = undefined;
        // Under steady churn (pod status updates in a large mesh) rewrite the file at most every
        // few write-durations, so persistence stays a small share of the CPU; close() flushes.
        if (this.dirty && !this.flushing) {
          const pause = Math.min(2000, Math.max(50, (Date.now() - started) * 4));
          await new Promise((r) => setTimeout(r, pause));
        }
      }
    } catch (err) {
      // Keep serving from memory; report, and let flush() (close) surface it.
      this.writeError = err;
      this.onWriteError(err);
    } finally {
      this.saving = undefined;
    }
  }

  /** Resolves once every change so far is on disk. */
  async flush(): Promise<void> {
    this.flushing = true;
    try {
      while (this.saving) await this.saving;
    } finally {
      this.flushing = false;
    }
    if (this.writeError) throw this.writeError;
  }
}
