import type { Core, LayoutOptions, NodeSingular } from 'cytoscape';

import type { FcoseRequest, FcoseResponse } from './fcose-protocol';
import type { LayoutName } from './graph-url-state';
import { layeredPlacement, type PlacementEdge, type PlacementNode } from './layered-placement';
import type { Pins, Point } from './positions';

/**
 * Past this many nodes no layout work superlinear in the graph runs on the main thread (it made a
 * 1,000-node mesh take seconds to become usable): "layered" uses our linear layered placement,
 * and fcose runs in a Web Worker (FCOSE_DRAFT_OVER says how thoroughly) while the layered
 * placement is shown. Below it the cytoscape layouts run synchronously: they take a few ms and
 * label-aware spacing reads better on small meshes.
 */
export const BIG_GRAPH = 300;

/**
 * Past this many nodes fcose runs its spectral pass only ('draft'). Its force-directed pass is what
 * pulls overlapping nodes apart (a generated 400-node mesh: 2,799 overlapping pairs in draft, 295
 * in full), but its cost grows fast: ~1.4 s for 400 nodes, ~12 s for 1,000 (headless, Node 20).
 * In the worker the page stays usable meanwhile, so the full pass is worth its wait up to here.
 */
export const FCOSE_DRAFT_OVER = 600;

/** fcose's knobs, shared by the synchronous run and the worker. */
function fcoseOptions(n: number) {
  return {
    quality: n > FCOSE_DRAFT_OVER ? 'draft' : 'default',
    randomize: true,
    nodeSeparation: 90,
    idealEdgeLength: 90,
    nodeRepulsion: 6000,
    nodeDimensionsIncludeLabels: n <= BIG_GRAPH,
  };
}

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
        // Only small graphs get here (see runLayout), so label-aware spacing is affordable.
        spacingFactor: 1.1,
        avoidOverlap: true,
        nodeDimensionsIncludeLabels: true,
        animate: false,
        fit: false,
        transform: (_node: NodeSingular, p: { x: number; y: number }) => ({
          x: p.y * 1.6,
          y: p.x * 0.8,
        }),
      } as LayoutOptions;
    }
    case 'fcose':
      return { name: 'fcose', ...fcoseOptions(n), animate: false, fit: false } as LayoutOptions;
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

/**
 * Room around a node's position, in graph units, that a position-based fit keeps: half the widest
 * node shape, plus its label below it; boxes (compound parents) add their padding and title.
 */
const NODE_MARGIN = { side: 20, top: 20, bottom: 40 };
const BOX_MARGIN = 40;

/**
 * Fits a big graph from its node positions alone. `cy.fit` needs every element's bounds, which
 * computes the rendered style of all ~4,000 elements before the first frame only for the first
 * frame to compute most of it again (about 0.3 s on a 1,000-node mesh in the graph-page
 * benchmark). At the zoom such a graph fits at, labels are below their minimum drawn size, so
 * the margins above stand in for the exact label bounds.
 */
function fitPositions(cy: Core, padding: number, maxZoom: number): void {
  let x1 = Infinity;
  let y1 = Infinity;
  let x2 = -Infinity;
  let y2 = -Infinity;
  cy.nodes(':childless').forEach((n) => {
    const p = n.position();
    x1 = Math.min(x1, p.x);
    y1 = Math.min(y1, p.y);
    x2 = Math.max(x2, p.x);
    y2 = Math.max(y2, p.y);
  });
  if (!Number.isFinite(x1)) return;
  const box = cy.nodes(':parent').nonempty() ? BOX_MARGIN : 0;
  x1 -= NODE_MARGIN.side + box;
  x2 += NODE_MARGIN.side + box;
  y1 -= NODE_MARGIN.top + box;
  y2 += NODE_MARGIN.bottom + box;
  const w = Math.max(1, cy.width() - 2 * padding);
  const h = Math.max(1, cy.height() - 2 * padding);
  const fit = Math.min(w / (x2 - x1), h / (y2 - y1));
  const zoom = Math.min(maxZoom, cy.maxZoom(), Math.max(cy.minZoom(), fit));
  cy.viewport({
    zoom,
    pan: { x: (cy.width() - zoom * (x1 + x2)) / 2, y: (cy.height() - zoom * (y1 + y2)) / 2 },
  });
}

/** The closest a fit zooms in: a five-node mesh is not blown up to giant shapes. */
const FIT_MAX_ZOOM = 1.4;

/** Fits the graph to the view. */
export function fitGraph(cy: Core, padding = 40): void {
  if (cy.elements().empty()) return;
  if (cy.nodes().length > BIG_GRAPH) {
    fitPositions(cy, padding, FIT_MAX_ZOOM);
    return;
  }
  cy.fit(undefined, padding);
  if (cy.zoom() > FIT_MAX_ZOOM) {
    cy.zoom(FIT_MAX_ZOOM);
    cy.center();
  }
}

/** The layered placement's input, read from cy (compound parents included). */
function placementInput(cy: Core): { nodes: PlacementNode[]; edges: PlacementEdge[] } {
  const nodes: PlacementNode[] = cy.nodes().map((n) => ({
    id: n.id(),
    group: (n.data('namespace') as string | undefined) ?? '',
    parent: (n.data('parent') as string | undefined) ?? undefined,
  }));
  const edges: PlacementEdge[] = cy
    .edges()
    .map((e) => ({ source: e.data('source') as string, target: e.data('target') as string }));
  return { nodes, edges };
}

/** Moves leaf nodes to `positions`, pinned nodes (leaves or boxes) to their pins. */
function applyPositions(
  cy: Core,
  positions: Map<string, Point> | Record<string, Point>,
  pins: Pins,
) {
  const get =
    positions instanceof Map ? (id: string) => positions.get(id) : (id: string) => positions[id];
  cy.batch(() => {
    cy.nodes().forEach((node) => {
      if (node.isParent()) return;
      const p = pins[node.id()] ?? get(node.id());
      if (p) node.position(p);
    });
    // A pinned box last: moving it carries its children along, as when it was dragged.
    cy.nodes(':parent').forEach((node) => {
      const p = pins[node.id()];
      if (p) node.position(p);
    });
  });
}

let requestSeq = 0;

/**
 * Runs fcose in a worker and moves the nodes to its result. Pins are read when the result
 * arrives, so a node the user dragged meanwhile stays where it was dropped; the view is refitted
 * only if the user has not panned or zoomed since. Returns a cancel function.
 */
function fcoseInWorker(cy: Core, currentPins: () => Pins): () => void {
  let worker: Worker | undefined;
  let cancelled = false;
  const fitted = viewportOf(cy);
  // Started once the page is idle after drawing the layered placement: loading the worker and
  // running fcose take a core for a second or more, which on a 2-core machine slowed the first
  // frame and the tasks after it (the graph-page benchmark's time to interactive).
  const start = () => {
    if (cancelled || cy.destroyed()) return;
    worker = startFcoseWorker(cy, currentPins, fitted);
  };
  const idle = whenIdle(start);
  return () => {
    cancelled = true;
    idle();
    worker?.terminate();
  };
}

/** Runs `fn` when the main thread is next idle (at most 1 s from now); returns a cancel function. */
function whenIdle(fn: () => void): () => void {
  if (typeof requestIdleCallback === 'function') {
    const handle = requestIdleCallback(fn, { timeout: 1000 });
    return () => cancelIdleCallback(handle);
  }
  const handle = setTimeout(fn, 200);
  return () => clearTimeout(handle);
}

function viewportOf(cy: Core): string {
  return `${cy.zoom()}:${cy.pan().x}:${cy.pan().y}`;
}

/** `fitted`: the viewport the layered placement was fitted to (see viewportOf). */
function startFcoseWorker(cy: Core, currentPins: () => Pins, fitted: string): Worker | undefined {
  let worker: Worker;
  try {
    worker = new Worker(new URL('./fcose.worker.ts', import.meta.url));
  } catch {
    return undefined; // No workers (old browser, strict CSP): the layered placement stays.
  }
  const id = ++requestSeq;
  worker.onmessage = (event: MessageEvent<FcoseResponse>) => {
    worker.terminate();
    const res = event.data;
    if (cy.destroyed() || res.id !== id || res.error) return;
    const untouched = viewportOf(cy) === fitted;
    applyPositions(cy, res.positions, currentPins());
    if (untouched) fitGraph(cy);
  };
  worker.onerror = () => worker.terminate();
  const n = cy.nodes().length;
  const request: FcoseRequest = {
    id,
    nodes: cy.nodes().map((node) => ({
      id: node.id(),
      parent: (node.data('parent') as string | undefined) ?? undefined,
    })),
    edges: cy.edges().map((e) => ({
      id: e.id(),
      source: e.data('source') as string,
      target: e.data('target') as string,
    })),
    nodeWidth: 34,
    nodeHeight: 30,
    options: fcoseOptions(n),
  };
  worker.postMessage(request);
  return worker;
}

/**
 * Lays the graph out, restores pinned nodes and fits. Small graphs and cheap layouts run
 * synchronously; a big graph is placed at once with the linear layered placement (so it is
 * drawn and usable immediately) and, for fcose, refined off the main thread. Returns a function
 * that cancels a layout still running in the worker (call it before the next layout).
 */
export function runLayout(
  cy: Core,
  name: LayoutName,
  pins: Pins,
  currentPins: () => Pins = () => pins,
): () => void {
  if (cy.nodes().empty()) return () => {};
  if (cy.nodes().length > BIG_GRAPH && (name === 'layered' || name === 'fcose')) {
    const { nodes, edges } = placementInput(cy);
    applyPositions(cy, layeredPlacement(nodes, edges), pins);
    fitGraph(cy);
    return name === 'fcose' ? fcoseInWorker(cy, currentPins) : () => {};
  }
  cy.layout(layoutOptions(cy, name)).run();
  applyPositions(cy, {}, pins);
  fitGraph(cy);
  return () => {};
}
