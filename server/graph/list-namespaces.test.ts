import { describe, expect, it } from 'vitest';

import { scenarioInventory } from './__fixtures__/scenario';
import { namespaceInfos } from './list-namespaces';

const inbound = (ns: string, wl: string, code: string, value: number) => ({
  labels: {
    destination_workload_namespace: ns,
    destination_workload: wl,
    request_protocol: 'http',
    response_code: code,
  },
  value,
});

describe('namespace health summaries', () => {
  it('merges inbound error rates with availability per workload', () => {
    const list = namespaceInfos(scenarioInventory(), [
      inbound('bookinfo', 'productpage-v1', '200', 10),
      inbound('bookinfo', 'details-v1', '200', 9),
      inbound('bookinfo', 'details-v1', '500', 1),
      inbound('bookinfo', 'reviews-v2', '200', 3),
    ]);
    expect(list.map((n) => n.name)).toEqual(['bookinfo', 'empty', 'istio-system']);
    const bookinfo = list[0];
    expect(bookinfo.sidecarInjection).toBe(true);
    // productpage healthy; details failure (10 % 5xx); reviews-v2 degraded (1 of 2 available);
    // the seven others without traffic are idle.
    expect(bookinfo.health).toEqual({ healthy: 1, degraded: 1, failure: 1, idle: 7, unknown: 0 });
    expect(list[2].health).toEqual({ healthy: 0, degraded: 0, failure: 0, idle: 1, unknown: 0 });
  });

  it('without Prometheus, traffic health is unknown but availability still counts', () => {
    const bookinfo = namespaceInfos(scenarioInventory(), undefined)[0];
    expect(bookinfo.health).toEqual({ healthy: 0, degraded: 1, failure: 0, idle: 0, unknown: 9 });
  });
});
