import { describe, expect, it } from 'vitest';

import { servicesWithConfigErrors } from './config-error-badges';

const base = {
  services: [{ name: 'reviews', namespace: 'bookinfo', selector: { app: 'reviews' } }],
  workloads: [
    { name: 'reviews-v1', namespace: 'bookinfo', app: 'reviews', version: 'v1' },
    { name: 'reviews-v2', namespace: 'bookinfo', app: 'reviews', version: 'v2' },
  ],
  destinationRules: [
    {
      metadata: { name: 'reviews', namespace: 'bookinfo' },
      spec: {
        host: 'reviews',
        subsets: [
          { name: 'v1', labels: { version: 'v1' } },
          { name: 'v2', labels: { version: 'v2' } },
        ],
      },
    },
  ],
};

const vs = (subset: string, weight = 100) => ({
  metadata: { name: 'reviews', namespace: 'bookinfo' },
  spec: {
    hosts: ['reviews'],
    http: [{ route: [{ destination: { host: 'reviews', subset }, weight }] }],
  },
});

describe('servicesWithConfigErrors', () => {
  it('is empty for valid config', () => {
    expect(servicesWithConfigErrors({ ...base, virtualServices: [vs('v1')] })).toEqual(new Set());
  });

  it('flags the service whose VirtualService routes to an unknown subset', () => {
    expect(servicesWithConfigErrors({ ...base, virtualServices: [vs('v9')] })).toEqual(
      new Set(['bookinfo/reviews']),
    );
  });

  it('flags a DestinationRule subset that selects no workload', () => {
    const dr = {
      metadata: { name: 'reviews', namespace: 'bookinfo' },
      spec: {
        host: 'reviews.bookinfo.svc.cluster.local',
        subsets: [{ name: 'v3', labels: { version: 'v3' } }],
      },
    };
    expect(
      servicesWithConfigErrors({ ...base, destinationRules: [dr], virtualServices: [] }),
    ).toEqual(new Set(['bookinfo/reviews']));
  });

  it('does not flag gateway references it cannot see', () => {
    const withGateway = { ...vs('v1'), spec: { ...vs('v1').spec, gateways: ['bookinfo-gateway'] } };
    expect(servicesWithConfigErrors({ ...base, virtualServices: [withGateway] })).toEqual(
      new Set(),
    );
  });
});
