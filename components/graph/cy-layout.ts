import type { Core, LayoutOptions, NodeSingular } from 'cytoscape';

import type { LayoutName } from './graph-url-state';
import type { Pins } from './positions';

/** Past this many nodes fcose runs its fast spectral pass only, to stay inside ~1 s. */
const BIG_GRAPH = 300;

function layoutOptions(cy: Core, name: LayoutName): LayoutOptions {
  const n = cy.nodes().length;
  switch (name) {
    case 'layered': {
      // Breadth-first from the traffic sources, turned to read left → right like a request.
      const roots = cy.nodes().filter((x) => x.indegree(false) === 0);
      return {
        name: 'breadthfirst',
        directed: true,
        roots: roots.length ? roots : undefined,
        spacingFactor: n > BIG_GRAPH ? 0.9 : 1.1,
        avoidOverlap: n <= BIG_GRAPH,
        nodeDimensionsIncludeLabels: n <= BIG_GRAPH,
        animate: false,
        fit: false,
        transform: (_node: NodeSingular, p: { x: number; y: number }) => ({
          x: p.y * 1.6,
          y: p.x * 0.8,
        }),
      } as LayoutOptions;
    }
    case 'fcose':
      return {
        name: 'fcose',
        quality: n > BIG_GRAPH ? 'draft' : 'default',
        randomize: true,
        animate: false,
        fit: false,
        nodeSeparation: 90,
        idealEdgeLength: 90,
        nodeRepulsion: 6000,
        nodeDimensionsIncludeLabels: n <= BIG_GRAPH,
      } as LayoutOptions;
    case 'concentric':
      return {
        name: 'concentric',
        animate: false,
        fit: false,
        minNodeSpacing: 30,
        concentric: (node: NodeSingular) => node.outdegree(false),
        levelWidth: () => 1,
      } as LayoutOptions;
    case 'grid':
      return { name: 'grid', animate: false, fit: false, avoidOverlapPadding: 30 } as LayoutOptions;
  }
}

/** Fits the graph without blowing a five-node mesh up to giant shapes. */
export function fitGraph(cy: Core, padding = 40): void {
  if (cy.elements().empty()) return;
  cy.fit(undefined, padding);
  if (cy.zoom() > 1.4) {
    cy.zoom(1.4);
    cy.center();
  }
}

/** Runs a full layout synchronously, then restores pinned nodes and fits. */
export function runLayout(cy: Core, name: LayoutName, pins: Pins): void {
  if (cy.nodes().empty()) return;
  cy.layout(layoutOptions(cy, name)).run();
  cy.batch(() => {
    for (const [id, p] of Object.entries(pins)) {
      const node = cy.getElementById(id);
      if (node.nonempty()) node.position(p);
    }
  });
  fitGraph(cy);
}
