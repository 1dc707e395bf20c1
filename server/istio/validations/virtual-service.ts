import 'server-only';

import type { IstioObject, ValidationCheck } from '@/server/model/istio-config';

import { arr, obj, str, strings } from './fields';
import { fqdn } from './hosts';
import { keyOf, type ObjectCheck, type SnapshotIndex } from './snapshot';

/** Checks one VirtualService: destinations, subsets, gateways, weights, route order, hosts. */
export const checkVirtualService: ObjectCheck = (vs, index) => {
  const ns = vs.metadata.namespace ?? '';
  const spec = obj(vs.spec);
  const out: ValidationCheck[] = [];

  strings(spec.gateways).forEach((g, i) =>
    out.push(...gatewayRef(g, ns, `spec.gateways[${i}]`, index)),
  );

  arr(spec.http).forEach((raw, i) => {
    const route = obj(raw);
    arr(route.match).forEach((m, k) =>
      strings(obj(m).gateways).forEach((g, j) =>
        out.push(...gatewayRef(g, ns, `spec.http[${i}].match[${k}].gateways[${j}]`, index)),
      ),
    );
    out.push(...routeDestinations(route.route, `spec.http[${i}].route`, ns, index));
    if (route.mirror !== undefined) {
      out.push(...destination(obj(route.mirror), `spec.http[${i}].mirror`, ns, index));
    }
  });
  for (const section of ['tcp', 'tls'] as const) {
    arr(spec[section]).forEach((raw, i) =>
      out.push(...routeDestinations(obj(raw).route, `spec.${section}[${i}].route`, ns, index)),
    );
  }
  out.push(...unreachableRoutes(arr(spec.http)));
  out.push(...duplicateHosts(vs, index));
  return out;
};

function gatewayRef(
  ref: string,
  ns: string,
  path: string,
  index: SnapshotIndex,
): ValidationCheck[] {
  if (ref === 'mesh') return [];
  const key = gatewayKey(ref, ns);
  if (index.gateways.has(key)) return [];
  return [
    {
      code: 'vs.gateway-not-found',
      severity: 'error',
      message: `Gateway "${key}" does not exist, so routes bound to it are never used`,
      path,
    },
  ];
}

/** `namespace/name` for a gateway reference: `ns/name`, `name.ns.svc…` or a bare name. */
function gatewayKey(ref: string, ns: string): string {
  if (ref.includes('/')) return ref;
  const [name, refNs] = ref.split('.');
  return `${refNs ?? ns}/${name}`;
}

function routeDestinations(
  list: unknown,
  path: string,
  ns: string,
  index: SnapshotIndex,
): ValidationCheck[] {
  const dests = arr(list).map(obj);
  const out: ValidationCheck[] = dests.flatMap((d, j) =>
    destination(obj(d.destination), `${path}[${j}].destination`, ns, index),
  );
  out.push(...weights(dests, path));
  return out;
}

function destination(
  d: Record<string, unknown>,
  path: string,
  ns: string,
  index: SnapshotIndex,
): ValidationCheck[] {
  const host = str(d.host);
  if (!host) return [];
  const name = fqdn(host, ns);
  if (!index.hostExists(name)) {
    return [
      {
        code: 'vs.host-not-found',
        severity: 'error',
        message: `Host "${host}" matches no service or ServiceEntry (resolved as ${name})`,
        path: `${path}.host`,
      },
    ];
  }
  const subset = str(d.subset);
  if (!subset || name.startsWith('*')) return [];
  const { rules, subsets } = index.subsetsOf(name);
  if (rules.length > 0 && subsets.size === 0) {
    const names = rules.map((r) => `${r.metadata.namespace}/${r.metadata.name}`).join(', ');
    return [
      {
        code: 'vs.subset-without-dr-subsets',
        severity: 'error',
        message: `Subset "${subset}" is routed to, but DestinationRule ${names} for ${host} defines no subsets`,
        path: `${path}.subset`,
      },
    ];
  }
  if (subsets.has(subset)) return [];
  const detail =
    rules.length === 0
      ? `no DestinationRule exists for host ${host}`
      : `the DestinationRule for ${host} defines ${[...subsets].join(', ')}`;
  return [
    {
      code: 'vs.subset-not-found',
      severity: 'error',
      message: `Subset "${subset}" is not defined: ${detail}`,
      path: `${path}.subset`,
    },
  ];
}

function weights(dests: Record<string, unknown>[], path: string): ValidationCheck[] {
  const out: ValidationCheck[] = [];
  dests.forEach((d, j) => {
    if (typeof d.weight === 'number' && d.weight < 0) {
      out.push({
        code: 'vs.weight-negative',
        severity: 'error',
        message: `Weight ${d.weight} is negative`,
        path: `${path}[${j}].weight`,
      });
    }
  });
  if (dests.length === 1) {
    const w = dests[0].weight;
    if (typeof w === 'number' && w !== 100 && w !== 0) {
      out.push({
        code: 'vs.single-destination-weight',
        severity: 'info',
        message: `The only destination gets all traffic; its weight ${w} is treated as 100`,
        path: `${path}[0].weight`,
      });
    }
    return out;
  }
  if (dests.length > 1) {
    // Istio treats a missing weight as 0 when there are several destinations.
    const sum = dests.reduce((s, d) => s + (typeof d.weight === 'number' ? d.weight : 0), 0);
    if (sum !== 100) {
      out.push({
        code: 'vs.weights-not-100',
        severity: 'error',
        message: `Weights of the ${dests.length} destinations sum to ${sum}, not 100`,
        path,
      });
    }
  }
  return out;
}

function isObject(v: unknown): boolean {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** Matches that every request satisfies: no match, `{}`, `uri.prefix: /`, `uri.regex: .*`. */
function isCatchAll(route: Record<string, unknown>): boolean {
  const matches = arr(route.match).map(obj);
  if (matches.length === 0) return true;
  return matches.some((m) => {
    const keys = Object.keys(m).filter((k) => k !== 'name' && k !== 'ignoreUriCase');
    if (keys.length === 0) return true;
    if (keys.length > 1 || keys[0] !== 'uri') return false;
    const uri = obj(m.uri);
    return uri.prefix === '/' || uri.regex === '.*' || uri.regex === '/.*';
  });
}

function unreachableRoutes(http: unknown[]): ValidationCheck[] {
  const routes = http.map(obj);
  // A non-object entry is a schema error the API server reports; it routes nothing here.
  const first = routes.findIndex((r, i) => isObject(http[i]) && isCatchAll(r));
  if (first < 0) return [];
  const label = (i: number) => {
    const name = str(routes[i].name);
    return name ? `${i} ("${name}")` : `${i}`;
  };
  const later = routes.map((_, i) => i).filter((i) => i > first && isObject(http[i]));
  return later.map((i) => {
    return {
      code: 'vs.route-unreachable',
      severity: 'warning' as const,
      message: `HTTP route ${label(i)} is never used: route ${label(first)} before it matches every request`,
      path: `spec.http[${i}]`,
    };
  });
}

/** The gateways a VS is bound to, normalised to `ns/name`; `mesh` when none are listed. */
function boundGateways(vs: IstioObject): Set<string> {
  const ns = vs.metadata.namespace ?? '';
  const list = strings(obj(vs.spec).gateways);
  return new Set(
    (list.length ? list : ['mesh']).map((g) => (g === 'mesh' ? g : gatewayKey(g, ns))),
  );
}

function duplicateHosts(vs: IstioObject, index: SnapshotIndex): ValidationCheck[] {
  const ns = vs.metadata.namespace ?? '';
  const mine = boundGateways(vs);
  const others = index.virtualServices.filter((o) => keyOf(o) !== keyOf(vs));
  const out: ValidationCheck[] = [];
  strings(obj(vs.spec).hosts).forEach((h, i) => {
    const host = fqdn(h, ns);
    const clash = others.filter((o) => {
      const gws = boundGateways(o);
      if (![...mine].some((g) => gws.has(g))) return false;
      const oNs = o.metadata.namespace ?? '';
      return strings(obj(o.spec).hosts).some((oh) => fqdn(oh, oNs) === host);
    });
    if (clash.length === 0) return;
    const names = clash.map((o) => `${o.metadata.namespace}/${o.metadata.name}`).join(', ');
    out.push({
      code: 'vs.duplicate-host',
      severity: 'warning',
      message: `Host "${h}" is also defined by VirtualService ${names} on the same gateway; Istio may ignore one of them`,
      path: `spec.hosts[${i}]`,
    });
  });
  return out;
}
