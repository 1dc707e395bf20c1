import type { Core, NodeCollection, NodeSingular } from 'cytoscape';

import { type SvgSnapshot, toSvg } from './svg-export';

function download(name: string, blob: Blob) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

function sortBoxesFirst(nodes: NodeCollection): NodeSingular[] {
  const depth = (n: NodeSingular) => (n.isParent() ? n.ancestors().length : 1000);
  return nodes.toArray().sort((a, b) => depth(a) - depth(b));
}

/** Reads what cytoscape draws (rendered styles, model positions) into the SVG snapshot. */
function snapshot(cy: Core, background: string, text: string): SvgSnapshot {
  return {
    background,
    text,
    // Outer boxes first, nodes last: SVG paints in document order, so a box must not cover the
    // nodes inside it (cytoscape keeps insertion order, and a box added later comes last).
    nodes: sortBoxesFirst(cy.nodes()).map((n: NodeSingular) => ({
      x: n.position('x'),
      y: n.position('y'),
      w: n.width(),
      h: n.height(),
      shape: String(n.style('shape')),
      label: String(n.data('label') ?? ''),
      labelAbove: n.isParent(),
      badges: String(n.data('badgeIcons') ?? '') || undefined,
      badgeWidth: Number(n.data('badgeWidth')) || 0,
      stroke: String(n.style('border-color')),
      fill: String(n.style('background-color')),
      dashed: n.style('border-style') === 'dashed',
      opacity: Number(n.style('opacity')),
    })),
    edges: cy.edges().map((e) => {
      const s = e.sourceEndpoint();
      const t = e.targetEndpoint();
      return {
        x1: s.x,
        y1: s.y,
        x2: t.x,
        y2: t.y,
        color: String(e.style('line-color')),
        dashed: e.style('line-style') === 'dashed',
        label: String(e.data('label') ?? ''),
        opacity: Number(e.style('opacity')),
      };
    }),
  };
}

export function exportGraph(cy: Core, format: 'png' | 'svg', dark: boolean, name: string) {
  const bg = dark ? '#1a1b1e' : '#ffffff';
  if (format === 'png') {
    const blob = cy.png({ output: 'blob', full: true, scale: 2, bg }) as unknown as Blob;
    download(`${name}.png`, blob);
  } else {
    const svg = toSvg(snapshot(cy, bg, dark ? '#dee2e6' : '#212529'));
    download(`${name}.svg`, new Blob([svg], { type: 'image/svg+xml' }));
  }
}
