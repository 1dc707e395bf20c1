import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { ClusterApi, target, type WriteOptions } from './api';
import { ApiError } from './status';
import { type KubeObject, Store } from './store';

let dir: string;
let api: ClusterApi;
const opts: WriteOptions = { dryRun: false, fieldValidation: 'Strict', fieldManager: 'test' };
const vsT = (version = 'v1', name?: string) =>
  target('networking.istio.io', version, 'virtualservices', 'ns', name);
const vs = (name: string, extra: Record<string, unknown> = {}) => ({
  apiVersion: 'networking.istio.io/v1',
  kind: 'VirtualService',
  metadata: { name },
  spec: { hosts: [name] },
  ...extra,
});

function apiError(fn: () => unknown): ApiError {
  try {
    fn();
  } catch (e) {
    if (e instanceof ApiError) return e;
    throw e;
  }
  throw new Error('expected an ApiError');
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'meshscope-api-'));
  api = new ClusterApi(new Store(dir));
  api.create(target('', 'v1', 'namespaces'), { metadata: { name: 'ns' } }, opts);
});
afterAll(async () => {
  await api.store.flush();
  await rm(dir, { recursive: true, force: true });
});

describe('ClusterApi', () => {
  it('stamps create metadata and ignores client-supplied uid, resourceVersion and status', () => {
    const r = api.create(
      vsT(),
      vs('a', { status: { x: 1 }, metadata: { name: 'a', uid: 'mine', resourceVersion: '999' } }),
      opts,
    );
    expect(r.code).toBe(201);
    expect(r.object.metadata.uid).not.toBe('mine');
    expect(r.object.metadata.resourceVersion).not.toBe('999');
    expect(r.object.metadata.generation).toBe(1);
    expect(r.object.status).toBeUndefined();
  });

  it('supports generateName and rejects a namespace mismatch and a missing namespace', () => {
    const r = api.create(vsT(), { ...vs(''), metadata: { generateName: 'gen-' } }, opts);
    expect(r.object.metadata.name).toMatch(/^gen-[a-z0-9]{5}$/);
    expect(
      apiError(() =>
        api.create(vsT(), { ...vs('m'), metadata: { name: 'm', namespace: 'other' } }, opts),
      ).message,
    ).toBe('the namespace of the provided object does not match the namespace sent on the request');
    const missing = apiError(() => api.create({ ...vsT(), namespace: 'nope' }, vs('m'), opts));
    expect([missing.code, missing.message]).toEqual([404, 'namespaces "nope" not found']);
  });

  it('bumps generation only on spec changes', () => {
    const t = vsT('v1', 'a');
    const cur = api.get(t);
    const labelled = api.update(
      t,
      { ...cur, metadata: { ...cur.metadata, labels: { x: 'y' } } },
      opts,
    ).object;
    expect(labelled.metadata.generation).toBe(1);
    const changed = api.update(t, { ...labelled, spec: { hosts: ['a', 'b'] } }, opts).object;
    expect(changed.metadata.generation).toBe(2);
    // An update that changes nothing keeps the resourceVersion (no event, no write).
    expect(api.update(t, changed, opts).object.metadata.resourceVersion).toBe(
      changed.metadata.resourceVersion,
    );
  });

  it('prunes unknown fields with a warning under Warn, keeps them out under Ignore, rejects them under Strict', () => {
    const body = vs('p', { spec: { hosts: ['p'], bogus: true } });
    const warned = api.create(vsT(), body, { ...opts, fieldValidation: 'Warn' });
    expect(warned.warnings).toEqual(['unknown field "spec.bogus"']);
    expect(warned.object.spec).toEqual({ hosts: ['p'] });
    expect(
      apiError(() => api.create(vsT(), vs('q', { spec: { hosts: ['q'], bogus: 1 } }), opts)).code,
    ).toBe(400);
    const ignored = api.create(vsT(), vs('q', { spec: { hosts: ['q'], bogus: 1 } }), {
      ...opts,
      fieldValidation: 'Ignore',
    });
    expect([ignored.warnings, ignored.object.spec]).toEqual([[], { hosts: ['q'] }]);
  });

  it('does not store anything on dryRun', () => {
    const before = api.store.resourceVersion;
    const r = api.create(vsT(), vs('dry'), { ...opts, dryRun: true });
    expect(r.object.metadata.name).toBe('dry');
    expect(api.store.resourceVersion).toBe(before);
    expect(apiError(() => api.get(vsT('v1', 'dry'))).code).toBe(404);
  });

  it('holds an object with finalizers until the last one is removed', () => {
    const t = vsT('v1', 'fin');
    api.create(
      vsT(),
      vs('fin', { metadata: { name: 'fin', finalizers: ['example.com/hold'] } }),
      opts,
    );
    const marked = api.delete(t, { dryRun: false });
    expect(marked.metadata.deletionTimestamp).toBeDefined();
    expect(api.get(t).metadata.deletionTimestamp).toBeDefined();
    api.patch(
      t,
      Buffer.from(JSON.stringify({ metadata: { finalizers: null } })),
      'application/merge-patch+json',
      opts,
    );
    expect(apiError(() => api.get(t)).code).toBe(404);
  });

  it('applies server-side: 201 on create, requires a field manager, merges on update', () => {
    const t = vsT('v1beta1', 'ssa');
    const body = (hosts: string[]) =>
      Buffer.from(
        `apiVersion: networking.istio.io/v1beta1\nkind: VirtualService\nmetadata:\n  name: ssa\nspec:\n  hosts: [${hosts.join(', ')}]\n`,
      );
    expect(
      apiError(() =>
        api.patch(t, body(['a']), 'application/apply-patch+yaml', {
          ...opts,
          fieldManager: undefined,
        }),
      ).code,
    ).toBe(400);
    const created = api.patch(t, body(['a']), 'application/apply-patch+yaml', opts);
    expect(created.code).toBe(201);
    expect(created.object.apiVersion).toBe('networking.istio.io/v1beta1');
    const updated = api.patch(t, body(['a', 'b']), 'application/apply-patch+yaml', opts);
    expect([updated.code, (updated.object.spec as { hosts: string[] }).hosts]).toEqual([
      200,
      ['a', 'b'],
    ]);
    const mf = updated.object.metadata.managedFields as { manager: string; operation: string }[];
    expect(mf.some((m) => m.manager === 'test' && m.operation === 'Apply')).toBe(true);
  });

  it('reports a failed json-patch test as 422 and refuses name changes by patch', () => {
    const t = vsT('v1', 'a');
    const failed = apiError(() =>
      api.patch(
        t,
        Buffer.from('[{"op":"test","path":"/spec/hosts/0","value":"zzz"}]'),
        'application/json-patch+json',
        opts,
      ),
    );
    expect(failed.code).toBe(422);
    expect(
      apiError(() =>
        api.patch(
          t,
          Buffer.from('{"metadata":{"name":"b"}}'),
          'application/merge-patch+json',
          opts,
        ),
      ).code,
    ).toBe(400);
  });

  it('filters lists by label and field selectors and serves every version', () => {
    const items = (version: string, sel?: string, fields?: string) =>
      api
        .list(vsT(version), sel, fields)
        .map((o: KubeObject) => `${o.apiVersion} ${o.metadata.name}`);
    expect(items('v1alpha3', undefined, 'metadata.name=a')).toEqual([
      'networking.istio.io/v1alpha3 a',
    ]);
    expect(items('v1', 'x=y')).toEqual(['networking.istio.io/v1 a']);
    expect(apiError(() => items('v1', 'x in (')).code).toBe(400);
  });
});
