/**
 * Runs fcose on a headless cytoscape inside a Web Worker, so a big mesh's force-directed layout
 * (a second or more of CPU) never blocks the page: the graph is drawn and usable at once with the
 * layered placement, and nodes move to the fcose result when it arrives. Started by
 * `cy-layout.ts` with `new Worker(new URL('./fcose.worker.ts', import.meta.url))`, which Next's
 * bundler turns into its own chunk.
 */
import cytoscape, { type LayoutOptions } from 'cytoscape';
import fcose from 'cytoscape-fcose';

import type { FcoseRequest, FcoseResponse } from './fcose-protocol';

cytoscape.use(fcose);

function layout(req: FcoseRequest): FcoseResponse {
  // Parents before children: cytoscape drops a `parent` it has not seen yet.
  const depth = new Map<string, number>();
  const byId = new Map(req.nodes.map((n) => [n.id, n]));
  const depthOf = (id: string, guard = 0): number => {
    const known = depth.get(id);
    if (known !== undefined) return known;
    const parent = byId.get(id)?.parent;
    const d = parent && byId.has(parent) && guard < 32 ? depthOf(parent, guard + 1) + 1 : 0;
    depth.set(id, d);
    return d;
  };
  const nodes = [...req.nodes].sort((a, b) => depthOf(a.id) - depthOf(b.id));
  const cy = cytoscape({
    headless: true,
    styleEnabled: true,
    // The sizes fcose keeps apart; labels are not measured off-screen (no canvas to measure on).
    style: [{ selector: 'node', style: { width: req.nodeWidth, height: req.nodeHeight } }],
    elements: [
      ...nodes.map((n) => ({ group: 'nodes' as const, data: { id: n.id, parent: n.parent } })),
      ...req.edges.map((e) => ({
        group: 'edges' as const,
        data: { id: e.id, source: e.source, target: e.target },
      })),
    ],
  });
  cy.layout({ name: 'fcose', ...req.options, animate: false, fit: false } as LayoutOptions).run();
  const positions: FcoseResponse['positions'] = {};
  cy.nodes().forEach((n) => {
    if (n.isParent()) return;
    const p = n.position();
    positions[n.id()] = { x: p.x, y: p.y };
  });
  cy.destroy();
  return { id: req.id, positions };
}

self.onmessage = (event: MessageEvent<FcoseRequest>) => {
  let response: FcoseResponse;
  try {
    response = layout(event.data);
  } catch (err) {
    response = { id: event.data.id, positions: {}, error: String(err) };
  }
  self.postMessage(response);
};
