import type { GraphEdge, GraphNode, MeshGraph } from '@/server/model/graph';

import { badgeStrip } from './badge-icons';
import type { FindTarget } from './find-expression';
import { formatBytesRate, formatMs, formatPercent, formatRps } from './format';
import { type BoxKind, graphBoxes } from './graph-boxes';
import type { EdgeLabelMode } from './graph-url-state';

/** A cytoscape element definition (structurally compatible with cytoscape's ElementDefinition). */
export interface CyElement {
  group: 'nodes' | 'edges';
  data: CyNodeData | CyBoxData | CyEdgeData;
  classes: string;
}

export interface CyNodeData {
  id: string;
  /** Text under the node: name and version, and the namespace when it is not obvious. */
  label: string;
  nodeType: GraphNode['nodeType'];
  health: GraphNode['health'];
  /** The node's namespace: the layered layout keeps each namespace in one block. */
  namespace: string;
  /** The box (compound parent) holding the node, when boxes are on. */
  parent?: string;
  /**
   * The badge icon strip (a data: URI drawn above the node), '' for none: always set, so a
   * badge that goes away clears the image on the next diff.
   */
  badgeIcons: string;
  /** Width of that strip in px (the SVG export places it), 0 for none. */
  badgeWidth: number;
}

/** A box: a compound parent grouping nodes by namespace or app (see graph-boxes.ts). */
export interface CyBoxData {
  id: string;
  label: string;
  nodeType: 'box';
  boxKind: BoxKind;
  /** A namespace box around an app box. */
  parent?: string;
}

export interface CyEdgeData {
  id: string;
  source: string;
  target: string;
  label: string;
  protocol: GraphEdge['protocol'];
  health: GraphEdge['health'];
  /** Requests/s (bytes/s for tcp): the animation reads it. */
  rps: number;
  errorRate: number;
  /** Response time the animation uses for dot speed (p95, else avg), ms. */
  rt: number;
  /** All traffic used mTLS: the overlay draws a lock. */
  mtls: boolean;
}

export interface ToCyOptions {
  edgeLabels: EdgeLabelMode;
  badges: boolean;
  /** Elements matching Find are emphasised and the rest dimmed. */
  find?: ((t: FindTarget) => boolean) | null;
  /** Elements matching Hide are left out (a hidden node takes its edges with it). */
  hide?: ((t: FindTarget) => boolean) | null;
  /** Node ids and edge ids on a highlighted trace path. */
  tracePath?: { nodes: Set<string>; edges: Set<string> } | null;
  /** Group nodes into boxes by these keys; absent or empty draws no boxes. */
  boxBy?: readonly BoxKind[];
}

/** The node's display name for its type (what Kiali users expect to read). */
export function nodeName(n: GraphNode): string {
  switch (n.nodeType) {
    case 'app':
      return n.app ?? n.workload ?? n.id;
    case 'workload':
      return n.workload ?? n.app ?? n.id;
    case 'service':
    case 'serviceEntry':
      return n.service ?? n.host ?? n.app ?? n.id;
    case 'unknown':
      return 'unknown';
  }
}

function nodeLabel(n: GraphNode, multiNs: boolean): string {
  let first = nodeName(n);
  if (n.nodeType === 'app' && n.version) first += ` ${n.version}`;
  const lines = [first];
  if (n.isOutside || (multiNs && n.nodeType !== 'unknown')) lines.push(`(${n.namespace})`);
  return lines.join('\n');
}

/** The edge label for a mode; idle edges and missing data show nothing rather than zeros. */
export function edgeLabel(e: GraphEdge, mode: EdgeLabelMode): string {
  if (e.isIdle) return '';
  switch (mode) {
    case 'none':
      return '';
    case 'rps':
      return e.protocol === 'tcp' ? formatBytesRate(e.rps) : `${formatRps(e.rps)} rps`;
    case 'percent':
      return formatPercent(e.percentOfSource);
    case 'rtAvg':
      return e.responseTime.avg === undefined ? '' : formatMs(e.responseTime.avg);
    case 'rtP95':
      return e.responseTime.p95 === undefined ? '' : formatMs(e.responseTime.p95);
    case 'rtP99':
      return e.responseTime.p99 === undefined ? '' : formatMs(e.responseTime.p99);
    case 'throughput':
      // Absent for a moment after switching to this label, until the graph asked with it comes.
      return e.throughput === undefined ? '' : formatBytesRate(e.throughput);
  }
}

function nodeClasses(n: GraphNode, opts: ToCyOptions, found: boolean | null): string {
  const c = [`t-${n.nodeType}`, `h-${n.health}`];
  if (n.isRoot) c.push('root');
  if (n.isGateway) c.push('gateway');
  if (n.isIdle) c.push('idle');
  if (n.isOutside) c.push('outside');
  if (found !== null) c.push(found ? 'found' : 'dimmed');
  if (opts.tracePath?.nodes.has(n.id)) c.push('trace');
  return c.join(' ');
}

function edgeClasses(e: GraphEdge, opts: ToCyOptions, found: boolean | null): string {
  const c = [`p-${e.protocol}`, `h-${e.health}`];
  if (e.isIdle || e.rps === 0) c.push('idle');
  if (found !== null) c.push(found ? 'found' : 'dimmed');
  if (opts.tracePath?.edges.has(e.id)) c.push('trace');
  return c.join(' ');
}

/**
 * The graph as drawn under a Hide expression: matching nodes go with all their edges, matching
 * edges go alone. The side panel lists this graph too, so nothing hidden stays selectable.
 */
export function withoutHidden(
  graph: MeshGraph,
  hide: ((t: FindTarget) => boolean) | null | undefined,
): MeshGraph {
  if (!hide) return graph;
  const nodes = graph.nodes.filter((node) => !hide({ kind: 'node', node }));
  const kept = new Set(nodes.map((n) => n.id));
  const edges = graph.edges.filter(
    (edge) => kept.has(edge.source) && kept.has(edge.target) && !hide({ kind: 'edge', edge }),
  );
  return { ...graph, nodes, edges };
}

/**
 * The one MeshGraph → cytoscape mapping. Pure and deterministic: the same graph and options
 * always yield the same elements in the same order, so the wrapper can diff by id.
 */
export function toCyElements(all: MeshGraph, opts: ToCyOptions): CyElement[] {
  const graph = withoutHidden(all, opts.hide);
  const out: CyElement[] = [];
  // Boxes first: cytoscape needs a parent to exist before the children that name it.
  const { boxes, parentOf } = graphBoxes(graph, opts.boxBy ?? []);
  for (const b of boxes)
    out.push({
      group: 'nodes',
      data: { id: b.id, label: b.label, nodeType: 'box', boxKind: b.kind, parent: b.parent },
      classes: `box box-${b.kind}`,
    });
  const multiNs = graph.namespaces.length > 1;
  const anyTrace = !!opts.tracePath && opts.tracePath.nodes.size > 0;
  for (const n of graph.nodes) {
    const t: FindTarget = { kind: 'node', node: n };
    const found = opts.find ? opts.find(t) : anyTrace ? !!opts.tracePath?.nodes.has(n.id) : null;
    const strip = opts.badges ? badgeStrip(n.badges) : undefined;
    out.push({
      group: 'nodes',
      data: {
        id: n.id,
        label: nodeLabel(n, multiNs),
        nodeType: n.nodeType,
        health: n.health,
        namespace: n.namespace,
        parent: parentOf.get(n.id),
        badgeIcons: strip?.uri ?? '',
        badgeWidth: strip?.width ?? 0,
      },
      classes: nodeClasses(n, opts, found),
    });
  }
  for (const e of graph.edges) {
    const t: FindTarget = { kind: 'edge', edge: e };
    const found = opts.find ? opts.find(t) : anyTrace ? !!opts.tracePath?.edges.has(e.id) : null;
    out.push({
      group: 'edges',
      data: {
        id: e.id,
        source: e.source,
        target: e.target,
        label: edgeLabel(e, opts.edgeLabels),
        protocol: e.protocol,
        health: e.health,
        rps: e.isIdle ? 0 : e.rps,
        errorRate: e.errorRate,
        rt: e.responseTime.p95 ?? e.responseTime.avg ?? 0,
        mtls: e.mtlsPercent >= 99.5,
      },
      classes: edgeClasses(e, opts, found),
    });
  }
  return out;
}

/** The distinct badge-strip images the elements draw (see cy-image-prime.ts). */
export function badgeImagesOf(elements: readonly CyElement[]): Set<string> {
  const urls = new Set<string>();
  for (const e of elements) {
    const url = (e.data as { badgeIcons?: string }).badgeIcons;
    if (url) urls.add(url);
  }
  return urls;
}
