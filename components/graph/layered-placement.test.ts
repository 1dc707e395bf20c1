import { describe, expect, it } from 'vitest';

import { layeredPlacement, type PlacementEdge, type PlacementNode } from './layered-placement';

const bookinfoNodes: PlacementNode[] = [
  { id: 'productpage', group: 'bookinfo' },
  { id: 'reviews-v1', group: 'bookinfo', parent: 'box-reviews' },
  { id: 'reviews-v2', group: 'bookinfo', parent: 'box-reviews' },
  { id: 'details', group: 'bookinfo' },
  { id: 'reviews-v3', group: 'bookinfo', parent: 'box-reviews' },
  { id: 'ratings', group: 'bookinfo' },
  { id: 'gateway', group: 'istio-system' },
  { id: 'box-reviews', group: 'bookinfo' },
];
const bookinfoEdges: PlacementEdge[] = [
  { source: 'gateway', target: 'productpage' },
  { source: 'productpage', target: 'details' },
  { source: 'productpage', target: 'reviews-v1' },
  { source: 'productpage', target: 'reviews-v2' },
  { source: 'productpage', target: 'reviews-v3' },
  { source: 'reviews-v2', target: 'ratings' },
  { source: 'reviews-v3', target: 'ratings' },
  // An edge to a compound box is not a call: it must be ignored.
  { source: 'productpage', target: 'box-reviews' },
];

describe('layeredPlacement', () => {
  const pos = layeredPlacement(bookinfoNodes, bookinfoEdges);

  it('places every leaf and no compound parent', () => {
    expect([...pos.keys()].sort()).toEqual(
      bookinfoNodes
        .map((n) => n.id)
        .filter((id) => id !== 'box-reviews')
        .sort(),
    );
  });

  it('puts callees to the right of their callers within a group', () => {
    const x = (id: string) => pos.get(id)!.x;
    expect(x('productpage')).toBeLessThan(x('reviews-v1'));
    expect(x('reviews-v1')).toBe(x('reviews-v3'));
    expect(x('reviews-v2')).toBeLessThan(x('ratings'));
  });

  it('keeps the children of one box next to each other in their column', () => {
    const ys = ['reviews-v1', 'reviews-v2', 'reviews-v3', 'details'].map((id) => pos.get(id)!.y);
    const sorted = [...ys].sort((a, b) => a - b);
    // details is either above or below the three reviews, never between them.
    const di = sorted.indexOf(ys[3]);
    expect(di === 0 || di === 3).toBe(true);
  });

  it('gives each group its own block without overlaps', () => {
    const seen = new Set<string>();
    for (const p of pos.values()) {
      const key = `${p.x},${p.y}`;
      expect(seen.has(key)).toBe(false);
      seen.add(key);
    }
    // The ingress namespace is its own block, left of the apps it calls.
    expect(pos.get('gateway')!.x).toBeLessThan(pos.get('productpage')!.x);
  });

  it('is deterministic and terminates on cycles', () => {
    const nodes = ['a', 'b', 'c', 'd'].map((id) => ({ id }));
    const edges = [
      { source: 'a', target: 'b' },
      { source: 'b', target: 'c' },
      { source: 'c', target: 'a' },
      { source: 'c', target: 'd' },
    ];
    const p1 = layeredPlacement(nodes, edges);
    const p2 = layeredPlacement(nodes, edges);
    expect(p1).toEqual(p2);
    expect(p1.size).toBe(4);
    expect(p1.get('a')!.x).toBeLessThan(p1.get('b')!.x);
    expect(p1.get('c')!.x).toBeLessThan(p1.get('d')!.x);
  });

  it('places a 1,000-node mesh quickly and packs blocks towards a landscape shape', () => {
    const nodes: PlacementNode[] = Array.from({ length: 1000 }, (_, i) => ({
      id: `n${i}`,
      group: `ns-${i % 10}`,
    }));
    const edges: PlacementEdge[] = [];
    for (let i = 0; i < 3000; i++) {
      const s = (i * 7919) % 1000;
      const t = (i * 104729 + 13) % 1000;
      if (Math.floor(t / 125) > Math.floor(s / 125))
        edges.push({ source: `n${s}`, target: `n${t}` });
    }
    const t0 = performance.now();
    const pos = layeredPlacement(nodes, edges);
    const ms = performance.now() - t0;
    expect(pos.size).toBe(1000);
    expect(ms).toBeLessThan(200);
    const xs = [...pos.values()].map((p) => p.x);
    const ys = [...pos.values()].map((p) => p.y);
    const w = Math.max(...xs) - Math.min(...xs);
    const h = Math.max(...ys) - Math.min(...ys);
    expect(w / h).toBeGreaterThan(0.8);
    expect(w / h).toBeLessThan(4);
  });
});
