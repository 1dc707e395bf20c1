import type { StylesheetJson } from 'cytoscape';

import { graphStyle } from './cy-style';

export interface GraphScale {
  /** More than `BIG_GRAPH` nodes. */
  big: boolean;
  /** Some edge has a label (an edge-label mode is on). */
  edgeLabels: boolean;
}

type Block = { selector: string; style: Record<string, unknown> };

/** `style` without the properties `drop` matches, in the blocks whose selector is `selector`. */
function without(style: StylesheetJson, selector: string, drop: RegExp): StylesheetJson {
  return (style as Block[]).map((b) =>
    b.selector === selector
      ? { ...b, style: Object.fromEntries(Object.entries(b.style).filter(([k]) => !drop.test(k))) }
      : b,
  ) as StylesheetJson;
}

/**
 * The stylesheet for a graph of a given size. cytoscape computes every property of every
 * element before the first frame, and on a 1,000-node / 3,000-edge mesh that was most of the
 * time to interactive (the graph-page benchmark measured add + fit + first frame at about a
 * third of it once these cuts were made). So past `BIG_GRAPH` nodes:
 * - edges are "haystack" lines: a bezier edge costs a control-point and arrow computation each;
 *   haystack edges have no arrowheads, which at the zoom such a graph is viewed at were specks,
 *   and the layered layout already reads left → right;
 * - with no edge labels shown, the ten label properties of every edge are left out;
 * - node labels lose their background box (four properties per node).
 * Small meshes keep the full style.
 */
export function scaledGraphStyle(dark: boolean, scale: GraphScale): StylesheetJson {
  let style = graphStyle(dark);
  if (!scale.big) return style;
  if (!scale.edgeLabels) style = without(style, 'edge', /^(label|font-|color|text-|min-zoomed)/);
  style = without(style, 'node', /^text-background/);
  return [
    ...style,
    { selector: 'edge', style: { 'curve-style': 'haystack', 'haystack-radius': 0 } },
  ];
}
