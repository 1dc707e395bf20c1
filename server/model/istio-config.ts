/**
 * The Istio config contract: what `GET /api/namespaces/{ns}/istio`, the object routes and
 * `GET /api/istio/validations` return. Plain JSON shared by server and browser.
 */

/** The Istio kinds the config pages list, in the order users look for them. */
export const ISTIO_KINDS = [
  'VirtualService',
  'DestinationRule',
  'Gateway',
  'ServiceEntry',
  'Sidecar',
  'WorkloadEntry',
  'PeerAuthentication',
  'AuthorizationPolicy',
  'RequestAuthentication',
  'EnvoyFilter',
] as const;

export type IstioKind = (typeof ISTIO_KINDS)[number];

/** How bad a finding is: `error` breaks traffic, `warning` is suspicious, `info` is a hint. */
export type ValidationSeverity = 'error' | 'warning' | 'info';

/** Worst severity of an object's findings; `valid` when there are none above `info`. */
export type ValidationStatus = 'valid' | 'warning' | 'error';

/** One semantic finding about one object. */
export interface ValidationCheck {
  /** Stable Meshscope code, e.g. `vs.subset-not-found`; users can search for it. */
  code: string;
  severity: ValidationSeverity;
  /** A sentence naming the offending value, e.g. `subset "v9" is not defined for host reviews`. */
  message: string;
  /** Dotted path of the offending field, e.g. `spec.http[0].route[1].destination.subset`. */
  path: string;
}

/** The validation result for one object. */
export interface ObjectValidation {
  /** Worst severity among `checks`. */
  status: ValidationStatus;
  checks: ValidationCheck[];
}

/** Identifies an Istio object. */
export interface IstioObjectRef {
  kind: IstioKind;
  namespace: string;
  name: string;
}

/** A row of the config list. */
export interface IstioObjectSummary extends IstioObjectRef {
  /** `group/version` the object is served in (the preferred version of its kind). */
  apiVersion: string;
  /** Opaque version for optimistic concurrency; send it back on PUT. */
  resourceVersion: string;
  /** RFC 3339 creation time. */
  createdAt: string;
  /** Hosts the object applies to (VS/SE `spec.hosts`, DR `spec.host`), for the list. */
  hosts: string[];
  validation: ObjectValidation;
}

/** A Kubernetes service in the namespace, with the versions its workloads carry (for wizards). */
export interface ServiceVersions {
  name: string;
  /** Distinct `version` labels of the workloads the service selects, sorted. */
  versions: string[];
}

/** `GET /api/namespaces/{ns}/istio`. */
export interface IstioObjectList {
  namespace: string;
  items: IstioObjectSummary[];
  /** Services in the namespace and their workload versions. */
  services: ServiceVersions[];
}

/** `GET /api/namespaces/{ns}/istio/{kind}/{name}`. */
export interface IstioObjectDetail {
  summary: IstioObjectSummary;
  /** The object as the API server returned it, minus `metadata.managedFields`. */
  object: IstioObject;
}

/** `POST`/`PUT` result: the stored (or, on a dry run, would-be stored) object and its findings. */
export interface IstioWriteResult {
  /** True when nothing was saved (`?dryRun=true`). */
  dryRun: boolean;
  object: IstioObject;
  validation: ObjectValidation;
}

/** `GET /api/istio/validations?namespaces=a,b`: every object with at least one finding. */
export interface ValidationsResponse {
  namespaces: string[];
  items: (IstioObjectRef & { validation: ObjectValidation })[];
}

/** An Istio object as JSON (shape checked by the API server's schema, not by us). */
export interface IstioObject {
  apiVersion: string;
  kind: string;
  metadata: {
    name: string;
    namespace?: string;
    resourceVersion?: string;
    creationTimestamp?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
    [key: string]: unknown;
  };
  spec?: Record<string, unknown>;
  [key: string]: unknown;
}

/** URL segment for a kind: the lower-case plural, as in Kubernetes paths (`virtualservices`). */
export function kindPlural(kind: IstioKind): string {
  const lower = kind.toLowerCase();
  // AuthorizationPolicy → authorizationpolicies, but Gateway → gateways (the CRD plural).
  if (/[^aeiou]y$/.test(lower)) return `${lower.slice(0, -1)}ies`;
  return `${lower}s`;
}

/** The kind for a URL segment: accepts the plural, the singular or the Kind in any case. */
export function kindFromSegment(segment: string): IstioKind | undefined {
  const s = segment.toLowerCase();
  return ISTIO_KINDS.find((k) => k.toLowerCase() === s || kindPlural(k) === s);
}

/** Worst status of a set of checks. */
export function statusOf(checks: readonly ValidationCheck[]): ValidationStatus {
  if (checks.some((c) => c.severity === 'error')) return 'error';
  if (checks.some((c) => c.severity === 'warning')) return 'warning';
  return 'valid';
}
