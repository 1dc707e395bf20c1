/**
 * Object metadata rules shared by every verb (reference §7): uid, creationTimestamp at seconds
 * precision, generation bumped only when something outside metadata/status changes, coarse
 * managedFields, and apiVersion rewriting between served versions of one stored object.
 */
import { randomBytes, randomUUID } from 'node:crypto';

import { groupVersion, type ResourceType } from './resources';
import { clone, type KubeObject } from './store';

/** RFC 3339 at seconds precision, as the apiserver stamps creationTimestamp. */
export function nowTimestamp(now = new Date()): string {
  return now.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export function newUid(): string {
  return randomUUID();
}

const ALNUM = 'bcdfghjklmnpqrstvwxz2456789';

/** The apiserver's random name suffix alphabet (no vowels, no confusable digits). */
export function randomSuffix(n = 5): string {
  const bytes = randomBytes(n);
  let out = '';
  for (const b of bytes) out += ALNUM[b % ALNUM.length];
  return out;
}

/** The object as served in `version` (storage keeps one copy; only apiVersion differs). */
export function inVersion(r: ResourceType, obj: KubeObject, version: string): KubeObject {
  return { ...obj, apiVersion: groupVersion(r.group, version), kind: r.kind };
}

/** The object as stored. */
export function inStorage(r: ResourceType, obj: KubeObject): KubeObject {
  return { ...obj, apiVersion: groupVersion(r.group, r.storageVersion), kind: r.kind };
}

function body(obj: KubeObject): string {
  const { metadata: _m, status: _s, apiVersion: _a, kind: _k, ...rest } = obj;
  return stableStringify(rest);
}

/** JSON with sorted keys, so equal objects compare equal whatever their key order. */
export function stableStringify(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(stableStringify).join(',')}]`;
  if (v && typeof v === 'object') {
    const entries = Object.entries(v as Record<string, unknown>)
      .filter(([, x]) => x !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, x]) => `${JSON.stringify(k)}:${stableStringify(x)}`).join(',')}}`;
  }
  return JSON.stringify(v);
}

/** True when anything outside metadata and status differs (what bumps generation). */
export function specChanged(a: KubeObject, b: KubeObject): boolean {
  return body(a) !== body(b);
}

/** True when a write would change nothing a client can observe (no new resourceVersion). */
export function sameObject(a: KubeObject, b: KubeObject): boolean {
  const strip = (o: KubeObject) => {
    const c = clone(o);
    delete c.metadata.resourceVersion;
    delete c.metadata.managedFields;
    c.apiVersion = '';
    return stableStringify(c);
  };
  return strip(a) === strip(b);
}

/** Records `manager` as the owner of the object's fields (coarse: no per-field sets). */
export function touchManagedFields(
  obj: KubeObject,
  manager: string,
  operation: 'Apply' | 'Update',
  apiVersion: string,
  subresource?: string,
): void {
  const list = (Array.isArray(obj.metadata.managedFields) ? obj.metadata.managedFields : []) as {
    manager?: string;
    operation?: string;
    subresource?: string;
  }[];
  const entry = {
    manager,
    operation,
    apiVersion,
    time: nowTimestamp(),
    fieldsType: 'FieldsV1',
    fieldsV1: {},
    ...(subresource ? { subresource } : {}),
  };
  const i = list.findIndex(
    (e) => e.manager === manager && e.operation === operation && e.subresource === subresource,
  );
  if (i >= 0) list[i] = entry;
  else list.push(entry);
  obj.metadata.managedFields = list;
}
