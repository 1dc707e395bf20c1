import 'server-only';

import type { TrafficMirror, TrafficRouteSummary } from '@/server/model/traffic';

/**
 * Pure traffic-split logic on raw VirtualService specs. Specs stay `Record<string, unknown>`
 * on purpose: Meshscope must round-trip fields it does not know (newer Istio features, vendor
 * extensions), so it only ever touches the destinations and mirror of one http route.
 */

export type Json = Record<string, unknown>;

/** A VS http route destination as far as Meshscope reads it. */
interface Destination {
  destination?: { host?: string; subset?: string; port?: unknown };
  weight?: number;
  [k: string]: unknown;
}

/** The http routes of a VS spec (an empty list when it has none). */
export function httpRoutes(spec: Json | undefined): Json[] {
  const http = spec?.http;
  return Array.isArray(http) ? (http as Json[]) : [];
}

/**
 * Which route "the" split lives on when the user did not pick one: the first catch-all route
 * (no `match`), since every request that no earlier rule claims ends there; routes after it are
 * unreachable. Without a catch-all, the last route.
 */
export function defaultRouteIndex(routes: readonly Json[]): number {
  const i = routes.findIndex((r) => !hasMatch(r));
  return i >= 0 ? i : Math.max(0, routes.length - 1);
}

/**
 * Resolves the `route` input (index or route name) to an index, or a message saying why not.
 */
export function resolveRoute(
  routes: readonly Json[],
  route: number | string | undefined,
): { index: number } | { error: string } {
  if (route === undefined) return { index: defaultRouteIndex(routes) };
  if (typeof route === 'number' || /^\d+$/.test(route)) {
    const i = Number(route);
    if (i < routes.length || (routes.length === 0 && i === 0)) return { index: i };
    return { error: `route ${i} does not exist (the VirtualService has ${routes.length})` };
  }
  const i = routes.findIndex((r) => r.name === route);
  return i >= 0 ? { index: i } : { error: `no http route named "${route}"` };
}

/** True when a destination host names this service (short, `name.ns`, `.svc` or FQDN form). */
export function hostIsService(host: string | undefined, service: string, namespace: string) {
  if (!host) return false;
  const h = host.toLowerCase();
  return (
    h === service ||
    h === `${service}.${namespace}` ||
    h === `${service}.${namespace}.svc` ||
    h === `${service}.${namespace}.svc.cluster.local`
  );
}

/**
 * Weight per subset of one route's destinations to this service. Istio treats a lone
 * destination without weight as 100; several without weights are invalid, so they read as 0.
 */
export function routeWeights(route: Json | undefined, service: string, namespace: string) {
  const dests = destinations(route);
  const out: Record<string, number> = {};
  for (const d of dests) {
    const subset = d.destination?.subset;
    if (!subset || !hostIsService(d.destination?.host, service, namespace)) continue;
    const w = typeof d.weight === 'number' ? d.weight : dests.length === 1 ? 100 : 0;
    out[subset] = (out[subset] ?? 0) + w;
  }
  return out;
}

/** The route's mirror, if it mirrors to a subset of this service. */
export function routeMirror(route: Json | undefined): TrafficMirror | null {
  const mirror = route?.mirror as { subset?: string } | undefined;
  if (!mirror?.subset) return null;
  const pct = route?.mirrorPercentage as { value?: number } | undefined;
  const legacy = route?.mirrorPercent;
  const percent =
    typeof pct?.value === 'number' ? pct.value : typeof legacy === 'number' ? legacy : 100;
  return { subset: mirror.subset, percent };
}

/** A one-line summary of every route for the route picker. */
export function summariseRoutes(routes: readonly Json[]): TrafficRouteSummary[] {
  return routes.map((r, index) => ({
    index,
    name: typeof r.name === 'string' ? r.name : undefined,
    match: describeMatch(r),
    catchAll: !hasMatch(r),
    subsets: destinations(r)
      .map((d) => d.destination?.subset)
      .filter((s): s is string => Boolean(s)),
  }));
}

/** Subset facts the validator needs: which subsets exist and whether they select workloads. */
export interface SubsetFacts {
  name: string;
  workloads: readonly string[];
}

/**
 * Why these weights cannot be written, or null. Messages name the offending subset, since the
 * user sees them verbatim (422).
 */
export function weightsError(weights: Record<string, unknown>, subsets: readonly SubsetFacts[]) {
  const entries = Object.entries(weights);
  if (entries.length === 0) return 'weights must name at least one subset';
  for (const [name, w] of entries) {
    if (typeof w !== 'number' || !Number.isInteger(w))
      return `weight for subset "${name}" must be an integer (got ${JSON.stringify(w)})`;
    if (w < 0) return `weight for subset "${name}" must not be negative (got ${w})`;
    if (w > 100) return `weight for subset "${name}" must be at most 100 (got ${w})`;
  }
  const known = new Map(subsets.map((s) => [s.name, s]));
  for (const [name, w] of entries) {
    const s = known.get(name);
    if (!s) {
      const names = [...known.keys()].join(', ') || 'none';
      return `unknown subset "${name}" (subsets: ${names})`;
    }
    if ((w as number) > 0 && s.workloads.length === 0)
      return `subset "${name}" has labels that match no workload, so it cannot receive traffic`;
  }
  const total = entries.reduce((acc, [, w]) => acc + (w as number), 0);
  if (total !== 100) return `weights must sum to 100 (they sum to ${total})`;
  return null;
}

/** Why a mirror cannot be written, or null. */
export function mirrorError(mirror: TrafficMirror, subsets: readonly SubsetFacts[]) {
  const s = subsets.find((x) => x.name === mirror.subset);
  if (!s) return `unknown mirror subset "${mirror.subset}"`;
  if (s.workloads.length === 0) return `mirror subset "${mirror.subset}" matches no workload`;
  if (!(mirror.percent >= 0 && mirror.percent <= 100))
    return `mirror percentage must be between 0 and 100 (got ${mirror.percent})`;
  return null;
}

/**
 * The route with new destinations (and mirror), everything else kept. Existing destinations are
 * kept in place with their other fields (port, headers) and get the new weight; subsets the
 * route did not have are appended, copying the port of the first destination. A subset at 0 that
 * the route already had stays at `weight: 0` so the change is visible in the YAML; one it did not
 * have is not added. `mirror`: undefined keeps the route's mirror, null removes it.
 */
export function rewriteRoute(
  route: Json,
  opts: {
    host: string;
    service: string;
    namespace: string;
    weights: Record<string, number>;
    mirror?: TrafficMirror | null;
    /** Also add subsets at 0 the route did not have (a new route lists every subset). */
    includeZero?: boolean;
  },
): Json {
  const old = destinations(route);
  const ours = (d: Destination) => hostIsService(d.destination?.host, opts.service, opts.namespace);
  const port = old.find(ours)?.destination?.port;
  const seen = new Set<string>();
  const next: Destination[] = [];
  for (const d of old) {
    const subset = d.destination?.subset;
    // Destinations to other hosts or without a subset cannot be expressed as subset weights;
    // once the user sets an explicit split they are replaced by it.
    if (!ours(d) || !subset || seen.has(subset)) continue;
    seen.add(subset);
    next.push({ ...d, weight: opts.weights[subset] ?? 0 });
  }
  for (const [subset, weight] of Object.entries(opts.weights)) {
    if (seen.has(subset) || (weight === 0 && !opts.includeZero)) continue;
    const destination: Json = { host: opts.host, subset };
    if (port !== undefined) destination.port = port;
    next.push({ destination, weight });
  }
  const out: Json = { ...route, route: next };
  if (opts.mirror === null) {
    delete out.mirror;
    delete out.mirrorPercentage;
    delete out.mirrorPercent;
  } else if (opts.mirror) {
    const destination: Json = { host: opts.host, subset: opts.mirror.subset };
    if (port !== undefined) destination.port = port;
    out.mirror = destination;
    out.mirrorPercentage = { value: opts.mirror.percent };
    delete out.mirrorPercent;
  }
  return out;
}

/** The VS spec with route `index` rewritten; all other routes and fields are untouched. */
export function rewriteSpec(spec: Json, index: number, next: Json): Json {
  const routes = httpRoutes(spec).slice();
  routes[index] = next;
  return { ...spec, http: routes };
}

/** A spec for a VS Meshscope creates: one catch-all route over the given weights. */
export function newVirtualServiceSpec(
  host: string,
  weights: Record<string, number>,
  mirror?: TrafficMirror | null,
): Json {
  // Every subset is listed, zeros included, so the YAML shows the whole split at a glance.
  const route = rewriteRoute(
    {},
    { host, service: host, namespace: '', weights, mirror, includeZero: true },
  );
  return { hosts: [host], http: [route] };
}

function destinations(route: Json | undefined): Destination[] {
  const r = route?.route;
  return Array.isArray(r) ? (r as Destination[]) : [];
}

function hasMatch(route: Json): boolean {
  return Array.isArray(route.match) && route.match.length > 0;
}

/** e.g. `uri prefix /api · header end-user=jason`; `default` for a catch-all. */
export function describeMatch(route: Json): string {
  if (!hasMatch(route)) return 'default';
  const parts = (route.match as Json[]).map((m) => {
    const bits: string[] = [];
    for (const key of ['uri', 'authority', 'scheme', 'method'] as const) {
      const v = m[key] as Json | undefined;
      if (v) bits.push(`${key} ${describeStringMatch(v)}`);
    }
    const headers = m.headers as Record<string, Json> | undefined;
    for (const [h, v] of Object.entries(headers ?? {})) bits.push(`${h} ${describeStringMatch(v)}`);
    if (m.port !== undefined) bits.push(`port ${String(m.port)}`);
    if (m.sourceLabels) bits.push('source labels');
    return bits.join(' & ') || 'any';
  });
  return parts.join(' | ');
}

function describeStringMatch(v: Json): string {
  if (typeof v.exact === 'string') return `= ${v.exact}`;
  if (typeof v.prefix === 'string') return `prefix ${v.prefix}`;
  if (typeof v.regex === 'string') return `~ ${v.regex}`;
  return 'matches';
}
