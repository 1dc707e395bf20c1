import 'server-only';

import type { Health } from '@/server/model/graph';

/**
 * Kiali's default health tolerances (config `AddHealthDefault`): server errors and missing
 * responses are a problem at any rate and a failure from 10 %; client errors (4xx) are only a
 * problem from 10 % and a failure from 20 %. gRPC non-OK statuses count as server errors.
 */
export const THRESHOLDS = {
  serverError: { degraded: 0, failure: 0.1 },
  clientError: { degraded: 0.1, failure: 0.2 },
} as const;

export interface RequestOutcomes {
  /** Requests/s (all outcomes). */
  total: number;
  http4xx: number;
  /** 5xx or non-OK gRPC. */
  http5xx: number;
  noResponse: number;
}

/** Health from request outcomes; `idle` without traffic. */
export function requestHealth(r: RequestOutcomes): Health {
  if (!(r.total > 0)) return 'idle';
  const server = (r.http5xx + r.noResponse) / r.total;
  const client = r.http4xx / r.total;
  if (server >= THRESHOLDS.serverError.failure || client >= THRESHOLDS.clientError.failure) {
    return 'failure';
  }
  if (server > THRESHOLDS.serverError.degraded || client >= THRESHOLDS.clientError.degraded) {
    return 'degraded';
  }
  return 'healthy';
}

export interface Availability {
  /** spec.replicas */
  desired: number;
  /** status.availableReplicas */
  available: number;
}

/**
 * Workload status as Kiali merges it: nothing available out of a non-zero desire is a failure,
 * fewer than desired is degraded; scaled to zero is idle (not ready, not broken).
 */
export function availabilityHealth(a: Availability): Health {
  if (a.desired === 0) return 'idle';
  if (a.available === 0) return 'failure';
  if (a.available < a.desired) return 'degraded';
  return 'healthy';
}

const RANK: Record<Health, number> = { unknown: 0, idle: 1, healthy: 2, degraded: 3, failure: 4 };

/** The worse of several health values wins (`failure` > `degraded` > `healthy` > `idle` > `unknown`). */
export function worst(...values: Health[]): Health {
  return values.reduce<Health>((w, h) => (RANK[h] > RANK[w] ? h : w), 'unknown');
}
