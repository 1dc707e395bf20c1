import 'server-only';

import type { Endpoint, Reporter } from './telemetry';

/**
 * Both proxies report every request that passes two sidecars. Kiali's rule, kept here: a series
 * is counted once, and the destination proxy's copy wins (it saw the request actually arrive and
 * has no network latency in its timings). A source-reported series is kept only when no
 * destination-reported series has the same identity, e.g. calls to a workload without a sidecar,
 * or requests the caller's proxy failed itself (`UO` circuit breaking, `FI` fault injection).
 */
export function preferDestination<T extends { reporter: Reporter }>(
  samples: readonly T[],
  identity: (s: T) => string,
): T[] {
  // Keys are built once per sample; source samples are the only ones that need them twice.
  const fromDestination = new Set<string>();
  const sourceKeys: (string | undefined)[] = samples.map((s) => {
    if (s.reporter === 'destination') {
      fromDestination.add(identity(s));
      return undefined;
    }
    return identity(s);
  });
  return samples.filter(
    (s, i) => s.reporter === 'destination' || !fromDestination.has(sourceKeys[i] ?? ''),
  );
}

function endpointKey(e: Endpoint): string {
  return `${e.namespace}/${e.workload}/${e.app}/${e.version}`;
}

/** Identity of a series without its reporter (and without mTLS, which only the server side knows). */
export function trafficKey(s: {
  source: Endpoint;
  dest: Endpoint;
  service: { namespace: string; name: string; host: string };
  protocol?: string;
  code?: string;
  flags?: string;
}): string {
  return [
    endpointKey(s.source),
    s.service.namespace,
    s.service.name,
    s.service.host,
    endpointKey(s.dest),
    s.protocol ?? '',
    s.code ?? '',
    s.flags ?? '',
  ].join('|');
}
