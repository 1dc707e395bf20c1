/**
 * The resource registry: every type the demo cluster serves, with the facts discovery, routing,
 * tables and validation need. Istio rows follow istio/api's CRDs (reference §12): all namespaced,
 * all with a status subresource, stored once in `storageVersion` and served in every listed
 * version with only `apiVersion` rewritten.
 */

/** A CRD additionalPrinterColumn: a simple `.a.b` JSONPath into the object. */
export interface CrdColumn {
  /** Column header as the CRD spells it (kubectl upper-cases it). */
  name: string;
  /** OpenAPI type of the cell: `string`, `integer`, `date`. */
  type: 'string' | 'integer' | 'date';
  /** Dotted path such as `.spec.hosts`. */
  jsonPath: string;
  description?: string;
}

export interface ResourceType {
  /** API group, `''` for core. */
  group: string;
  /** Served versions; the first is the preferred one in discovery. */
  versions: string[];
  /** Version objects are kept in on disk. */
  storageVersion: string;
  kind: string;
  /** `<Kind>List` for lists. */
  listKind: string;
  /** URL segment, e.g. `virtualservices`. */
  plural: string;
  singular: string;
  shortNames: string[];
  categories: string[];
  namespaced: boolean;
  /** True for Istio custom resources (strategic merge → 415, schema validation). */
  custom: boolean;
  /** Served subresources (`status`, `scale`). */
  subresources: string[];
  /** Printer columns for custom resources (Age is appended). */
  columns?: CrdColumn[];
  /** Whether writes to the main resource bump `metadata.generation` on spec changes. */
  generation: boolean;
}

export const ALL_VERBS = [
  'create',
  'delete',
  'deletecollection',
  'get',
  'list',
  'patch',
  'update',
  'watch',
];

function builtin(
  group: string,
  version: string,
  kind: string,
  plural: string,
  opts: Partial<ResourceType> = {},
): ResourceType {
  return {
    group,
    versions: [version],
    storageVersion: version,
    kind,
    listKind: `${kind}List`,
    plural,
    singular: kind.toLowerCase(),
    shortNames: [],
    categories: [],
    namespaced: true,
    custom: false,
    subresources: [],
    generation: false,
    ...opts,
  };
}

const NET_VERSIONS = ['v1', 'v1beta1', 'v1alpha3'];
const SEC_VERSIONS = ['v1', 'v1beta1'];

function istio(
  group: 'networking.istio.io' | 'security.istio.io',
  kind: string,
  shortNames: string[],
  columns: CrdColumn[],
  versions = group === 'networking.istio.io' ? NET_VERSIONS : SEC_VERSIONS,
): ResourceType {
  const singular = kind.toLowerCase();
  return {
    group,
    versions,
    storageVersion: versions[0],
    kind,
    listKind: `${kind}List`,
    // 'policy' → 'policies', but 'gateway' → 'gateways' (a vowel before the y keeps it).
    plural: /[^aeiou]y$/.test(singular) ? `${singular.slice(0, -1)}ies` : `${singular}s`,
    singular,
    shortNames,
    categories: [
      'istio-io',
      group === 'networking.istio.io' ? 'networking-istio-io' : 'security-istio-io',
    ],
    namespaced: true,
    custom: true,
    subresources: ['status'],
    columns,
    generation: true,
  };
}

const col = (name: string, jsonPath: string, description?: string): CrdColumn => ({
  name,
  type: 'string',
  jsonPath,
  description,
});

export const RESOURCES: ResourceType[] = [
  builtin('', 'v1', 'Namespace', 'namespaces', {
    namespaced: false,
    shortNames: ['ns'],
    subresources: ['status'],
  }),
  builtin('', 'v1', 'Service', 'services', {
    shortNames: ['svc'],
    categories: ['all'],
    subresources: ['status'],
  }),
  builtin('', 'v1', 'Pod', 'pods', {
    shortNames: ['po'],
    categories: ['all'],
    subresources: ['status'],
  }),
  builtin('', 'v1', 'Event', 'events', { shortNames: ['ev'] }),
  builtin('', 'v1', 'Endpoints', 'endpoints', { shortNames: ['ep'], singular: 'endpoints' }),
  builtin('apps', 'v1', 'Deployment', 'deployments', {
    shortNames: ['deploy'],
    categories: ['all'],
    subresources: ['status', 'scale'],
    generation: true,
  }),
  builtin('apps', 'v1', 'ReplicaSet', 'replicasets', {
    shortNames: ['rs'],
    categories: ['all'],
    subresources: ['status', 'scale'],
    generation: true,
  }),
  builtin('discovery.k8s.io', 'v1', 'EndpointSlice', 'endpointslices'),
  istio(
    'networking.istio.io',
    'VirtualService',
    ['vs'],
    [
      col(
        'Gateways',
        '.spec.gateways',
        'The names of gateways and sidecars that should apply these routes',
      ),
      col('Hosts', '.spec.hosts', 'The destination hosts to which traffic is being sent'),
    ],
  ),
  istio(
    'networking.istio.io',
    'DestinationRule',
    ['dr'],
    [col('Host', '.spec.host', 'The name of a service from the service registry')],
  ),
  istio('networking.istio.io', 'Gateway', ['gw'], []),
  istio(
    'networking.istio.io',
    'ServiceEntry',
    ['se'],
    [
      col('Hosts', '.spec.hosts', 'The hosts associated with the ServiceEntry'),
      col(
        'Location',
        '.spec.location',
        'Whether the service is external to the mesh or part of the mesh (MESH_EXTERNAL or MESH_INTERNAL)',
      ),
      col(
        'Resolution',
        '.spec.resolution',
        'Service resolution mode for the hosts (NONE, STATIC, or DNS)',
      ),
    ],
  ),
  istio('networking.istio.io', 'Sidecar', [], []),
  istio(
    'networking.istio.io',
    'WorkloadEntry',
    ['we'],
    [col('Address', '.spec.address', 'Address associated with the network endpoint.')],
  ),
  istio('networking.istio.io', 'WorkloadGroup', ['wg'], []),
  istio('networking.istio.io', 'EnvoyFilter', [], [], ['v1alpha3']),
  istio(
    'security.istio.io',
    'PeerAuthentication',
    ['pa'],
    [col('Mode', '.spec.mtls.mode', 'Defines the mTLS mode used for peer authentication.')],
  ),
  istio(
    'security.istio.io',
    'AuthorizationPolicy',
    ['ap'],
    [col('Action', '.spec.action', 'The operation to take.')],
  ),
  istio('security.istio.io', 'RequestAuthentication', ['ra'], []),
];

/** `group/version` as it appears in apiVersion (`v1` for core). */
export function groupVersion(group: string, version: string): string {
  return group ? `${group}/${version}` : version;
}

/** The type served at `<group>/<version>/<plural>`, if any. */
export function findResource(
  group: string,
  version: string,
  plural: string,
): ResourceType | undefined {
  return RESOURCES.find(
    (r) => r.group === group && r.plural === plural && r.versions.includes(version),
  );
}

/** The type for an `apiVersion` + `kind` pair (used by seeding and apply). */
export function resourceForKind(apiVersion: string, kind: string): ResourceType | undefined {
  const [group, version] = apiVersion.includes('/') ? apiVersion.split('/') : ['', apiVersion];
  return RESOURCES.find(
    (r) => r.group === group && r.kind === kind && r.versions.includes(version),
  );
}

/** Groups in discovery order, each with its served versions in preference order. */
export function apiGroups(): { name: string; versions: string[] }[] {
  const groups = new Map<string, string[]>();
  for (const r of RESOURCES) {
    if (!r.group) continue;
    const versions = groups.get(r.group) ?? [];
    for (const v of r.versions) if (!versions.includes(v)) versions.push(v);
    groups.set(r.group, versions);
  }
  return [...groups].map(([name, versions]) => ({ name, versions }));
}

/** Types served in one group-version. */
export function resourcesIn(group: string, version: string): ResourceType[] {
  return RESOURCES.filter((r) => r.group === group && r.versions.includes(version));
}
