import type { GraphNode, MeshGraph } from '@/server/model/graph';

/**
 * Boxes: optional compound parents that group the graph's nodes by namespace and by app, as
 * Kiali's "box by" display option does. Pure, so the grouping rules are tested without cytoscape;
 * to-cy-elements turns the boxes into parent nodes and the side panel summarises one.
 */

export type BoxKind = 'namespace' | 'app';

export const BOX_KINDS: readonly BoxKind[] = ['namespace', 'app'];

export interface GraphBox {
  /** `box:ns:<namespace>` or `box:app:<namespace>/<app>`: cannot clash with node ids. */
  id: string;
  kind: BoxKind;
  namespace: string;
  app?: string;
  /** The enclosing namespace box, when both kinds are on. */
  parent?: string;
  label: string;
  /** Ids of the graph nodes inside, at any depth. */
  members: string[];
}

export interface GraphBoxes {
  /** Outer boxes first, so a parent always precedes its children. */
  boxes: GraphBox[];
  /** Node id → the innermost box that holds it. */
  parentOf: Map<string, string>;
}

export const boxId = (kind: BoxKind, namespace: string, app?: string): string =>
  kind === 'namespace' ? `box:ns:${namespace}` : `box:app:${namespace}/${app}`;

export const isBoxId = (id: string | undefined): boolean => !!id && id.startsWith('box:');

/** The kind of box an id names, or undefined for a node or edge id. */
export function boxKindOf(id: string | undefined): BoxKind | undefined {
  if (id?.startsWith('box:ns:')) return 'namespace';
  if (id?.startsWith('box:app:')) return 'app';
  return undefined;
}

/**
 * An app box holds the app's versioned-app and workload nodes (never its service node, which
 * fronts every version and reads better outside). A lone member gets no app box: a box around
 * one node is only noise. "unknown" sources belong to no namespace and stay unboxed.
 */
function appKey(n: GraphNode): string | undefined {
  if (!n.app || (n.nodeType !== 'app' && n.nodeType !== 'workload')) return undefined;
  return `${n.namespace}/${n.app}`;
}

export function graphBoxes(graph: MeshGraph, boxBy: readonly BoxKind[]): GraphBoxes {
  const byNamespace = boxBy.includes('namespace');
  const byApp = boxBy.includes('app');
  const parentOf = new Map<string, string>();
  if (!byNamespace && !byApp) return { boxes: [], parentOf };

  const apps = new Map<string, GraphNode[]>();
  if (byApp)
    for (const n of graph.nodes) {
      const key = appKey(n);
      if (key) apps.set(key, [...(apps.get(key) ?? []), n]);
    }

  const nsBoxes = new Map<string, GraphBox>();
  const appBoxes: GraphBox[] = [];
  const nsBox = (namespace: string) => {
    let b = nsBoxes.get(namespace);
    if (!b) {
      b = {
        id: boxId('namespace', namespace),
        kind: 'namespace',
        namespace,
        label: namespace,
        members: [],
      };
      nsBoxes.set(namespace, b);
    }
    return b;
  };

  for (const [, members] of apps) {
    if (members.length < 2) continue;
    const { namespace, app } = members[0];
    const box: GraphBox = {
      id: boxId('app', namespace, app),
      kind: 'app',
      namespace,
      app,
      label: app!,
      members: members.map((m) => m.id),
      parent: byNamespace ? nsBox(namespace).id : undefined,
    };
    appBoxes.push(box);
    for (const m of members) parentOf.set(m.id, box.id);
  }

  if (byNamespace)
    for (const n of graph.nodes) {
      if (n.nodeType === 'unknown') continue;
      const b = nsBox(n.namespace);
      b.members.push(n.id);
      if (!parentOf.has(n.id)) parentOf.set(n.id, b.id);
    }

  const boxes = [
    ...[...nsBoxes.values()].sort((a, b) => a.id.localeCompare(b.id)),
    ...appBoxes.sort((a, b) => a.id.localeCompare(b.id)),
  ];
  return { boxes, parentOf };
}

export interface BoxTraffic {
  /** Requests/s on edges entering the box from outside it. */
  inboundRps: number;
  /** Failed share of the inbound requests, 0..100. */
  inboundErrorPercent: number;
  /** Requests/s on edges leaving the box. */
  outboundRps: number;
  /** Requests/s on edges with both ends inside. */
  internalRps: number;
  /** TCP bytes/s crossing the box boundary either way. */
  tcpBytes: number;
}

/** What crosses a box's boundary: the read-out the side panel shows when a box is selected. */
export function boxTraffic(graph: MeshGraph, box: GraphBox): BoxTraffic {
  const inside = new Set(box.members);
  const t: BoxTraffic = {
    inboundRps: 0,
    inboundErrorPercent: 0,
    outboundRps: 0,
    internalRps: 0,
    tcpBytes: 0,
  };
  let inboundErrors = 0;
  for (const e of graph.edges) {
    const from = inside.has(e.source);
    const to = inside.has(e.target);
    if (!from && !to) continue;
    if (e.protocol === 'tcp') {
      if (from !== to) t.tcpBytes += e.rps;
      continue;
    }
    if (from && to) t.internalRps += e.rps;
    else if (to) {
      t.inboundRps += e.rps;
      inboundErrors += e.rps * e.errorRate;
    } else t.outboundRps += e.rps;
  }
  t.inboundErrorPercent = t.inboundRps > 0 ? (inboundErrors / t.inboundRps) * 100 : 0;
  return t;
}
