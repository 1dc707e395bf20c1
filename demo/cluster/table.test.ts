import { describe, expect, it } from 'vitest';

import { findResource } from './resources';
import type { KubeObject } from './store';
import { humanDuration, toTable, wantsTable } from './table';

const created = '2026-01-01T00:00:00Z';
const now = Date.parse(created);

describe('humanDuration', () => {
  it.each([
    [0, '0s'],
    [45_000, '45s'],
    [119_000, '119s'],
    [5 * 60_000 + 10_000, '5m10s'],
    [30 * 60_000, '30m'],
    [3 * 3600_000 + 5 * 60_000, '3h5m'],
    [30 * 3600_000, '30h'],
    [(2 * 24 + 5) * 3600_000, '2d5h'],
    [400 * 24 * 3600_000, '400d'],
  ])('%d ms → %s', (ms, text) => expect(humanDuration(ms)).toBe(text));
});

describe('tables', () => {
  it('detects the Table Accept header kubectl sends', () => {
    expect(
      wantsTable(
        'application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json',
      ),
    ).toBe(true);
    expect(wantsTable('application/json')).toBe(false);
  });

  it('renders VirtualService printer columns as the apiserver does (arrays as JSON)', () => {
    const vs = findResource('networking.istio.io', 'v1', 'virtualservices');
    if (!vs) throw new Error('no vs');
    const obj: KubeObject = {
      apiVersion: 'networking.istio.io/v1',
      kind: 'VirtualService',
      metadata: {
        name: 'reviews',
        namespace: 'bookinfo',
        creationTimestamp: created,
        labels: { a: 'b' },
      },
      spec: { hosts: ['reviews'], gateways: ['bookinfo-gateway', 'mesh'] },
    };
    const t = toTable(vs, [obj], '42', now + 300_000);
    expect(t.columnDefinitions.map((c) => c.name)).toEqual(['Name', 'Gateways', 'Hosts', 'Age']);
    expect(t.columnDefinitions[0].format).toBe('name');
    expect(t.rows[0].cells).toEqual([
      'reviews',
      '["bookinfo-gateway","mesh"]',
      '["reviews"]',
      '5m',
    ]);
    expect(t.rows[0].object.metadata.labels).toEqual({ a: 'b' });
    expect(t.metadata.resourceVersion).toBe('42');
  });

  it('renders pod readiness from container statuses and hides wide columns by priority', () => {
    const pods = findResource('', 'v1', 'pods');
    if (!pods) throw new Error('no pods');
    const pod: KubeObject = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'p', namespace: 'n', creationTimestamp: created },
      spec: { containers: [{ name: 'a' }, { name: 'istio-proxy' }], nodeName: 'node' },
      status: {
        phase: 'Running',
        podIP: '127.0.10.2',
        containerStatuses: [
          { ready: true, restartCount: 1 },
          { ready: false, restartCount: 2 },
        ],
      },
    };
    const t = toTable(pods, [pod], '1', now);
    expect(t.rows[0].cells.slice(0, 4)).toEqual(['p', '1/2', 'Running', '3']);
    expect(t.columnDefinitions.filter((c) => c.priority > 0).map((c) => c.name)).toEqual([
      'IP',
      'Node',
    ]);
  });
});
