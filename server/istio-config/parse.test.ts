import { describe, expect, it } from 'vitest';

import { AppError } from '@/server/http/app-error';

import { kindOrThrow, parseIstioObject } from './parse';

const VS = `
apiVersion: networking.istio.io/v1alpha3
kind: VirtualService
metadata:
  name: reviews
spec:
  hosts: [reviews]
`;

function error(fn: () => unknown): AppError {
  try {
    fn();
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error('expected an AppError');
}

describe('parseIstioObject', () => {
  it('parses YAML, keeps the written version and fills in the namespace', () => {
    const p = parseIstioObject(VS, 'bookinfo');
    expect(p.version).toBe('v1alpha3');
    expect(p.info.plural).toBe('virtualservices');
    expect(p.object.metadata).toEqual({ name: 'reviews', namespace: 'bookinfo' });
    expect(p.object.spec).toEqual({ hosts: ['reviews'] });
  });

  it('accepts a JSON object body', () => {
    const p = parseIstioObject(
      { apiVersion: 'security.istio.io/v1', kind: 'PeerAuthentication', metadata: { name: 'x' } },
      'ns',
    );
    expect(p.info.group).toBe('security.istio.io');
  });

  it('reports YAML syntax errors with their line', () => {
    const e = error(() => parseIstioObject('kind: VirtualService\n  bad: [1,\n', 'ns'));
    expect(e.code).toBe('bad_request');
    expect(e.message).toMatch(/^YAML is not valid at line \d+, column \d+/);
  });

  it('rejects several documents, other kinds, wrong groups and versions', () => {
    expect(error(() => parseIstioObject(`${VS}---${VS}`, 'ns')).message).toContain('2 objects');
    expect(
      error(() => parseIstioObject('apiVersion: v1\nkind: Service\nmetadata: {name: a}', 'ns'))
        .message,
    ).toContain('"Service" is not an Istio config kind');
    expect(error(() => parseIstioObject(VS.replace('v1alpha3', 'v2'), 'ns')).message).toContain(
      'apiVersion: VirtualService needs one of networking.istio.io/v1',
    );
    expect(
      error(() =>
        parseIstioObject(
          'apiVersion: security.istio.io/v1alpha3\nkind: AuthorizationPolicy\nmetadata: {name: a}',
          'ns',
        ),
      ).message,
    ).toContain('security.istio.io/v1, security.istio.io/v1beta1');
  });

  it('rejects bad names, a different namespace and a body that is not the URL object', () => {
    expect(
      error(() => parseIstioObject(VS.replace('reviews\n', 'Re_views\n'), 'ns')).message,
    ).toMatch(/^metadata.name: "Re_views" is not a valid name/);
    expect(
      error(() =>
        parseIstioObject(VS.replace('name: reviews', 'name: reviews\n  namespace: a'), 'b'),
      ).message,
    ).toContain('does not match the namespace "b"');
    expect(
      error(() => parseIstioObject(VS, 'ns', { kind: 'VirtualService', name: 'ratings' })).message,
    ).toContain('URL names VirtualService "ratings"');
    expect(error(() => parseIstioObject('[1, 2]', 'ns')).message).toBe(
      'The body must be one Kubernetes object',
    );
  });
});

describe('kindOrThrow', () => {
  it('accepts plural, singular and Kind spellings', () => {
    expect(kindOrThrow('virtualservices')).toBe('VirtualService');
    expect(kindOrThrow('DestinationRule')).toBe('DestinationRule');
    expect(kindOrThrow('serviceentries')).toBe('ServiceEntry');
    expect(kindOrThrow('authorizationpolicies')).toBe('AuthorizationPolicy');
    expect(error(() => kindOrThrow('pods')).code).toBe('bad_request');
  });
});
