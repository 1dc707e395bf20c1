import 'server-only';

/**
 * The one place a value from outside enters PromQL. Every builder in queries.ts passes label
 * values, namespace lists and windows through these helpers, so an injection attempt such as
 * `bookinfo"} or vector(1) #` is rejected before any string is concatenated.
 */

/** A value that cannot be used in a query; route handlers turn it into a 400. */
export class PromQLInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PromQLInputError';
  }
}

/** RFC 1123 label (namespaces, services), at most 63 characters. */
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
/** RFC 1123 subdomain (Deployment names may contain dots), at most 253 characters. */
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
/** Kubernetes label values (app, version): alphanumerics with `-_.` inside, ≤ 63 characters. */
const LABEL_VALUE = /^([A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?)?$/;

/** Checks a namespace name (RFC 1123 label) and returns it unchanged. */
export function namespaceName(value: string): string {
  if (value.length > 63 || !DNS_LABEL.test(value)) {
    throw new PromQLInputError(
      `invalid namespace "${value}": must be a lowercase RFC 1123 label (a-z, 0-9, "-", at most 63 characters)`,
    );
  }
  return value;
}

/** Checks a workload or service name (RFC 1123 subdomain) and returns it unchanged. */
export function objectName(value: string, what = 'name'): string {
  if (value.length > 253 || !DNS_SUBDOMAIN.test(value)) {
    throw new PromQLInputError(
      `invalid ${what} "${value}": must be a lowercase RFC 1123 name (a-z, 0-9, "-", ".")`,
    );
  }
  return value;
}

/** Checks a Kubernetes label value (app, version) and returns it unchanged. */
export function labelValue(value: string, what = 'label value'): string {
  if (value.length > 63 || !LABEL_VALUE.test(value)) {
    throw new PromQLInputError(
      `invalid ${what} "${value}": must be a Kubernetes label value (alphanumerics, "-", "_", ".")`,
    );
  }
  return value;
}

/**
 * Quotes an already validated value as a PromQL string literal. Validation leaves no quote or
 * backslash, but escaping anyway keeps this safe if a caller forgets.
 */
export function quote(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`;
}

/**
 * One regex matcher over all requested namespaces (`"a|b|c"`), so the number of queries per
 * graph does not grow with the number of namespaces. Names are validated first: RFC 1123 labels
 * contain no regex metacharacters, so no further escaping is needed.
 */
export function namespaceRegex(namespaces: readonly string[]): string {
  if (namespaces.length === 0) throw new PromQLInputError('at least one namespace is required');
  const unique = [...new Set(namespaces.map(namespaceName))].sort();
  return quote(unique.join('|'));
}

/** Longest window Meshscope will ask for (30 days, Kiali's maximum). */
export const MAX_WINDOW_SECONDS = 30 * 24 * 3600;

/** A PromQL range selector duration in whole seconds, e.g. `60s`. */
export function windowSeconds(seconds: number): string {
  if (!Number.isInteger(seconds) || seconds < 1 || seconds > MAX_WINDOW_SECONDS) {
    throw new PromQLInputError(
      `invalid window ${seconds}: must be a whole number of seconds between 1 and ${MAX_WINDOW_SECONDS}`,
    );
  }
  return `${seconds}s`;
}

const DURATION = /^(\d+)(ms|s|m|h|d|w)?$/;
const UNIT_SECONDS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86400, w: 604800 };

/**
 * Parses a user duration (`60`, `60s`, `5m`, `1h`, `7d`) into whole seconds; anything else,
 * including PromQL-looking text, is rejected.
 */
export function parseDuration(text: string): number {
  const m = DURATION.exec(text.trim());
  if (!m || m[2] === 'ms') {
    throw new PromQLInputError(
      `invalid duration "${text}": use a whole number with a unit s, m, h, d or w (e.g. 60s, 5m)`,
    );
  }
  const seconds = Number(m[1]) * UNIT_SECONDS[m[2] ?? 's'];
  windowSeconds(seconds);
  return seconds;
}
