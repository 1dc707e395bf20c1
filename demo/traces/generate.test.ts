import { describe, expect, it } from 'vitest';

import { generateBookinfoTrace, generateLargeTrace } from './generate';
import type { DemoSpan } from './span';

const START_US = 1_767_225_600_000_000;

/** Checks every span's CHILD_OF parent exists and encloses it; returns the parent lookup. */
function checkTree(spans: DemoSpan[]) {
  const byId = new Map(spans.map((s) => [s.spanId, s]));
  expect(byId.size).toBe(spans.length);
  const roots = spans.filter((s) => s.references.length === 0);
  expect(roots).toHaveLength(1);
  for (const s of spans) {
    expect(s.traceId).toBe(roots[0].traceId);
    if (s.references.length === 0) continue;
    expect(s.references).toHaveLength(1);
    expect(s.references[0].refType).toBe('CHILD_OF');
    const p = byId.get(s.references[0].spanId);
    expect(p, `parent of ${s.spanId}`).toBeDefined();
    expect(s.startTimeUs).toBeGreaterThanOrEqual(p!.startTimeUs);
    expect(s.startTimeUs + s.durationUs).toBeLessThanOrEqual(p!.startTimeUs + p!.durationUs);
  }
  return (s: DemoSpan) => byId.get(s.references[0]?.spanId ?? '');
}

describe('generateBookinfoTrace', () => {
  it('is deterministic per seed and differs across seeds', () => {
    const a = generateBookinfoTrace({ startUs: START_US, seed: 5 });
    expect(generateBookinfoTrace({ startUs: START_US, seed: 5 })).toEqual(a);
    expect(generateBookinfoTrace({ startUs: START_US, seed: 6 })[0].traceId).not.toBe(a[0].traceId);
  });

  it.each([1, 2, 3])('builds a nested client/server chain per hop (seed %i)', (seed) => {
    const spans = generateBookinfoTrace({ startUs: START_US, seed });
    const parentOf = checkTree(spans);
    expect(spans[0].startTimeUs).toBe(START_US);
    // Each server span's parent is a client span of the caller for the same operation.
    for (const s of spans.filter((x) => x.tags['span.kind'] === 'server')) {
      const client = parentOf(s)!;
      expect(client.tags['span.kind']).toBe('client');
      expect(client.operationName).toBe(s.operationName);
      expect(s.tags.upstream_cluster).toBe('inbound|9080||');
      expect(client.tags.upstream_cluster).toMatch(/^outbound\|9080\|v?\d?\|/);
      expect(s.tags['peer.address']).toBe(client.tags['peer.address']);
    }
    const hops = spans
      .filter((s) => s.tags['span.kind'] === 'server')
      .map((s) => `${parentOf(parentOf(s)!)?.serviceName ?? 'edge'}→${s.serviceName}`);
    const version = spans.find(
      (s) => s.serviceName === 'reviews.bookinfo' && s.tags['span.kind'] === 'server',
    )!.tags['istio.canonical_revision'];
    expect(hops).toEqual(
      expect.arrayContaining([
        'edge→productpage.bookinfo',
        'productpage.bookinfo→details.bookinfo',
        'productpage.bookinfo→reviews.bookinfo',
      ]),
    );
    // reviews-v1 never calls ratings; v2 and v3 do.
    expect(hops.includes('reviews.bookinfo→ratings.bookinfo')).toBe(version !== 'v1');
    expect(spans).toHaveLength(version === 'v1' ? 6 : 8);
  });

  it('marks details as failing with errors', () => {
    const spans = generateBookinfoTrace({ startUs: START_US, seed: 1, errors: true });
    const failing = spans.filter((s) => s.tags.error === 'true');
    expect(failing.map((s) => s.serviceName).sort()).toEqual([
      'details.bookinfo',
      'productpage.bookinfo',
    ]);
    expect(failing.every((s) => s.operationName.startsWith('details.'))).toBe(true);
  });
});

describe('generateLargeTrace', () => {
  it('produces exactly the requested spans, nested, with depth, fan-out and some errors', () => {
    const spans = generateLargeTrace({ spans: 2001, seed: 9 });
    expect(spans).toHaveLength(2001);
    const parentOf = checkTree(spans);
    const depth = (s: DemoSpan): number => (parentOf(s) ? 1 + depth(parentOf(s)!) : 0);
    expect(Math.max(...spans.map(depth))).toBeGreaterThanOrEqual(7);
    const fanOut = new Map<string, number>();
    for (const s of spans) {
      const p = parentOf(s);
      if (p) fanOut.set(p.spanId, (fanOut.get(p.spanId) ?? 0) + 1);
    }
    expect(Math.max(...fanOut.values())).toBeGreaterThan(20);
    const errors = spans.filter((s) => s.tags.error === 'true').length;
    expect(errors).toBeGreaterThan(0);
    expect(errors).toBeLessThan(spans.length * 0.1);
    expect(new Set(spans.map((s) => s.serviceName)).size).toBeGreaterThanOrEqual(10);
    expect(generateLargeTrace({ spans: 2001, seed: 9 })).toEqual(spans);
  });

  it('rejects nonsense sizes', () => {
    expect(() => generateLargeTrace({ spans: 1, seed: 1 })).toThrow(
      'spans must be an integer >= 2',
    );
  });
});
