import 'server-only';

import type { Json } from './traffic-split';

/**
 * The RFC 7386 merge patch that turns `before` into `after`: changed keys carry the new value,
 * removed keys carry null, maps recurse and arrays are replaced whole (merge-patch semantics).
 * Sending only the difference keeps the write small and leaves untouched fields alone.
 */
export function mergePatchDiff(before: Json, after: Json): Json {
  const patch: Json = {};
  for (const key of Object.keys(before)) {
    if (!(key in after)) patch[key] = null;
  }
  for (const [key, value] of Object.entries(after)) {
    const old = before[key];
    if (isMap(old) && isMap(value)) {
      const sub = mergePatchDiff(old, value);
      if (Object.keys(sub).length > 0) patch[key] = sub;
    } else if (!deepEqual(old, value)) {
      patch[key] = value;
    }
  }
  return patch;
}

/** Applies a merge patch (RFC 7386); used to project a write without sending it. */
export function applyMergePatch(target: unknown, patch: unknown): unknown {
  if (!isMap(patch)) return patch;
  const out: Json = isMap(target) ? { ...target } : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete out[key];
    else out[key] = applyMergePatch(out[key], value);
  }
  return out;
}

export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b))
    return a.length === b.length && a.every((x, i) => deepEqual(x, b[i]));
  if (isMap(a) && isMap(b)) {
    const ka = Object.keys(a);
    return ka.length === Object.keys(b).length && ka.every((k) => k in b && deepEqual(a[k], b[k]));
  }
  return false;
}

function isMap(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
