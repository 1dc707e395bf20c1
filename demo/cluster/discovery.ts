/**
 * API discovery in both formats (reference §2). kubectl 1.32 asks for aggregated v2 and only
 * treats the body as such when the Content-Type carries the `g/v/as` parameters; client-node's
 * KubernetesObjectApi reads the legacy per-group-version APIResourceList.
 */
import { ALL_VERBS, apiGroups, groupVersion, resourcesIn, type ResourceType } from './resources';

export const AGGREGATED_CONTENT_TYPE =
  'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList';
const AGGREGATED_V2BETA1 =
  'application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList';

/** Which aggregated format the Accept header asks for, if any. */
export function aggregatedFormat(accept: string | undefined): 'v2' | 'v2beta1' | undefined {
  if (!accept) return undefined;
  const ranges = accept.split(',').map((s) => s.replace(/\s+/g, ''));
  for (const r of ranges) {
    if (!r.includes('as=APIGroupDiscoveryList') || !r.includes('g=apidiscovery.k8s.io')) continue;
    if (r.includes('v=v2beta1')) return 'v2beta1';
    if (r.includes('v=v2')) return 'v2';
  }
  return undefined;
}

export function aggregatedContentType(format: 'v2' | 'v2beta1'): string {
  return format === 'v2' ? AGGREGATED_CONTENT_TYPE : AGGREGATED_V2BETA1;
}

function discoveryResource(r: ResourceType, version: string) {
  const responseKind = { group: r.group, version, kind: r.kind };
  return {
    resource: r.plural,
    responseKind,
    scope: r.namespaced ? 'Namespaced' : 'Cluster',
    singularResource: r.singular,
    verbs: ALL_VERBS,
    ...(r.shortNames.length ? { shortNames: r.shortNames } : {}),
    ...(r.categories.length ? { categories: r.categories } : {}),
    ...(r.subresources.length
      ? {
          subresources: r.subresources.map((s) => ({
            subresource: s,
            responseKind:
              s === 'scale' ? { group: 'autoscaling', version: 'v1', kind: 'Scale' } : responseKind,
            verbs: ['get', 'patch', 'update'],
          })),
        }
      : {}),
  };
}

/** `GET /api` or `GET /apis` in aggregated form (`core` selects /api). */
export function aggregatedDiscovery(core: boolean, format: 'v2' | 'v2beta1') {
  const groups = core ? [{ name: '', versions: ['v1'] }] : apiGroups();
  return {
    kind: 'APIGroupDiscoveryList',
    apiVersion: `apidiscovery.k8s.io/${format}`,
    metadata: {},
    items: groups.map((g) => ({
      metadata: { name: g.name },
      versions: g.versions.map((v) => ({
        version: v,
        freshness: 'Current',
        resources: resourcesIn(g.name, v).map((r) => discoveryResource(r, v)),
      })),
    })),
  };
}

/** Legacy `GET /api`. */
export function legacyCore(serverAddress: string) {
  return {
    kind: 'APIVersions',
    versions: ['v1'],
    serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress }],
  };
}

function apiGroup(name: string, versions: string[]) {
  const vs = versions.map((v) => ({ groupVersion: `${name}/${v}`, version: v }));
  return { name, versions: vs, preferredVersion: vs[0] };
}

/** Legacy `GET /apis`. */
export function legacyGroups() {
  return {
    kind: 'APIGroupList',
    apiVersion: 'v1',
    groups: apiGroups().map((g) => apiGroup(g.name, g.versions)),
  };
}

/** `GET /apis/<group>`, or undefined for an unknown group. */
export function legacyGroup(name: string) {
  const g = apiGroups().find((x) => x.name === name);
  return g && { kind: 'APIGroup', apiVersion: 'v1', ...apiGroup(g.name, g.versions) };
}

/** `GET /api/v1` or `/apis/<g>/<v>`, or undefined when the group-version is not served. */
export function resourceList(group: string, version: string) {
  const types = resourcesIn(group, version);
  if (types.length === 0) return undefined;
  const resources: Record<string, unknown>[] = [];
  for (const r of types) {
    resources.push({
      name: r.plural,
      singularName: r.singular,
      namespaced: r.namespaced,
      kind: r.kind,
      verbs: ALL_VERBS,
      ...(r.shortNames.length ? { shortNames: r.shortNames } : {}),
      ...(r.categories.length ? { categories: r.categories } : {}),
    });
    for (const s of r.subresources) {
      resources.push({
        name: `${r.plural}/${s}`,
        singularName: '',
        namespaced: r.namespaced,
        ...(s === 'scale' ? { group: 'autoscaling', version: 'v1' } : {}),
        kind: s === 'scale' ? 'Scale' : r.kind,
        verbs: ['get', 'patch', 'update'],
      });
    }
  }
  return {
    kind: 'APIResourceList',
    apiVersion: 'v1',
    groupVersion: groupVersion(group, version),
    resources,
  };
}
