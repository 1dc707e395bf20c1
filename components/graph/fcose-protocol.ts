import type { Point } from './positions';

/** What the page sends the fcose worker: the graph's shape only, no cytoscape objects. */
export interface FcoseRequest {
  /** Echoed back, so a result for a superseded layout is dropped. */
  id: number;
  nodes: { id: string; parent?: string }[];
  edges: { id: string; source: string; target: string }[];
  nodeWidth: number;
  nodeHeight: number;
  /** fcose options (plain JSON: quality, separations, repulsion). */
  options: Record<string, unknown>;
}

export interface FcoseResponse {
  id: number;
  /** Model positions of the leaf nodes (compound parents follow their children). */
  positions: Record<string, Point>;
  error?: string;
}
