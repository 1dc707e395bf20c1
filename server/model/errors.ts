/**
 * The error envelope every API route returns: `{ error: { code, message, details? } }`.
 * Shared by server and client so the UI can say exactly what failed.
 */
export type ErrorCode =
  | 'bad_request'
  | 'not_found'
  | 'conflict'
  | 'invalid'
  | 'upstream_unavailable'
  | 'upstream_error'
  | 'internal';

export interface ApiErrorBody {
  error: {
    code: ErrorCode;
    /** A sentence a user can act on, e.g. `namespace "foo" not found`. */
    message: string;
    /** Which upstream failed, when one did: `prometheus`, `jaeger` or `kubernetes`. */
    upstream?: 'prometheus' | 'jaeger' | 'kubernetes';
    /** Extra machine-readable context, e.g. the current object on a 409. */
    details?: unknown;
  };
}
