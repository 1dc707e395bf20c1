import type { GraphType } from '@/server/model/graph';
import { GRAPH_TYPES } from '@/server/model/graph';

import { BOX_KINDS, type BoxKind } from './graph-boxes';

/** What the edge labels show. */
export type EdgeLabelMode = 'none' | 'rps' | 'percent' | 'rtAvg' | 'rtP95' | 'rtP99' | 'throughput';

export const EDGE_LABEL_OPTIONS: { value: EdgeLabelMode; label: string }[] = [
  { value: 'none', label: 'No edge labels' },
  { value: 'rps', label: 'Request rate' },
  { value: 'percent', label: 'Request distribution %' },
  { value: 'rtAvg', label: 'Response time (avg)' },
  { value: 'rtP95', label: 'Response time (p95)' },
  { value: 'rtP99', label: 'Response time (p99)' },
  { value: 'throughput', label: 'Throughput' },
];

export type LayoutName = 'layered' | 'fcose' | 'concentric' | 'grid';

export const LAYOUT_OPTIONS: { value: LayoutName; label: string }[] = [
  { value: 'layered', label: 'Layered (left → right)' },
  { value: 'fcose', label: 'Force-directed (fcose)' },
  { value: 'concentric', label: 'Concentric' },
  { value: 'grid', label: 'Grid' },
];

/** Window lengths in seconds (Kiali's list up to one day). */
export const DURATION_OPTIONS: { value: number; label: string }[] = [
  { value: 60, label: 'Last 1m' },
  { value: 120, label: 'Last 2m' },
  { value: 300, label: 'Last 5m' },
  { value: 600, label: 'Last 10m' },
  { value: 1800, label: 'Last 30m' },
  { value: 3600, label: 'Last 1h' },
  { value: 10800, label: 'Last 3h' },
  { value: 21600, label: 'Last 6h' },
  { value: 43200, label: 'Last 12h' },
  { value: 86400, label: 'Last 1d' },
];

/** Poll intervals in milliseconds (Kiali's unit, so its links map one to one); 0 pauses. */
export const REFRESH_OPTIONS: { value: number; label: string }[] = [
  { value: 0, label: 'Pause' },
  { value: 5000, label: 'Every 5s' },
  { value: 10000, label: 'Every 10s' },
  { value: 15000, label: 'Every 15s' },
  { value: 30000, label: 'Every 30s' },
  { value: 60000, label: 'Every 1m' },
];

export const GRAPH_TYPE_OPTIONS: { value: GraphType; label: string }[] = [
  { value: 'app', label: 'App graph' },
  { value: 'versionedApp', label: 'Versioned app graph' },
  { value: 'workload', label: 'Workload graph' },
  { value: 'service', label: 'Service graph' },
];

/** The whole view state of the graph page; it lives in the URL so links and reloads keep it. */
export interface GraphViewState {
  /** Empty means "pick the default namespace" once the namespace list is known. */
  namespaces: string[];
  graphType: GraphType;
  /** Window in seconds. */
  duration: number;
  /** Poll interval in ms; 0 = paused. */
  refresh: number;
  edgeLabels: EdgeLabelMode;
  /** Undefined = not chosen by the user: on unless the OS asks for reduced motion. */
  animation?: boolean;
  idleNodes: boolean;
  idleEdges: boolean;
  serviceNodes: boolean;
  mtls: boolean;
  badges: boolean;
  layout: LayoutName;
  /** Boxes to draw around nodes, outer first (`namespace`, `app`); empty = none. */
  boxBy: BoxKind[];
  /** Id of the selected node, edge or box. */
  selected?: string;
  find: string;
  hide: string;
  /** A trace whose path is highlighted (set by links from the traces page). */
  trace?: string;
  /** Replay: end of the window, unix seconds; undefined = live. */
  queryTime?: number;
}

export const DEFAULT_VIEW: GraphViewState = {
  namespaces: [],
  graphType: 'versionedApp',
  duration: 60,
  refresh: 10000,
  edgeLabels: 'rps',
  idleNodes: false,
  idleEdges: false,
  serviceNodes: true,
  mtls: false,
  badges: true,
  layout: 'layered',
  boxBy: [],
  find: '',
  hide: '',
};

const EDGE_MODES = new Set(EDGE_LABEL_OPTIONS.map((o) => o.value));
const LAYOUTS = new Set(LAYOUT_OPTIONS.map((o) => o.value));

function parseBool(v: string | null): boolean | undefined {
  if (v === null) return undefined;
  if (v === '1' || v === 'true') return true;
  if (v === '0' || v === 'false') return false;
  return undefined;
}

function parsePositiveInt(v: string | null): number | undefined {
  if (v === null) return undefined;
  const m = /^(\d+)(s|m|h|d)?$/.exec(v.trim());
  if (!m) return undefined;
  const unit = { s: 1, m: 60, h: 3600, d: 86400 }[m[2] ?? 's'] ?? 1;
  return Number(m[1]) * unit;
}

/**
 * A `boxBy` list (Kiali spells it the same way): known kinds only, in nesting order, so
 * `app,namespace` and `namespace,app` are one state. Kiali's `cluster` is ignored: one cluster.
 */
function parseBoxBy(v: string | null): BoxKind[] {
  if (!v) return [];
  const asked = new Set(v.split(',').map((k) => k.trim()));
  return BOX_KINDS.filter((k) => asked.has(k));
}

/**
 * Reads the view state from URL search params. Unknown or malformed values fall back to the
 * defaults rather than erroring: a hand-edited link should still open a useful graph.
 */
export function parseViewState(params: URLSearchParams): GraphViewState {
  const s: GraphViewState = { ...DEFAULT_VIEW };
  const ns = params.get('namespaces');
  if (ns)
    s.namespaces = [
      ...new Set(
        ns
          .split(',')
          .map((n) => n.trim())
          .filter(Boolean),
      ),
    ];
  const gt = params.get('graphType');
  if (gt && (GRAPH_TYPES as readonly string[]).includes(gt)) s.graphType = gt as GraphType;
  const duration = parsePositiveInt(params.get('duration'));
  if (duration && duration >= 10 && duration <= 86400 * 30) s.duration = duration;
  const refresh = params.get('refresh');
  if (refresh !== null && /^\d+$/.test(refresh)) s.refresh = Number(refresh);
  const edges = params.get('edges');
  if (edges && EDGE_MODES.has(edges as EdgeLabelMode)) s.edgeLabels = edges as EdgeLabelMode;
  s.animation = parseBool(params.get('animation'));
  s.idleNodes = parseBool(params.get('idleNodes')) ?? s.idleNodes;
  s.idleEdges = parseBool(params.get('idleEdges')) ?? s.idleEdges;
  s.serviceNodes = parseBool(params.get('injectServiceNodes')) ?? s.serviceNodes;
  s.mtls = parseBool(params.get('mtls')) ?? s.mtls;
  s.badges = parseBool(params.get('badges')) ?? s.badges;
  const layout = params.get('layout');
  if (layout && LAYOUTS.has(layout as LayoutName)) s.layout = layout as LayoutName;
  s.boxBy = parseBoxBy(params.get('boxBy'));
  s.selected = params.get('selected') || undefined;
  s.find = params.get('find') ?? '';
  s.hide = params.get('hide') ?? '';
  s.trace = params.get('trace') || undefined;
  const qt = params.get('queryTime');
  if (qt && /^\d+$/.test(qt)) s.queryTime = Number(qt);
  return s;
}

/** Writes the view state as search params, omitting defaults so URLs stay short. */
export function serializeViewState(s: GraphViewState): URLSearchParams {
  const p = new URLSearchParams();
  if (s.namespaces.length) p.set('namespaces', s.namespaces.join(','));
  const d = DEFAULT_VIEW;
  if (s.graphType !== d.graphType) p.set('graphType', s.graphType);
  if (s.duration !== d.duration) p.set('duration', String(s.duration));
  if (s.refresh !== d.refresh) p.set('refresh', String(s.refresh));
  if (s.edgeLabels !== d.edgeLabels) p.set('edges', s.edgeLabels);
  if (s.animation !== undefined) p.set('animation', s.animation ? '1' : '0');
  if (s.idleNodes !== d.idleNodes) p.set('idleNodes', s.idleNodes ? '1' : '0');
  if (s.idleEdges !== d.idleEdges) p.set('idleEdges', s.idleEdges ? '1' : '0');
  if (s.serviceNodes !== d.serviceNodes) p.set('injectServiceNodes', s.serviceNodes ? '1' : '0');
  if (s.mtls !== d.mtls) p.set('mtls', s.mtls ? '1' : '0');
  if (s.badges !== d.badges) p.set('badges', s.badges ? '1' : '0');
  if (s.layout !== d.layout) p.set('layout', s.layout);
  if (s.boxBy.length) p.set('boxBy', parseBoxBy(s.boxBy.join(',')).join(','));
  if (s.selected) p.set('selected', s.selected);
  if (s.find) p.set('find', s.find);
  if (s.hide) p.set('hide', s.hide);
  if (s.trace) p.set('trace', s.trace);
  if (s.queryTime !== undefined) p.set('queryTime', String(s.queryTime));
  return p;
}

/** Kiali's `edges` values (a comma list) → ours; the first one we understand wins. */
const KIALI_EDGE_LABELS: Record<string, EdgeLabelMode> = {
  noEdgeLabels: 'none',
  trafficRate: 'rps',
  trafficDistribution: 'percent',
  responseTime: 'rtP95',
  responseTimeAvg: 'rtAvg',
  responseTimeP95: 'rtP95',
  responseTimeP99: 'rtP99',
  throughput: 'throughput',
  throughputRequest: 'throughput',
  throughputResponse: 'throughput',
};

const KIALI_LAYOUTS: Record<string, LayoutName> = {
  dagre: 'layered',
  'kiali-dagre': 'layered',
  'kiali-breadthfirst': 'layered',
  'kiali-grid': 'grid',
  'kiali-concentric': 'concentric',
  cose: 'fcose',
  'cose-bilkent': 'fcose',
};

/**
 * Maps a Kiali graph link (`/console/graph/namespaces?namespaces=…&graphType=…&duration=…&
 * refresh=…&edges=…&layout=…`) to the search string of our `/graph` page. Kiali's duration is in
 * seconds and refresh in ms, as ours, so those pass through after validation.
 */
export function kialiParamsToViewQuery(params: URLSearchParams): string {
  const mapped = new URLSearchParams();
  for (const key of [
    'namespaces',
    'graphType',
    'duration',
    'refresh',
    'idleNodes',
    'idleEdges',
    'injectServiceNodes',
    'animation',
    'boxBy',
    'find',
    'hide',
  ]) {
    const v = params.get(key);
    if (v !== null) mapped.set(key, v);
  }
  const edges = params.get('edges');
  if (edges) {
    const mode = edges
      .split(',')
      .map((e) => KIALI_EDGE_LABELS[e.trim()])
      .find(Boolean);
    if (mode) mapped.set('edges', mode);
  }
  const layout = params.get('layout');
  if (layout && KIALI_LAYOUTS[layout]) mapped.set('layout', KIALI_LAYOUTS[layout]);
  // Round-trip through our own parser so only valid, normalised state reaches the page.
  return serializeViewState(parseViewState(mapped)).toString();
}
