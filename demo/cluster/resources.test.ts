import { describe, expect, it } from 'vitest';

import { findResource, RESOURCES, resourcesIn } from './resources';

describe('resource registry', () => {
  it('uses the Istio CRD plurals', () => {
    const plurals = RESOURCES.filter((r) => r.custom).map((r) => r.plural);
    expect(plurals).toEqual([
      'virtualservices',
      'destinationrules',
      'gateways',
      'serviceentries',
      'sidecars',
      'workloadentries',
      'workloadgroups',
      'envoyfilters',
      'peerauthentications',
      'authorizationpolicies',
      'requestauthentications',
    ]);
  });

  it('serves EnvoyFilter only in v1alpha3 and security.istio.io without v1alpha3', () => {
    expect(findResource('networking.istio.io', 'v1', 'envoyfilters')).toBeUndefined();
    expect(findResource('networking.istio.io', 'v1alpha3', 'envoyfilters')?.kind).toBe(
      'EnvoyFilter',
    );
    expect(resourcesIn('security.istio.io', 'v1alpha3')).toEqual([]);
    expect(resourcesIn('security.istio.io', 'v1').map((r) => r.kind)).toEqual([
      'PeerAuthentication',
      'AuthorizationPolicy',
      'RequestAuthentication',
    ]);
  });
});
