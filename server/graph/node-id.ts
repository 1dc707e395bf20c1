import 'server-only';

import type { MetricsTarget } from '@/server/prometheus/queries';

/**
 * Graph node ids. They are stable across refreshes (the page keeps node positions by id) and
 * parseable, so the metrics API can take a node id and know what to chart:
 * `wl:<ns>:<workload>`, `app:<ns>:<app>`, `app:<ns>:<app>:<version>`, `svc:<ns>:<service>`,
 * `se:<ns>:<host>` and `unknown`. Kubernetes names never contain `:`.
 */
export const UNKNOWN_NODE_ID = 'unknown';

export const nodeId = {
  workload: (ns: string, workload: string) => `wl:${ns}:${workload}`,
  app: (ns: string, app: string) => `app:${ns}:${app}`,
  versionedApp: (ns: string, app: string, version: string) => `app:${ns}:${app}:${version}`,
  service: (ns: string, service: string) => `svc:${ns}:${service}`,
  serviceEntry: (ns: string, host: string) => `se:${ns}:${host}`,
};

export function edgeId(source: string, target: string, protocol: string): string {
  return `${source}->${target}:${protocol}`;
}

/** The metrics selection a node id stands for; undefined when the id is not one of ours. */
export function parseNodeId(id: string): MetricsTarget | undefined {
  if (id === UNKNOWN_NODE_ID) return { kind: 'unknown' };
  const [kind, namespace, name, version, ...rest] = id.split(':');
  if (!namespace || !name || rest.length > 0) return undefined;
  switch (kind) {
    case 'wl':
      return version === undefined ? { kind: 'workload', namespace, workload: name } : undefined;
    case 'app':
      return version === undefined
        ? { kind: 'app', namespace, app: name }
        : { kind: 'app', namespace, app: name, version };
    case 'svc':
      return version === undefined ? { kind: 'service', namespace, service: name } : undefined;
    default:
      return undefined;
  }
}
