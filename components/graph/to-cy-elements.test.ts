import { describe, expect, it } from 'vitest';

import { bookinfoGraph } from './__fixtures__/bookinfo-graph';
import { badgeStrip } from './badge-icons';
import { compileFind } from './find-expression';
import {
  badgeImagesOf,
  type CyEdgeData,
  type CyNodeData,
  edgeLabel,
  toCyElements,
  withoutHidden,
} from './to-cy-elements';

const base = { edgeLabels: 'rps' as const, badges: true };
const compile = (s: string) => {
  const r = compileFind(s);
  if (!r.ok) throw new Error(r.error);
  return r.match;
};

describe('toCyElements', () => {
  it('maps every node and edge with stable ids, nodes first', () => {
    const els = toCyElements(bookinfoGraph, base);
    expect(els.filter((e) => e.group === 'nodes')).toHaveLength(bookinfoGraph.nodes.length);
    expect(els.filter((e) => e.group === 'edges')).toHaveLength(bookinfoGraph.edges.length);
    expect(els.findIndex((e) => e.group === 'edges')).toBe(bookinfoGraph.nodes.length);
    expect(toCyElements(bookinfoGraph, base)).toEqual(els);
  });

  it('labels nodes by type and version, with badges as an icon strip', () => {
    const els = toCyElements(bookinfoGraph, base);
    const data = (id: string) => els.find((e) => e.data.id === id)?.data as CyNodeData;
    expect(data('reviews-v1').label).toBe('reviews v1');
    expect(data('svc-reviews').label).toBe('reviews');
    expect(data('svc-reviews').badgeIcons).toBe(
      badgeStrip(['virtualService', 'trafficShifting'])!.uri,
    );
    expect(data('svc-reviews').badgeWidth).toBe(30);
    expect(data('reviews-v1')).toMatchObject({ badgeIcons: '', badgeWidth: 0 });
    expect(data('gw').label).toBe('istio-ingressgateway\n(istio-system)');
    expect(toCyElements(bookinfoGraph, { ...base, badges: false })[3].data).toMatchObject({
      label: 'reviews',
      badgeIcons: '',
    });
  });

  it('lists each badge strip image once, and none with badges off', () => {
    const urls = badgeImagesOf(toCyElements(bookinfoGraph, base));
    expect(urls.has(badgeStrip(['virtualService', 'trafficShifting'])!.uri)).toBe(true);
    expect([...urls].every((u) => u.startsWith('data:image/svg+xml'))).toBe(true);
    const strips = toCyElements(bookinfoGraph, base).filter(
      (e) => (e.data as CyNodeData).badgeIcons,
    );
    expect(urls.size).toBeLessThanOrEqual(strips.length);
    expect(badgeImagesOf(toCyElements(bookinfoGraph, { ...base, badges: false })).size).toBe(0);
  });

  it('classes encode type, health, roots, gateways and idleness', () => {
    const els = toCyElements(bookinfoGraph, base);
    const classes = (id: string) => els.find((e) => e.data.id === id)?.classes.split(' ');
    expect(classes('gw')).toEqual(
      expect.arrayContaining(['t-workload', 'root', 'gateway', 'outside']),
    );
    expect(classes('reviews-v2')).toEqual(expect.arrayContaining(['idle', 'h-idle']));
    expect(classes('svc-ratings->ratings-v1:http')).toContain('h-failure');
  });

  it('hides matching nodes together with their edges', () => {
    const els = toCyElements(bookinfoGraph, { ...base, hide: compile('app = ratings') });
    expect(els.some((e) => e.data.id === 'ratings-v1')).toBe(false);
    expect(els.some((e) => e.data.id === 'reviews-v3->svc-ratings:http')).toBe(false);
    expect(els.some((e) => e.data.id === 'reviews-v3')).toBe(true);
  });

  it('withoutHidden gives the graph the side panel lists, matching what is drawn', () => {
    expect(withoutHidden(bookinfoGraph, null)).toBe(bookinfoGraph);
    const shown = withoutHidden(bookinfoGraph, compile('app = ratings OR protocol = tcp'));
    expect(shown.nodes.map((n) => n.id)).not.toContain('ratings-v1');
    expect(shown.edges.every((e) => e.target !== 'ratings-v1' && e.protocol !== 'tcp')).toBe(true);
    const drawn = toCyElements(bookinfoGraph, {
      ...base,
      hide: compile('app = ratings OR protocol = tcp'),
    });
    expect(drawn.map((e) => e.data.id).sort()).toEqual(
      [...shown.nodes, ...shown.edges].map((x) => x.id).sort(),
    );
  });

  it('draws boxes as compound parents before the nodes they hold', () => {
    const els = toCyElements(bookinfoGraph, { ...base, boxBy: ['namespace', 'app'] });
    const ids = els.map((e) => e.data.id);
    const data = (id: string) => els.find((e) => e.data.id === id)?.data as CyNodeData;
    expect(els.find((e) => e.data.id === 'box:app:bookinfo/reviews')).toEqual({
      group: 'nodes',
      data: {
        id: 'box:app:bookinfo/reviews',
        label: 'reviews',
        nodeType: 'box',
        boxKind: 'app',
        parent: 'box:ns:bookinfo',
      },
      classes: 'box box-app',
    });
    expect(data('reviews-v1').parent).toBe('box:app:bookinfo/reviews');
    expect(data('svc-reviews').parent).toBe('box:ns:bookinfo');
    expect(data('gw').parent).toBe('box:ns:istio-system');
    // Every parent precedes its children.
    for (const e of els) {
      const parent = (e.data as CyNodeData).parent;
      if (parent) expect(ids.indexOf(parent)).toBeLessThan(ids.indexOf(e.data.id));
    }
    // Without boxes no node names a parent.
    expect(toCyElements(bookinfoGraph, base).some((e) => 'parent' in e.data && e.data.parent)).toBe(
      false,
    );
  });

  it('boxes only what Hide leaves', () => {
    const els = toCyElements(bookinfoGraph, {
      ...base,
      boxBy: ['namespace'],
      hide: compile('ns = istio-system'),
    });
    expect(els.map((e) => e.data.id)).not.toContain('box:ns:istio-system');
    expect(els.map((e) => e.data.id)).toContain('box:ns:bookinfo');
  });

  it('marks found elements and dims the rest', () => {
    const els = toCyElements(bookinfoGraph, { ...base, find: compile('%error > 5') });
    const found = els.filter((e) => e.classes.includes('found')).map((e) => e.data.id);
    expect(found).toEqual(['svc-ratings', 'ratings-v1', 'svc-ratings->ratings-v1:http']);
    expect(els.find((e) => e.data.id === 'gw')?.classes).toContain('dimmed');
  });

  it('highlights a trace path and dims what is off it', () => {
    const els = toCyElements(bookinfoGraph, {
      ...base,
      tracePath: {
        nodes: new Set(['gw', 'svc-productpage']),
        edges: new Set(['gw->svc-productpage:http']),
      },
    });
    expect(els.find((e) => e.data.id === 'gw')?.classes).toContain('trace');
    expect(els.find((e) => e.data.id === 'details-v1')?.classes).toContain('dimmed');
  });

  it('carries what the animation needs on edges', () => {
    const els = toCyElements(bookinfoGraph, base);
    const e = els.find((x) => x.data.id === 'svc-ratings->ratings-v1:http')?.data as CyEdgeData;
    expect(e).toMatchObject({ rps: 0.47, errorRate: 0.21, rt: 40, mtls: true, label: '0.47 rps' });
  });
});

describe('edgeLabel', () => {
  const e = bookinfoGraph.edges[2];
  it('formats each mode', () => {
    expect(edgeLabel(e, 'none')).toBe('');
    expect(edgeLabel(e, 'rps')).toBe('0.96 rps');
    expect(edgeLabel(e, 'percent')).toBe('50.0%');
    expect(edgeLabel(e, 'rtAvg')).toBe('20 ms');
    expect(edgeLabel(e, 'rtP95')).toBe('40 ms');
    expect(edgeLabel(e, 'rtP99')).toBe('80 ms');
    expect(edgeLabel(e, 'throughput')).toBe('1.9 kB/s');
    expect(edgeLabel({ ...e, protocol: 'tcp', rps: 2500 }, 'rps')).toBe('2.5 kB/s');
    expect(edgeLabel({ ...e, responseTime: {} }, 'rtP95')).toBe('');
  });
});
