import { describe, expect, it } from 'vitest';

import {
  LIST_PAGE_SIZE,
  listAll,
  namespaceInjects,
  templateHasSidecar,
  toWorkloadInfo,
} from './workloads';

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

describe('listAll', () => {
  it('follows continue tokens (typed `_continue` or raw `continue`) with the page size', async () => {
    const calls: { limit: number; _continue?: string }[] = [];
    const pages = [
      { items: [1, 2], metadata: { _continue: 'a' } },
      { items: [3], metadata: { continue: 'b' } },
      { items: [4], metadata: {} },
    ];
    const all = await listAll(async (page) => {
      calls.push(page);
      return pages[calls.length - 1];
    });
    expect(all).toEqual([1, 2, 3, 4]);
    expect(calls).toEqual([
      { limit: LIST_PAGE_SIZE },
      { limit: LIST_PAGE_SIZE, _continue: 'a' },
      { limit: LIST_PAGE_SIZE, _continue: 'b' },
    ]);
  });
});
