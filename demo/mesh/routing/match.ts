import type { HttpMatchRequest, StringMatch } from '../snapshot';

/** The parts of a request that VirtualService matches look at. Header names are lowercase. */
export interface RouteRequest {
  /** Authority as the caller sent it (`reviews:9080`, `bookinfo.example.com`). */
  authority: string;
  port: number;
  path: string;
  method: string;
  headers: Record<string, string>;
}

/** Who is sending: the caller's pod labels and, for gateways, the gateway names it serves. */
export interface RouteCaller {
  namespace: string;
  labels: Record<string, string>;
  /** `<ns>/<name>` of the Gateways bound to this proxy when it is a gateway, else empty. */
  gateways: string[];
}

export function stringMatches(
  m: StringMatch | undefined,
  value: string | undefined,
  ignoreCase = false,
): boolean {
  if (!m) return true;
  if (value === undefined) return false;
  const v = ignoreCase ? value.toLowerCase() : value;
  if (m.exact !== undefined) return v === (ignoreCase ? m.exact.toLowerCase() : m.exact);
  if (m.prefix !== undefined) return v.startsWith(ignoreCase ? m.prefix.toLowerCase() : m.prefix);
  if (m.regex !== undefined) return fullRegex(m.regex).test(value);
  // An empty StringMatch (e.g. `headers: {x: {}}`) only requires presence.
  return true;
}

const regexCache = new Map<string, RegExp>();

/** Envoy uses RE2 with full-string matching; anchoring a JS RegExp gives the same semantics. */
function fullRegex(source: string): RegExp {
  let re = regexCache.get(source);
  if (!re) {
    re = new RegExp(`^(?:${source})$`);
    regexCache.set(source, re);
  }
  return re;
}

/** True when one HTTPMatchRequest matches (all its conditions hold). */
export function matchRequest(m: HttpMatchRequest, req: RouteRequest, caller: RouteCaller): boolean {
  if (m.port !== undefined && m.port !== req.port) return false;
  if (m.uri && !stringMatches(m.uri, pathOnly(req.path), m.ignoreUriCase)) return false;
  if (m.method && !stringMatches(m.method, req.method.toUpperCase())) return false;
  if (m.authority && !stringMatches(m.authority, req.authority)) return false;
  for (const [name, sm] of Object.entries(m.headers ?? {})) {
    if (!stringMatches(sm, req.headers[name.toLowerCase()])) return false;
  }
  for (const [name, sm] of Object.entries(m.withoutHeaders ?? {})) {
    const v = req.headers[name.toLowerCase()];
    if (v !== undefined && stringMatches(sm, v)) return false;
  }
  if (m.queryParams) {
    const q = new URLSearchParams(
      req.path.includes('?') ? req.path.slice(req.path.indexOf('?')) : '',
    );
    for (const [name, sm] of Object.entries(m.queryParams)) {
      if (!stringMatches(sm, q.get(name) ?? undefined)) return false;
    }
  }
  if (m.sourceLabels) {
    for (const [k, v] of Object.entries(m.sourceLabels)) if (caller.labels[k] !== v) return false;
  }
  if (
    m.gateways &&
    m.gateways.length > 0 &&
    !gatewayListMatches(m.gateways, caller, caller.namespace)
  ) {
    return false;
  }
  return true;
}

/** A route applies when any of its matches holds; no matches means "always". */
export function routeMatches(
  matches: HttpMatchRequest[] | undefined,
  req: RouteRequest,
  caller: RouteCaller,
): boolean {
  if (!matches || matches.length === 0) return true;
  return matches.some((m) => matchRequest(m, req, caller));
}

/**
 * Whether a `gateways` list applies to this caller. `mesh` means every sidecar; other entries
 * are `<ns>/<name>` or a bare name in `vsNamespace`.
 */
export function gatewayListMatches(
  list: string[] | undefined,
  caller: RouteCaller,
  vsNamespace: string,
): boolean {
  const gws = list && list.length > 0 ? list : ['mesh'];
  return gws.some((g) => {
    if (g === 'mesh') return caller.gateways.length === 0;
    const full = g.includes('/') ? g : `${vsNamespace}/${g}`;
    return caller.gateways.includes(full);
  });
}

function pathOnly(path: string): string {
  const q = path.indexOf('?');
  return q < 0 ? path : path.slice(0, q);
}
