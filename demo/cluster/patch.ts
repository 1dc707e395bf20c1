/**
 * The four PATCH bodies the apiserver understands (reference §9): RFC 7386 merge-patch, RFC 6902
 * json-patch (fast-json-patch), strategic merge for built-in kinds, and server-side apply
 * (simplified: maps merge, lists replace, every apply is treated as force=true).
 */
import jsonpatch, { type Operation } from 'fast-json-patch';

import { badRequest, unsupportedMediaType } from './status';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

export const MERGE_PATCH = 'application/merge-patch+json';
export const JSON_PATCH = 'application/json-patch+json';
export const STRATEGIC_PATCH = 'application/strategic-merge-patch+json';
export const APPLY_PATCH = 'application/apply-patch+yaml';

const isObject = (v: unknown): v is JsonObject =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** RFC 7386: maps merge recursively, `null` deletes, everything else (arrays too) replaces. */
export function mergePatch(target: unknown, patch: unknown): Json {
  if (!isObject(patch)) return patch as Json;
  const out: JsonObject = isObject(target) ? { ...target } : {};
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete out[k];
    else out[k] = mergePatch(out[k], v);
  }
  return out;
}

/** Thrown by {@link jsonPatch} when an operation cannot apply (a 422 on the wire). */
export class PatchApplyError extends Error {}

/** RFC 6902 on a copy of `doc`. The body must be an array of operations (400 otherwise). */
export function jsonPatch(doc: unknown, ops: unknown): Json {
  if (!Array.isArray(ops)) {
    const what = isObject(ops) ? 'object' : typeof ops;
    throw badRequest(`json: cannot unmarshal ${what} into Go value of type jsonpatch.Patch`);
  }
  try {
    return jsonpatch.applyPatch(structuredClone(doc), ops as Operation[], true, false)
      .newDocument as Json;
  } catch (err) {
    throw new PatchApplyError((err as Error).message.split('\n')[0]);
  }
}

/** Lists that merge element-by-element, keyed by this field (the built-in patchMergeKeys). */
function mergeKeyFor(listName: string, items: Json[]): string | undefined {
  switch (listName) {
    case 'containers':
    case 'initContainers':
    case 'ephemeralContainers':
    case 'env':
    case 'volumes':
    case 'imagePullSecrets':
      return 'name';
    case 'volumeMounts':
      return 'mountPath';
    case 'conditions':
      return 'type';
    case 'ports':
      // Container ports merge on containerPort; Service ports on port.
      return items.some((i) => isObject(i) && 'containerPort' in i) ? 'containerPort' : 'port';
    default:
      return undefined;
  }
}

const SET_ORDER = '$setElementOrder/';
const DELETE_PRIMITIVE = '$deleteFromPrimitiveList/';

/**
 * Strategic merge patch for built-in kinds: like merge-patch, except lists with a patch merge
 * key merge per element and the `$patch`, `$setElementOrder`, `$deleteFromPrimitiveList` and
 * `$retainKeys` directives apply. Directive keys never reach the result.
 */
export function strategicMerge(target: unknown, patch: unknown): Json {
  if (!isObject(patch)) return patch as Json;
  const directive = patch.$patch;
  if (directive === 'delete') return null;
  const base: JsonObject = isObject(target) && directive !== 'replace' ? { ...target } : {};
  const retain = Array.isArray(patch.$retainKeys) ? (patch.$retainKeys as string[]) : undefined;
  for (const [k, v] of Object.entries(patch)) {
    if (k === '$patch' || k === '$retainKeys' || k.startsWith(SET_ORDER)) continue;
    if (k.startsWith(DELETE_PRIMITIVE)) {
      const list = k.slice(DELETE_PRIMITIVE.length);
      const drop = Array.isArray(v) ? v : [];
      if (Array.isArray(base[list]))
        base[list] = (base[list] as Json[]).filter((x) => !drop.includes(x));
      continue;
    }
    if (v === null) {
      delete base[k];
    } else if (Array.isArray(v)) {
      base[k] = mergeList(k, base[k], v);
    } else if (isObject(v)) {
      const merged = strategicMerge(base[k], v);
      if (merged === null) delete base[k];
      else base[k] = merged;
    } else {
      base[k] = v;
    }
  }
  for (const [k, order] of Object.entries(patch)) {
    if (!k.startsWith(SET_ORDER) || !Array.isArray(order)) continue;
    const list = k.slice(SET_ORDER.length);
    if (Array.isArray(base[list])) base[list] = reorder(list, base[list] as Json[], order);
  }
  if (retain) for (const k of Object.keys(base)) if (!retain.includes(k)) delete base[k];
  return base;
}

function mergeList(name: string, current: Json | undefined, patch: Json[]): Json[] {
  const cur = Array.isArray(current) ? current : [];
  if (patch.some((p) => isObject(p) && p.$patch === 'replace')) {
    return patch.filter((p) => !(isObject(p) && p.$patch === 'replace')).map((p) => strip(p));
  }
  const key = mergeKeyFor(name, [...cur, ...patch]);
  if (!key) return patch.map((p) => strip(p));
  const out = [...cur];
  for (const p of patch) {
    if (!isObject(p)) continue;
    const idx = out.findIndex((c) => isObject(c) && c[key] === p[key]);
    if (p.$patch === 'delete') {
      if (idx >= 0) out.splice(idx, 1);
    } else if (idx >= 0) {
      out[idx] = strategicMerge(out[idx], p);
    } else {
      out.push(strip(p));
    }
  }
  return out;
}

function reorder(name: string, list: Json[], order: Json[]): Json[] {
  const key = mergeKeyFor(name, list);
  const id = (x: Json) => (key && isObject(x) ? x[key] : x);
  const rank = (x: Json) => {
    const i = order.findIndex((o) => JSON.stringify(id(o)) === JSON.stringify(id(x)));
    return i < 0 ? order.length : i;
  };
  return [...list].sort((a, b) => rank(a) - rank(b));
}

/** Removes directive keys from a value that is inserted as-is. */
function strip(v: Json): Json {
  if (Array.isArray(v)) return v.map(strip);
  if (!isObject(v)) return v;
  const out: JsonObject = {};
  for (const [k, x] of Object.entries(v)) {
    if (k.startsWith('$')) continue;
    out[k] = strip(x);
  }
  return out;
}

/** Server-side apply merge: maps merge recursively, lists and scalars from the applied config win. */
export function applyMerge(target: unknown, applied: unknown): Json {
  if (!isObject(applied)) return applied as Json;
  const out: JsonObject = isObject(target) ? { ...target } : {};
  for (const [k, v] of Object.entries(applied)) out[k] = v === null ? null : applyMerge(out[k], v);
  return out;
}

/** The PATCH content types, checked exactly so client mistakes surface as they would upstream. */
export function patchKind(
  contentType: string | undefined,
  custom: boolean,
): 'merge' | 'json' | 'strategic' | 'apply' {
  const ct = (contentType ?? '').split(';')[0].trim().toLowerCase();
  if (ct === MERGE_PATCH) return 'merge';
  if (ct === JSON_PATCH) return 'json';
  if (ct === APPLY_PATCH) return 'apply';
  if (ct === STRATEGIC_PATCH && !custom) return 'strategic';
  throw unsupportedMediaType(
    `the body of the request was in an unknown format - accepted media types include: ${JSON_PATCH}, ${MERGE_PATCH}, ${APPLY_PATCH}${custom ? '' : `, ${STRATEGIC_PATCH}`}`,
  );
}
