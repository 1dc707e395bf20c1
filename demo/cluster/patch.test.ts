import { describe, expect, it } from 'vitest';

import {
  applyMerge,
  jsonPatch,
  mergePatch,
  PatchApplyError,
  patchKind,
  strategicMerge,
} from './patch';
import { ApiError } from './status';

describe('merge patch (RFC 7386)', () => {
  it('merges maps, deletes on null and replaces arrays whole', () => {
    const doc = {
      spec: { hosts: ['a', 'b'], gateways: ['g'], http: [{ route: [] }] },
      metadata: { labels: { x: '1' } },
    };
    expect(
      mergePatch(doc, { spec: { hosts: ['c'], gateways: null }, metadata: { labels: { y: '2' } } }),
    ).toEqual({
      spec: { hosts: ['c'], http: [{ route: [] }] },
      metadata: { labels: { x: '1', y: '2' } },
    });
  });

  it('does not mutate the target', () => {
    const doc = { a: { b: 1 } };
    mergePatch(doc, { a: { b: 2 } });
    expect(doc).toEqual({ a: { b: 1 } });
  });
});

describe('json patch (RFC 6902)', () => {
  it('applies operations', () => {
    const doc = { spec: { http: [{ route: [{ weight: 50 }, { weight: 50 }] }] } };
    expect(
      jsonPatch(doc, [
        { op: 'replace', path: '/spec/http/0/route/0/weight', value: 80 },
        { op: 'replace', path: '/spec/http/0/route/1/weight', value: 20 },
        { op: 'test', path: '/spec/http/0/route/1/weight', value: 20 },
      ]),
    ).toEqual({ spec: { http: [{ route: [{ weight: 80 }, { weight: 20 }] }] } });
  });

  it('rejects an object body with the apiserver 400 text', () => {
    expect(() => jsonPatch({}, { spec: {} })).toThrow(
      'json: cannot unmarshal object into Go value of type jsonpatch.Patch',
    );
  });

  it('reports a failed test or bad path as PatchApplyError', () => {
    expect(() => jsonPatch({ a: 1 }, [{ op: 'test', path: '/a', value: 2 }])).toThrow(
      PatchApplyError,
    );
    expect(() => jsonPatch({ a: 1 }, [{ op: 'replace', path: '/b/c', value: 2 }])).toThrow(
      PatchApplyError,
    );
  });
});

describe('strategic merge patch', () => {
  it('merges Service ports by port and honours $setElementOrder and $patch: delete', () => {
    const svc = { spec: { ports: [{ name: 'http', port: 9080, protocol: 'TCP' }] } };
    // The exact body kubectl apply sent when a port changed from 9080 to 9081 (reference §4).
    const patch = {
      spec: {
        '$setElementOrder/ports': [{ port: 9081 }],
        ports: [
          { name: 'http', port: 9081 },
          { $patch: 'delete', port: 9080 },
        ],
      },
    };
    expect(strategicMerge(svc, patch)).toEqual({ spec: { ports: [{ name: 'http', port: 9081 }] } });
  });

  it('merges containers by name and their env by name, keeping untouched elements', () => {
    const pod = {
      spec: {
        containers: [
          { name: 'app', image: 'a:1', env: [{ name: 'A', value: '1' }] },
          { name: 'istio-proxy', image: 'proxy:1' },
        ],
      },
    };
    const out = strategicMerge(pod, {
      spec: { containers: [{ name: 'app', image: 'a:2', env: [{ name: 'B', value: '2' }] }] },
    });
    expect(out).toEqual({
      spec: {
        containers: [
          {
            name: 'app',
            image: 'a:2',
            env: [
              { name: 'A', value: '1' },
              { name: 'B', value: '2' },
            ],
          },
          { name: 'istio-proxy', image: 'proxy:1' },
        ],
      },
    });
  });

  it('handles $patch: replace, $retainKeys, $deleteFromPrimitiveList and never stores directives', () => {
    const doc = {
      spec: {
        selector: { a: '1', b: '2' },
        finalizers: ['x', 'y'],
        strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1 } },
      },
    };
    const out = strategicMerge(doc, {
      spec: {
        selector: { $patch: 'replace', c: '3' },
        '$deleteFromPrimitiveList/finalizers': ['x'],
        strategy: { $retainKeys: ['type'], type: 'Recreate' },
      },
    });
    expect(out).toEqual({
      spec: { selector: { c: '3' }, finalizers: ['y'], strategy: { type: 'Recreate' } },
    });
    expect(JSON.stringify(out)).not.toContain('$');
  });

  it('replaces lists without a merge key', () => {
    expect(strategicMerge({ spec: { args: ['a', 'b'] } }, { spec: { args: ['c'] } })).toEqual({
      spec: { args: ['c'] },
    });
  });
});

describe('apply merge and content types', () => {
  it('merges maps and replaces lists', () => {
    expect(applyMerge({ spec: { hosts: ['a'], x: 1 } }, { spec: { hosts: ['b'] } })).toEqual({
      spec: { hosts: ['b'], x: 1 },
    });
  });

  it('dispatches on the exact content type and refuses strategic merge on custom resources', () => {
    expect(patchKind('application/merge-patch+json', true)).toBe('merge');
    expect(patchKind('application/json-patch+json; charset=utf-8', true)).toBe('json');
    expect(patchKind('application/apply-patch+yaml', true)).toBe('apply');
    expect(patchKind('application/strategic-merge-patch+json', false)).toBe('strategic');
    const err = (() => {
      try {
        patchKind('application/strategic-merge-patch+json', true);
      } catch (e) {
        return e as ApiError;
      }
    })();
    expect(err?.code).toBe(415);
    expect(err?.reason).toBe('UnsupportedMediaType');
    expect(err?.message).toContain('the body of the request was in an unknown format');
    expect(() => patchKind('application/json', false)).toThrow(ApiError);
  });
});
