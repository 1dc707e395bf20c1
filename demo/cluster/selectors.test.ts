import { describe, expect, it } from 'vitest';

import { matchFields, matchLabels, parseFieldSelector, parseLabelSelector } from './selectors';
import { ApiError } from './status';

const labels = { app: 'reviews', version: 'v2', 'istio.io/rev': 'default' };

describe('label selectors', () => {
  it.each([
    ['app=reviews', true],
    ['app==reviews', true],
    ['app!=reviews', false],
    ['app=reviews,version=v1', false],
    ['version in (v1, v2)', true],
    ['version notin (v1,v2)', false],
    ['app,version', true],
    ['!canary', true],
    ['!app', false],
    ['istio.io/rev=default,version in (v2),!canary', true],
    ['missing!=x', true],
    ['', true],
  ])('%s → %s', (sel, expected) => {
    expect(matchLabels(parseLabelSelector(sel), labels)).toBe(expected);
  });

  it.each(['app=(', 'version in ()', 'a b c', '=x', 'app=bad value!'])(
    'rejects %j with 400',
    (sel) => {
      let err: unknown;
      try {
        parseLabelSelector(sel);
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(ApiError);
      expect((err as ApiError).code).toBe(400);
    },
  );
});

describe('field selectors', () => {
  const event = {
    metadata: { name: 'e1', namespace: 'bookinfo' },
    involvedObject: { kind: 'VirtualService', name: 'reviews', uid: 'u1' },
  };

  it('matches metadata and involvedObject fields with = and !=', () => {
    const reqs = parseFieldSelector(
      'involvedObject.name=reviews,involvedObject.kind==VirtualService,metadata.namespace!=x',
      'events',
    );
    expect(matchFields(reqs, event)).toBe(true);
    expect(matchFields(parseFieldSelector('involvedObject.uid=other', 'events'), event)).toBe(
      false,
    );
  });

  it('supports pod phase but rejects unsupported fields with the apiserver text', () => {
    expect(
      matchFields(parseFieldSelector('status.phase=Running', 'pods'), {
        status: { phase: 'Running' },
      }),
    ).toBe(true);
    expect(() => parseFieldSelector('spec.hosts=x', 'virtualservices')).toThrow(
      'field label not supported: spec.hosts',
    );
    expect(() => parseFieldSelector('involvedObject.name=x', 'pods')).toThrow(ApiError);
  });
});
