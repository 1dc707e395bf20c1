import type { MeshProtocol } from '../snapshot';
import type { MeshResponse } from '../wire';
import type { RetryPolicy } from './route';

/** What one attempt produced, as far as Envoy's retry policy looks at it. */
export interface AttemptOutcome {
  res: MeshResponse;
  /** Why no response came back, when none did. */
  reason?: 'connect-failure' | 'reset' | 'timeout';
}

/** Envoy's retry_on conditions. */
export function retriable(o: AttemptOutcome, retry: RetryPolicy, protocol: MeshProtocol): boolean {
  const on = retry.retryOn;
  const s = o.res.status;
  if (
    o.reason === 'connect-failure' &&
    (on.has('connect-failure') || on.has('5xx') || on.has('gateway-error'))
  )
    return true;
  if (o.reason === 'reset' && (on.has('reset') || on.has('5xx'))) return true;
  if (o.reason === 'timeout' && (on.has('5xx') || on.has('gateway-error'))) return true;
  if (o.reason) return false;
  if (on.has('5xx') && s >= 500) return true;
  if (on.has('gateway-error') && (s === 502 || s === 503 || s === 504)) return true;
  if (on.has('retriable-4xx') && s === 409) return true;
  if (on.has(String(s))) return true;
  if (protocol === 'grpc' && o.res.grpcStatus) {
    const g = o.res.grpcStatus;
    if ((on.has('unavailable') && g === 14) || (on.has('cancelled') && g === 1)) return true;
    if ((on.has('deadline-exceeded') && g === 4) || (on.has('resource-exhausted') && g === 8))
      return true;
    if (on.has('internal') && g === 13) return true;
  }
  return false;
}
