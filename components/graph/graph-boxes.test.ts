import { describe, expect, it } from 'vitest';

import { bookinfoGraph } from './__fixtures__/bookinfo-graph';
import { boxKindOf, boxTraffic, graphBoxes, isBoxId } from './graph-boxes';

describe('graphBoxes', () => {
  it('boxes nothing when no kind is on', () => {
    const b = graphBoxes(bookinfoGraph, []);
    expect(b.boxes).toEqual([]);
    expect(b.parentOf.size).toBe(0);
  });

  it('boxes an app only when it has more than one node, leaving its service outside', () => {
    const { boxes, parentOf } = graphBoxes(bookinfoGraph, ['app']);
    expect(boxes.map((b) => b.id)).toEqual(['box:app:bookinfo/reviews']);
    expect(boxes[0]).toMatchObject({ kind: 'app', label: 'reviews', parent: undefined });
    expect(boxes[0].members).toEqual(['reviews-v1', 'reviews-v2', 'reviews-v3']);
    expect(parentOf.get('reviews-v2')).toBe('box:app:bookinfo/reviews');
    expect(parentOf.has('svc-reviews')).toBe(false);
    expect(parentOf.has('ratings-v1')).toBe(false);
  });

  it('boxes every namespace, outer boxes first, app boxes nested inside', () => {
    const { boxes, parentOf } = graphBoxes(bookinfoGraph, ['namespace', 'app']);
    expect(boxes.map((b) => b.id)).toEqual([
      'box:ns:bookinfo',
      'box:ns:istio-system',
      'box:app:bookinfo/reviews',
    ]);
    expect(boxes[2].parent).toBe('box:ns:bookinfo');
    // Nodes sit in their innermost box; the namespace box still counts them as members.
    expect(parentOf.get('reviews-v1')).toBe('box:app:bookinfo/reviews');
    expect(parentOf.get('svc-reviews')).toBe('box:ns:bookinfo');
    expect(parentOf.get('gw')).toBe('box:ns:istio-system');
    expect(boxes[0].members).toContain('reviews-v1');
    expect(boxes[0].members).not.toContain('gw');
    expect(boxes.every((b) => isBoxId(b.id))).toBe(true);
    expect(boxes.map((b) => boxKindOf(b.id))).toEqual(['namespace', 'namespace', 'app']);
    expect(boxKindOf('reviews-v1')).toBeUndefined();
    expect(bookinfoGraph.nodes.some((n) => isBoxId(n.id))).toBe(false);
  });

  it('leaves unknown sources unboxed', () => {
    const graph = {
      ...bookinfoGraph,
      nodes: [
        ...bookinfoGraph.nodes,
        { ...bookinfoGraph.nodes[0], id: 'unknown', nodeType: 'unknown' as const },
      ],
    };
    expect(graphBoxes(graph, ['namespace']).parentOf.has('unknown')).toBe(false);
  });
});

describe('boxTraffic', () => {
  it('sums what enters, leaves and stays inside a box', () => {
    const { boxes } = graphBoxes(bookinfoGraph, ['namespace', 'app']);
    const reviews = boxes.find((b) => b.app === 'reviews')!;
    const t = boxTraffic(bookinfoGraph, reviews);
    expect(t.inboundRps).toBeCloseTo(0.96);
    expect(t.outboundRps).toBeCloseTo(0.47);
    expect(t.internalRps).toBe(0);
    expect(t.inboundErrorPercent).toBe(0);

    const bookinfo = boxTraffic(bookinfoGraph, boxes[0]);
    expect(bookinfo.inboundRps).toBeCloseTo(0.96); // from the gateway in istio-system
    expect(bookinfo.outboundRps).toBe(0);
    // Inside: everything but the gateway's edge, ratings' failing leg included.
    expect(bookinfo.internalRps).toBeCloseTo(0.96 * 3 + 0.49 + 0.47 + 0.47 + 0.47 + 0.96);
  });
});
