/**
 * `meta.k8s.io/v1` Table responses for `kubectl get` (reference §5): Istio kinds use their CRD
 * printer columns, built-ins hand-written ones like the apiserver's. Every row carries the
 * object's metadata so kubectl can add NAMESPACE (-A) and LABELS (--show-labels) itself.
 */
import type { ResourceType } from './resources';
import type { KubeObject } from './store';

/** A Table column definition. */
export interface ColumnDefinition {
  name: string;
  type: string;
  format: string;
  description: string;
  priority: number;
}

/** A Table row. */
export interface TableRow {
  cells: unknown[];
  object: {
    kind: 'PartialObjectMetadata';
    apiVersion: 'meta.k8s.io/v1';
    metadata: KubeObject['metadata'];
  };
}

/** The Table kind as kubectl reads it. */
export interface Table {
  kind: 'Table';
  apiVersion: 'meta.k8s.io/v1';
  metadata: { resourceVersion: string };
  columnDefinitions: ColumnDefinition[];
  rows: TableRow[];
}

export const TABLE_CONTENT_TYPE = 'application/json;as=Table;v=v1;g=meta.k8s.io';

/** True when the Accept header asks for a Table. */
export function wantsTable(accept: string | undefined): boolean {
  return !!accept && /as=Table/.test(accept);
}

interface Column {
  name: string;
  type?: string;
  priority?: number;
  description?: string;
  cell: (o: KubeObject, now: number) => unknown;
}

/** Kubernetes' HumanDuration: `45s`, `5m10s`, `3h`, `2d5h`, `400d`. */
export function humanDuration(ms: number): string {
  const s = Math.floor(ms / 1000);
  if (s < 0) return '0s';
  if (s < 120) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 10) return s % 60 === 0 ? `${m}m` : `${m}m${s % 60}s`;
  if (m < 180) return `${m}m`;
  const h = Math.floor(m / 60);
  if (h < 8) return m % 60 === 0 ? `${h}h` : `${h}h${m % 60}m`;
  if (h < 48) return `${h}h`;
  const d = Math.floor(h / 24);
  if (h < 192) return h % 24 === 0 ? `${d}d` : `${d}d${h % 24}h`;
  if (h < 24 * 365 * 2) return `${d}d`;
  const y = Math.floor(d / 365);
  if (h < 24 * 365 * 8) return d % 365 === 0 ? `${y}y` : `${y}y${d % 365}d`;
  return `${y}y`;
}

const get = (o: unknown, path: string): unknown => {
  let cur = o;
  for (const p of path.split('.').filter((x) => x !== '')) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[p];
  }
  return cur;
};

const age: Column = {
  name: 'Age',
  type: 'string',
  description:
    'CreationTimestamp is a timestamp representing the server time when this object was created.',
  cell: (o, now) => {
    const t = Date.parse(o.metadata.creationTimestamp ?? '');
    return Number.isNaN(t) ? '<unknown>' : humanDuration(now - t);
  },
};
const nameCol: Column = {
  name: 'Name',
  cell: (o) => o.metadata.name,
  description: 'Name must be unique within a namespace.',
};
const none = (v: unknown) => (v === undefined || v === null || v === '' ? '<none>' : v);

type Obj = Record<string, unknown>;
const arr = (v: unknown): Obj[] => (Array.isArray(v) ? (v as Obj[]) : []);

function selectorString(sel: unknown): string {
  const m = (sel as Record<string, string> | undefined) ?? {};
  return Object.entries(m)
    .map(([k, v]) => `${k}=${v}`)
    .join(',');
}

const BUILTIN_COLUMNS: Record<string, Column[]> = {
  namespaces: [nameCol, { name: 'Status', cell: (o) => get(o, 'status.phase') ?? 'Active' }, age],
  pods: [
    nameCol,
    {
      name: 'Ready',
      cell: (o) => {
        const statuses = arr(get(o, 'status.containerStatuses'));
        const total = arr(get(o, 'spec.containers')).length;
        return `${statuses.filter((s) => s.ready === true).length}/${total}`;
      },
    },
    {
      name: 'Status',
      cell: (o) =>
        o.metadata.deletionTimestamp ? 'Terminating' : (get(o, 'status.phase') ?? 'Pending'),
    },
    {
      name: 'Restarts',
      type: 'string',
      cell: (o) =>
        String(
          arr(get(o, 'status.containerStatuses')).reduce(
            (n, s) => n + Number(s.restartCount ?? 0),
            0,
          ),
        ),
    },
    age,
    { name: 'IP', priority: 1, cell: (o) => none(get(o, 'status.podIP')) },
    { name: 'Node', priority: 1, cell: (o) => none(get(o, 'spec.nodeName')) },
  ],
  services: [
    nameCol,
    { name: 'Type', cell: (o) => get(o, 'spec.type') ?? 'ClusterIP' },
    { name: 'Cluster-IP', cell: (o) => none(get(o, 'spec.clusterIP')) },
    {
      name: 'External-IP',
      cell: (o) => {
        const ing = arr(get(o, 'status.loadBalancer.ingress')).map((i) => i.ip ?? i.hostname);
        if (ing.length) return ing.join(',');
        return get(o, 'spec.type') === 'LoadBalancer' ? '<pending>' : '<none>';
      },
    },
    {
      name: 'Port(s)',
      cell: (o) =>
        none(
          arr(get(o, 'spec.ports'))
            .map((p) => `${p.port}${p.nodePort ? `:${p.nodePort}` : ''}/${p.protocol ?? 'TCP'}`)
            .join(','),
        ),
    },
    age,
    { name: 'Selector', priority: 1, cell: (o) => none(selectorString(get(o, 'spec.selector'))) },
  ],
  deployments: [
    nameCol,
    {
      name: 'Ready',
      cell: (o) => `${get(o, 'status.readyReplicas') ?? 0}/${get(o, 'spec.replicas') ?? 1}`,
    },
    { name: 'Up-to-date', type: 'integer', cell: (o) => get(o, 'status.updatedReplicas') ?? 0 },
    { name: 'Available', type: 'integer', cell: (o) => get(o, 'status.availableReplicas') ?? 0 },
    age,
    {
      name: 'Containers',
      priority: 1,
      cell: (o) =>
        arr(get(o, 'spec.template.spec.containers'))
          .map((c) => c.name)
          .join(','),
    },
    {
      name: 'Images',
      priority: 1,
      cell: (o) =>
        arr(get(o, 'spec.template.spec.containers'))
          .map((c) => c.image)
          .join(','),
    },
    {
      name: 'Selector',
      priority: 1,
      cell: (o) => none(selectorString(get(o, 'spec.selector.matchLabels'))),
    },
  ],
  replicasets: [
    nameCol,
    { name: 'Desired', type: 'integer', cell: (o) => get(o, 'spec.replicas') ?? 1 },
    { name: 'Current', type: 'integer', cell: (o) => get(o, 'status.replicas') ?? 0 },
    { name: 'Ready', type: 'integer', cell: (o) => get(o, 'status.readyReplicas') ?? 0 },
    age,
  ],
  endpoints: [
    nameCol,
    {
      name: 'Endpoints',
      cell: (o) => {
        const eps = arr(o.subsets).flatMap((s) =>
          arr(s.addresses).flatMap((a) => arr(s.ports).map((p) => `${a.ip}:${p.port}`)),
        );
        return none(eps.join(','));
      },
    },
    age,
  ],
  endpointslices: [
    nameCol,
    { name: 'AddressType', cell: (o) => o.addressType ?? 'IPv4' },
    {
      name: 'Ports',
      cell: (o) =>
        none(
          arr(o.ports)
            .map((p) => p.port)
            .join(','),
        ),
    },
    {
      name: 'Endpoints',
      cell: (o) =>
        none(
          arr(o.endpoints)
            .flatMap((e) => (e.addresses as string[]) ?? [])
            .join(','),
        ),
    },
    age,
  ],
  events: [
    {
      name: 'Last Seen',
      cell: (o, now) => {
        const t = Date.parse(
          String(o.lastTimestamp ?? o.eventTime ?? o.metadata.creationTimestamp ?? ''),
        );
        return Number.isNaN(t) ? '<unknown>' : humanDuration(now - t);
      },
    },
    { name: 'Type', cell: (o) => o.type ?? '' },
    { name: 'Reason', cell: (o) => o.reason ?? '' },
    {
      name: 'Object',
      cell: (o) =>
        `${String(get(o, 'involvedObject.kind') ?? '').toLowerCase()}/${get(o, 'involvedObject.name') ?? ''}`,
    },
    { name: 'Message', cell: (o) => o.message ?? '' },
  ],
};

/** A CRD printer column cell as the apiserver's JSONPath printer renders it (arrays as JSON). */
function crdCell(o: KubeObject, path: string): unknown {
  const v = get(o, path);
  if (v === undefined || v === null) return null;
  if (typeof v === 'object') return JSON.stringify(v);
  return v;
}

function columnsFor(r: ResourceType): Column[] {
  if (r.custom) {
    const cols: Column[] = [nameCol];
    for (const c of r.columns ?? []) {
      cols.push({
        name: c.name,
        type: c.type,
        description: c.description,
        cell: (o) => crdCell(o, c.jsonPath),
      });
    }
    // The Istio CRDs list Age among their columns; WorkloadEntry puts it before Address.
    if (r.kind === 'WorkloadEntry') cols.splice(1, 0, age);
    else cols.push(age);
    return cols;
  }
  return BUILTIN_COLUMNS[r.plural] ?? [nameCol, age];
}

/** A Table of `objects` (one row each) at list resourceVersion `rv`. */
export function toTable(
  r: ResourceType,
  objects: KubeObject[],
  rv: string,
  now = Date.now(),
): Table {
  const cols = columnsFor(r);
  return {
    kind: 'Table',
    apiVersion: 'meta.k8s.io/v1',
    metadata: { resourceVersion: rv },
    columnDefinitions: cols.map((c, i) => ({
      name: c.name,
      type: c.type ?? 'string',
      format: i === 0 ? 'name' : '',
      description: c.description ?? c.name,
      priority: c.priority ?? 0,
    })),
    rows: objects.map((o) => ({
      cells: cols.map((c) => c.cell(o, now)),
      object: { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: o.metadata },
    })),
  };
}
