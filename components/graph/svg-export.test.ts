import { describe, expect, it } from 'vitest';

import { escapeXml, toSvg } from './svg-export';

describe('toSvg', () => {
  const snap = {
    background: '#fff',
    text: '#000',
    nodes: [
      {
        x: 0,
        y: 0,
        w: 30,
        h: 30,
        shape: 'diamond',
        label: 'reviews\nVS',
        stroke: '#0a0',
        fill: '#fff',
        dashed: false,
        opacity: 1,
      },
      {
        x: 200,
        y: 0,
        w: 34,
        h: 26,
        shape: 'round-rectangle',
        label: 'a<b',
        stroke: '#0a0',
        fill: '#fff',
        dashed: true,
        opacity: 1,
      },
    ],
    edges: [
      { x1: 0, y1: 0, x2: 200, y2: 0, color: '#0a0', dashed: false, label: '0.96 rps', opacity: 1 },
    ],
  };

  it('draws every node, edge and label inside a fitting viewBox', () => {
    const svg = toSvg(snap);
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg).toContain('<polygon points="0,-15 15,0 0,15 -15,0"');
    expect(svg).toContain('<rect x="183" y="-13" width="34" height="26"');
    expect(svg).toContain('stroke-dasharray="4 3"');
    expect(svg).toContain('>0.96 rps</tspan>');
    expect(svg).toContain('<tspan x="0" dy="12">VS</tspan>');
    expect(svg).toContain('viewBox="-115 -55 432 ');
  });

  it('puts a box label above its frame, inside the viewBox', () => {
    const box = {
      ...snap.nodes[1],
      x: 100,
      y: 0,
      w: 300,
      h: 120,
      label: 'bookinfo',
      labelAbove: true,
    };
    const svg = toSvg({ ...snap, nodes: [box, ...snap.nodes] });
    // Frame top at y = -60: the label sits 5 px above it.
    expect(svg).toContain('<text x="100" y="-65"');
    const vb = /viewBox="([-\d.]+) ([-\d.]+)/.exec(svg)!;
    expect(Number(vb[2])).toBeLessThan(-65 - 10);
    // Document order is paint order: the box is drawn before the nodes inside it.
    expect(svg.indexOf('bookinfo')).toBeLessThan(svg.indexOf('reviews'));
  });

  it("draws a node's badge strip above it", () => {
    const node = {
      ...snap.nodes[0],
      badges: 'data:image/svg+xml;charset=utf-8,%3Csvg%3E',
      badgeWidth: 30,
    };
    const svg = toSvg({ ...snap, nodes: [node] });
    expect(svg).toContain(
      '<image href="data:image/svg+xml;charset=utf-8,%3Csvg%3E" x="-15" y="-34" width="30" height="14"/>',
    );
  });

  it('escapes labels', () => {
    expect(toSvg(snap)).toContain('a&lt;b');
    expect(escapeXml(`"&'`)).toBe('&quot;&amp;&apos;');
  });

  it('handles an empty graph', () => {
    expect(toSvg({ ...snap, nodes: [], edges: [] })).toContain('viewBox="-40 -40 180 180"');
  });
});
