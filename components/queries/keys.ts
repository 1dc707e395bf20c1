/**
 * The one hierarchical query-key factory (Perses' querykey-builder): invalidating a prefix such
 * as `queryKeys.istio.all` refreshes everything under it. Add keys here, never inline arrays.
 */
export const queryKeys = {
  status: () => ['status'] as const,
  namespaces: () => ['namespaces'] as const,
  graph: {
    all: ['graph'] as const,
    byQuery: (q: object) => ['graph', q] as const,
  },
  metrics: {
    all: ['metrics'] as const,
    byQuery: (q: object) => ['metrics', q] as const,
  },
  traces: {
    all: ['traces'] as const,
    services: () => ['traces', 'services'] as const,
    operations: (service: string) => ['traces', 'operations', service] as const,
    search: (q: object) => ['traces', 'search', q] as const,
    trace: (id: string) => ['traces', 'trace', id] as const,
    path: (id: string) => ['traces', 'trace', id, 'path'] as const,
    span: (id: string, spanId: string) => ['traces', 'trace', id, 'span', spanId] as const,
    find: (id: string, q: string) => ['traces', 'trace', id, 'find', q] as const,
  },
  istio: {
    all: ['istio'] as const,
    list: (namespace: string) => ['istio', 'list', namespace] as const,
    object: (namespace: string, kind: string, name: string) =>
      ['istio', 'object', namespace, kind, name] as const,
    validations: (namespaces: readonly string[]) =>
      ['istio', 'validations', [...namespaces].sort().join(',')] as const,
    traffic: (namespace: string, service: string) =>
      ['istio', 'traffic', namespace, service] as const,
  },
  audit: () => ['audit'] as const,
};
