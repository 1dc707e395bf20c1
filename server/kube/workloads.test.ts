import { describe, expect, it } from 'vitest';

import { namespaceInjects, templateHasSidecar, toWorkloadInfo } from './workloads';

describe('workload reshapers', () => {
  it('sidecar presence: container, pod opt-in/out, namespace label', () => {
    expect(
      templateHasSidecar({ spec: { containers: [{ name: 'app' }, { name: 'istio-proxy' }] } }, {}),
    ).toBe(true);
    expect(
      templateHasSidecar(
        { metadata: { labels: { 'sidecar.istio.io/inject': 'false' } } },
        { 'istio-injection': 'enabled' },
      ),
    ).toBe(false);
    expect(
      templateHasSidecar({ metadata: { annotations: { 'sidecar.istio.io/inject': 'true' } } }, {}),
    ).toBe(true);
    expect(templateHasSidecar({}, { 'istio.io/rev': 'canary' })).toBe(true);
    expect(templateHasSidecar({}, {})).toBe(false);
    expect(namespaceInjects({ 'istio-injection': 'disabled', 'istio.io/rev': 'x' })).toBe(false);
  });

  it('availability, labels and gateways from a Deployment', () => {
    expect(
      toWorkloadInfo(
        {
          metadata: { name: 'istio-ingressgateway', namespace: 'istio-system' },
          spec: {
            replicas: 2,
            selector: {},
            template: {
              metadata: { labels: { app: 'istio-ingressgateway', istio: 'ingressgateway' } },
            },
          },
          status: { availableReplicas: 1 },
        },
        {},
      ),
    ).toEqual({
      namespace: 'istio-system',
      name: 'istio-ingressgateway',
      app: 'istio-ingressgateway',
      version: 'latest',
      desired: 2,
      available: 1,
      hasSidecar: false,
      isGateway: true,
    });
  });
});
