import 'server-only';

/**
 * Tolerant readers for Istio objects whose shape the API server has (mostly) checked: a
 * validation must never throw on an odd object, so every accessor falls back to empty.
 */
export type Json = Record<string, unknown>;

export function obj(v: unknown): Json {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : {};
}

export function arr(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}

export function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

export function strings(v: unknown): string[] {
  return arr(v).filter((x): x is string => typeof x === 'string');
}

export function labels(v: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, val] of Object.entries(obj(v))) if (typeof val === 'string') out[k] = val;
  return out;
}

/** True when every label in `selector` is present with the same value in `target`. */
export function selects(selector: Record<string, string>, target: Record<string, string>): boolean {
  return Object.entries(selector).every(([k, v]) => target[k] === v);
}
