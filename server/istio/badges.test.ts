import { describe, expect, it } from 'vitest';

import {
  destinationRuleBadges,
  serviceBadges,
  serviceKeyOfHost,
  virtualServiceBadges,
} from './badges';

describe('Istio config badges', () => {
  it('resolves hosts to namespace/service', () => {
    expect(serviceKeyOfHost('reviews', 'bookinfo')).toBe('bookinfo/reviews');
    expect(serviceKeyOfHost('reviews.other', 'bookinfo')).toBe('other/reviews');
    expect(serviceKeyOfHost('reviews.other.svc.cluster.local', 'bookinfo')).toBe('other/reviews');
    expect(serviceKeyOfHost('*.bookinfo.svc.cluster.local', 'bookinfo')).toBeUndefined();
    expect(serviceKeyOfHost('api.example.com', 'bookinfo')).toBeUndefined();
  });

  it('derives VirtualService badges from the routes', () => {
    expect(virtualServiceBadges({ spec: { http: [{ route: [{}] }] } })).toEqual(['virtualService']);
    expect(
      virtualServiceBadges({
        spec: {
          http: [
            { match: [{}], route: [{}], fault: { abort: {} }, timeout: '1s', mirror: {} },
            { route: [{}, {}] },
          ],
        },
      }).sort(),
    ).toEqual([
      'faultInjection',
      'mirroring',
      'requestRouting',
      'requestTimeout',
      'trafficShifting',
      'virtualService',
    ]);
  });

  it('a DestinationRule with limits or outlier detection is a circuit breaker', () => {
    expect(destinationRuleBadges({ spec: { trafficPolicy: {} } })).toEqual([]);
    expect(
      destinationRuleBadges({ spec: { subsets: [{ trafficPolicy: { connectionPool: {} } }] } }),
    ).toEqual(['circuitBreaker']);
  });

  it('merges badges per service', () => {
    const m = serviceBadges(
      [
        {
          metadata: { namespace: 'bookinfo' },
          spec: { hosts: ['reviews'], http: [{ timeout: '2s' }] },
        },
      ],
      [
        {
          metadata: { namespace: 'bookinfo' },
          spec: { host: 'reviews', trafficPolicy: { outlierDetection: {} } },
        },
      ],
    );
    expect(m.get('bookinfo/reviews')?.sort()).toEqual([
      'circuitBreaker',
      'requestTimeout',
      'virtualService',
    ]);
  });
});
