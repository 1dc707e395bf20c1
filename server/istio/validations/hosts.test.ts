import { describe, expect, it } from 'vitest';

import { fqdn, hostMatches, serviceOfFqdn } from './hosts';

describe('fqdn', () => {
  it('resolves short names against the object namespace', () => {
    expect(fqdn('reviews', 'bookinfo')).toBe('reviews.bookinfo.svc.cluster.local');
    expect(fqdn('Reviews', 'bookinfo')).toBe('reviews.bookinfo.svc.cluster.local');
  });
  it('completes name.namespace and name.namespace.svc', () => {
    expect(fqdn('reviews.other', 'bookinfo')).toBe('reviews.other.svc.cluster.local');
    expect(fqdn('reviews.other.svc', 'bookinfo')).toBe('reviews.other.svc.cluster.local');
  });
  it('keeps FQDNs, external names and wildcards', () => {
    expect(fqdn('reviews.x.svc.cluster.local', 'b')).toBe('reviews.x.svc.cluster.local');
    expect(fqdn('api.example.com', 'b')).toBe('api.example.com');
    expect(fqdn('*.example.com', 'b')).toBe('*.example.com');
    expect(fqdn('*', 'b')).toBe('*');
  });
});

describe('serviceOfFqdn', () => {
  it('splits service FQDNs and rejects others', () => {
    expect(serviceOfFqdn('reviews.bookinfo.svc.cluster.local')).toEqual({
      name: 'reviews',
      namespace: 'bookinfo',
    });
    expect(serviceOfFqdn('api.example.com')).toBeUndefined();
    expect(serviceOfFqdn('*.bookinfo.svc.cluster.local')).toBeUndefined();
  });
});

describe('hostMatches', () => {
  it('matches wildcards on whole labels only', () => {
    expect(hostMatches('*.example.com', 'api.example.com')).toBe(true);
    expect(hostMatches('*.example.com', 'example.com')).toBe(false);
    expect(hostMatches('*.example.com', 'api.example.org')).toBe(false);
    expect(hostMatches('*', 'anything')).toBe(true);
    expect(hostMatches('a.b', 'a.b')).toBe(true);
  });
});
