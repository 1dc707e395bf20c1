import { describe, expect, it } from 'vitest';

import { nodeId, parseNodeId } from './node-id';

describe('node ids', () => {
  it('round-trip through parseNodeId', () => {
    expect(parseNodeId(nodeId.workload('bookinfo', 'reviews-v1'))).toEqual({
      kind: 'workload',
      namespace: 'bookinfo',
      workload: 'reviews-v1',
    });
    expect(parseNodeId(nodeId.versionedApp('bookinfo', 'reviews', 'v2'))).toEqual({
      kind: 'app',
      namespace: 'bookinfo',
      app: 'reviews',
      version: 'v2',
    });
    expect(parseNodeId(nodeId.app('bookinfo', 'reviews'))).toEqual({
      kind: 'app',
      namespace: 'bookinfo',
      app: 'reviews',
    });
    expect(parseNodeId(nodeId.service('bookinfo', 'reviews'))).toEqual({
      kind: 'service',
      namespace: 'bookinfo',
      service: 'reviews',
    });
    expect(parseNodeId('unknown')).toEqual({ kind: 'unknown' });
  });

  it('rejects ids that are not ours', () => {
    for (const bad of ['', 'wl:bookinfo', 'x:bookinfo:a', 'wl:a:b:c', 'svc:a:b:c', 'app:a:b:c:d']) {
      expect(parseNodeId(bad), bad).toBeUndefined();
    }
  });
});
