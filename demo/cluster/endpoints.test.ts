import { describe, expect, it } from 'vitest';

import { desiredEndpoints } from './endpoints';
import type { KubeObject } from './store';

const svc: KubeObject = {
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name: 'reviews', namespace: 'bookinfo', uid: 'svc-uid', labels: { app: 'reviews' } },
  spec: {
    selector: { app: 'reviews' },
    ports: [{ name: 'http', port: 9080, targetPort: 'http-api' }],
  },
};

const pod = (name: string, ip: string, ready: boolean): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, namespace: 'bookinfo', uid: `${name}-uid` },
  spec: { containers: [{ name: 'app', ports: [{ name: 'http-api', containerPort: 9081 }] }] },
  status: { podIP: ip, conditions: [{ type: 'Ready', status: ready ? 'True' : 'False' }] },
});

describe('desiredEndpoints', () => {
  it('splits ready and not-ready pods and resolves named target ports', () => {
    const { endpoints, slice } = desiredEndpoints(svc, [
      pod('a', '127.0.10.1', true),
      pod('b', '127.0.10.2', false),
    ]);
    const subset = (endpoints.subsets as Record<string, { ip: string }[]>[])[0];
    expect(subset.addresses.map((a) => a.ip)).toEqual(['127.0.10.1']);
    expect(subset.notReadyAddresses.map((a) => a.ip)).toEqual(['127.0.10.2']);
    expect(subset.ports).toEqual([{ name: 'http', port: 9081, protocol: 'TCP' }]);
    expect(slice.metadata.labels?.['kubernetes.io/service-name']).toBe('reviews');
    expect(slice.metadata.name).toMatch(/^reviews-[a-z0-9]{5}$/);
    expect(
      (slice.endpoints as { conditions: { ready: boolean } }[]).map((e) => e.conditions.ready),
    ).toEqual([true, false]);
    expect(endpoints.metadata.ownerReferences?.[0]).toMatchObject({
      kind: 'Service',
      uid: 'svc-uid',
    });
  });

  it('yields empty subsets and a stable slice name without pods', () => {
    const a = desiredEndpoints(svc, []);
    expect(a.endpoints.subsets).toEqual([]);
    expect(a.slice.endpoints).toEqual([]);
    expect(desiredEndpoints(svc, []).slice.metadata.name).toBe(a.slice.metadata.name);
  });
});
