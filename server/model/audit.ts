/**
 * One change made through Meshscope, as kept in the append-only audit log and returned by
 * `GET /api/audit`.
 */
export interface AuditEntry {
  /** Unique id (time-sortable), e.g. for "undo this change". */
  id: string;
  /** When the change was written, RFC 3339. */
  time: string;
  /** Who made it: the trusted `x-forwarded-user` / `x-remote-user` header, else `anonymous`. */
  user: string;
  /** What was done to the object. */
  action: 'create' | 'update' | 'delete';
  /** Object kind, e.g. `VirtualService`. */
  kind: string;
  /** The object's apiVersion as written, e.g. `networking.istio.io/v1beta1`. */
  apiVersion: string;
  namespace: string;
  name: string;
  /** The object's spec before the change; null when it was created. */
  before: Record<string, unknown> | null;
  /** The object's spec after the change; null when it was deleted. */
  after: Record<string, unknown> | null;
  /** resourceVersion after the change (absent for deletes). */
  resourceVersion?: string;
  /** A short human summary, e.g. `weights v1=0 v3=100`. */
  summary?: string;
  /** Which feature made the change, e.g. `traffic` or `config`. */
  source?: string;
}

/** `GET /api/audit` response: newest first. */
export interface AuditList {
  entries: AuditEntry[];
  /** Total entries matching the filter before `limit` was applied. */
  total: number;
}
