import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterEach, describe, expect, it } from 'vitest';

import { findResource } from './resources';
import { type KubeObject, Store } from './store';

const vs = findResource('networking.istio.io', 'v1', 'virtualservices');
if (!vs) throw new Error('no vs');
const obj = (name: string): KubeObject => ({
  apiVersion: 'networking.istio.io/v1',
  kind: 'VirtualService',
  metadata: { name, namespace: 'ns' },
  spec: { hosts: [name] },
});

const dirs: string[] = [];
async function tempDir(): Promise<string> {
  const d = await mkdtemp(join(tmpdir(), 'meshscope-store-'));
  dirs.push(d);
  return d;
}
const stores: Store[] = [];
/** A store in a fresh temp dir, flushed before the dir is removed. */
async function tempStore(historySize?: number): Promise<Store> {
  const s = new Store(await tempDir(), historySize);
  stores.push(s);
  return s;
}
afterEach(async () => {
  await Promise.all(stores.splice(0).map((s) => s.flush()));
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

describe('Store', () => {
  it('assigns one increasing resourceVersion across all writes and records previous state', async () => {
    const s = await tempStore();
    const a = s.put(vs, obj('a'));
    const b = s.put(vs, obj('b'));
    const a2 = s.put(vs, { ...obj('a'), spec: { hosts: ['x'] } });
    expect([a, b, a2].map((o) => o.metadata.resourceVersion)).toEqual(['1', '2', '3']);
    const events = s.eventsSince(0);
    expect(
      events !== 'expired' && events.map((e) => `${e.type} ${e.object.metadata.name}`),
    ).toEqual(['ADDED a', 'ADDED b', 'MODIFIED a']);
    expect(events !== 'expired' && events[2].previous?.spec).toEqual({ hosts: ['a'] });
    const gone = s.remove(vs, 'ns', 'b');
    expect(gone?.metadata.resourceVersion).toBe('4');
    expect(s.list(vs).map((o) => o.metadata.name)).toEqual(['a']);
  });

  it('returns copies, so callers cannot change stored state by accident', async () => {
    const s = await tempStore();
    s.put(vs, obj('a'));
    const got = s.get(vs, 'ns', 'a') as KubeObject;
    (got.spec as { hosts: string[] }).hosts.push('mutated');
    expect(s.get(vs, 'ns', 'a')?.spec).toEqual({ hosts: ['a'] });
  });

  it('expires resourceVersions that left the history ring', async () => {
    const s = await tempStore(3);
    for (const n of ['a', 'b', 'c', 'd', 'e']) s.put(vs, obj(n));
    expect(s.eventsSince(1)).toBe('expired');
    const recent = s.eventsSince(2);
    expect(recent !== 'expired' && recent.map((e) => e.rv)).toEqual([3, 4, 5]);
  });

  it('reports a failed write instead of crashing, and flush() rethrows it', async () => {
    const errors: unknown[] = [];
    const s = new Store(join(await tempDir(), 'missing', 'dir'), 10, (e) => errors.push(e));
    s.put(vs, obj('a'));
    await expect(s.flush()).rejects.toThrow('ENOENT');
    expect(errors).toHaveLength(1);
    expect(s.get(vs, 'ns', 'a')?.metadata.name).toBe('a');
  });

  it('persists atomically and reloads everything, expiring pre-restart watch positions', async () => {
    const dir = await tempDir();
    const s = new Store(dir);
    expect(await s.load()).toBe(false);
    s.put(vs, obj('a'));
    s.put(vs, obj('b'));
    await s.flush();
    expect((await readdir(dir)).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    expect(
      JSON.parse(await readFile(join(dir, 'cluster-state.json'), 'utf8')).resourceVersion,
    ).toBe(2);

    const again = new Store(dir);
    expect(await again.load()).toBe(true);
    expect(again.list(vs).map((o) => o.metadata.name)).toEqual(['a', 'b']);
    expect(again.resourceVersion).toBe(2);
    expect(again.eventsSince(1)).toBe('expired');
    expect(again.eventsSince(2)).toEqual([]);
    expect(again.put(vs, obj('c')).metadata.resourceVersion).toBe('3');
  });
});
