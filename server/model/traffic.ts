/**
 * The traffic-split contract: what `GET /api/namespaces/{ns}/services/{service}/traffic` returns
 * and what `PUT` accepts. Plain JSON, shared by server and client.
 */

/** One subset of the service: a DestinationRule subset, or one derived from version labels. */
export interface TrafficSubset {
  /** Subset name as routes reference it, e.g. `v1`. */
  name: string;
  /** The pod labels the subset selects, e.g. `{ version: 'v1' }`. */
  labels: Record<string, string>;
  /** The workload version this subset selects (its `version` label), when it has one. */
  version?: string;
  /** Workloads (Deployments) whose pod template labels match the subset's labels. */
  workloads: string[];
  /** True when it comes from the DestinationRule; false when derived from workload labels. */
  fromDestinationRule: boolean;
}

/** One http route of the VirtualService, as offered in the route picker. */
export interface TrafficRouteSummary {
  /** Position in `spec.http`. */
  index: number;
  /** The route's `name`, when it has one. */
  name?: string;
  /** A one-line description of the route's match conditions, or `default` when it has none. */
  match: string;
  /** True when the route has no `match` (a catch-all). */
  catchAll: boolean;
  /** Subsets this route sends traffic to. */
  subsets: string[];
}

/** Traffic mirroring of the chosen route. */
export interface TrafficMirror {
  /** Subset that receives the mirrored copy. */
  subset: string;
  /** Percentage of requests mirrored, 0–100 (Istio `mirrorPercentage.value`). */
  percent: number;
}

/** The current split of a service, as the editor shows it. */
export interface TrafficSplit {
  namespace: string;
  service: string;
  /** The host the VirtualService routes, usually the service short name. */
  host: string;
  /** Subsets available to route to. */
  subsets: TrafficSubset[];
  /** Configured weight per subset name for the chosen route (sums to 100; absent subsets 0). */
  weights: Record<string, number>;
  /** The route the weights belong to (index into `routes`). */
  route: number;
  /** All http routes of the VirtualService (empty when it does not exist yet). */
  routes: TrafficRouteSummary[];
  /** Mirror of the chosen route, or null. */
  mirror: TrafficMirror | null;
  /** The subset "Roll back" sends 100% to: the annotated one, else the oldest workload's. */
  stableSubset?: string;
  /** Why `stableSubset` was chosen: the VS annotation or the oldest workload. */
  stableSource?: 'annotation' | 'oldest-workload';
  /** The VirtualService, when one exists. */
  virtualService?: ObjectRef;
  /** The DestinationRule, when one exists. */
  destinationRule?: ObjectRef;
  /** The VS spec as it is now (for undo and the diff preview). */
  virtualServiceSpec?: Record<string, unknown>;
}

/** Identifies one Istio object and the version the editor read. */
export interface ObjectRef {
  name: string;
  /** e.g. `networking.istio.io/v1beta1`: writes keep the version the object has. */
  apiVersion: string;
  /** The resourceVersion read; send it back in PUT for optimistic concurrency. */
  resourceVersion: string;
  /** True when Meshscope created the object (label `app.kubernetes.io/managed-by: meshscope`). */
  managedByMeshscope: boolean;
}

/** `PUT …/traffic` body. */
export interface TrafficUpdate {
  /** Integer weights per subset summing to 100; subsets left out get no destination. */
  weights: Record<string, number>;
  /** Route to edit: index into `spec.http` or its name; default: the catch-all/last route. */
  route?: number | string;
  /** Set (object), remove (null) or keep (absent) the route's mirror. */
  mirror?: TrafficMirror | null;
  /** The VS resourceVersion the edit is based on; a stale one is a 409. */
  resourceVersion?: string;
  /**
   * Undo: put back this whole VS spec (the `before` of an audit entry) instead of setting
   * weights, which are then ignored; `null` deletes a VS Meshscope created. Still subject to
   * the resourceVersion precondition.
   */
  restoreSpec?: Record<string, unknown> | null;
  /** Validate and compute the result on the API server (dryRun=All) without storing it. */
  dryRun?: boolean;
}

/** `PUT …/traffic` response: the objects as stored after the change. */
export interface TrafficUpdateResult {
  /** The VirtualService after the write. */
  virtualService: Record<string, unknown>;
  /** The DestinationRule after the write (created if missing). */
  destinationRule: Record<string, unknown>;
  /** The audit entry id of this change (absent for dry runs). */
  auditId?: string;
}
