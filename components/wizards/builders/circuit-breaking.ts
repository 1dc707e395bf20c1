import {
  type BuildResult,
  DURATION,
  Problems,
  result,
  subsetRule,
  type WizardTarget,
} from './common';

export interface CircuitBreakingForm {
  connectionPool: {
    enabled: boolean;
    maxConnections: number;
    http1MaxPendingRequests: number;
    maxRequestsPerConnection: number;
  };
  outlierDetection: {
    enabled: boolean;
    consecutive5xxErrors: number;
    interval: string;
    baseEjectionTime: string;
    maxEjectionPercent: number;
  };
}

/** Istio's circuit-breaking task values (1 connection, 1 pending request), loosened a little. */
export const CIRCUIT_DEFAULTS: CircuitBreakingForm = {
  connectionPool: {
    enabled: true,
    maxConnections: 100,
    http1MaxPendingRequests: 10,
    maxRequestsPerConnection: 10,
  },
  outlierDetection: {
    enabled: true,
    consecutive5xxErrors: 5,
    interval: '10s',
    baseEjectionTime: '30s',
    maxEjectionPercent: 100,
  },
};

const positiveInt = (n: number) => Number.isInteger(n) && n >= 1;

/**
 * A DestinationRule with a connection pool and outlier detection (S19). It keeps one subset per
 * version so VirtualServices that route to subsets keep resolving after it replaces a rule.
 */
export function buildCircuitBreaking(t: WizardTarget, form: CircuitBreakingForm): BuildResult {
  const p = new Problems();
  const { connectionPool: pool, outlierDetection: od } = form;
  p.need(pool.enabled || od.enabled, 'Enable a connection pool, outlier detection or both');
  if (pool.enabled) {
    p.need(
      positiveInt(pool.maxConnections),
      'Max connections must be a whole number of at least 1',
    );
    p.need(positiveInt(pool.http1MaxPendingRequests), 'Max pending requests must be at least 1');
    p.need(
      positiveInt(pool.maxRequestsPerConnection),
      'Max requests per connection must be at least 1',
    );
  }
  if (od.enabled) {
    p.need(positiveInt(od.consecutive5xxErrors), 'Consecutive 5xx errors must be at least 1');
    p.need(DURATION.test(od.interval), `Interval "${od.interval}" is not a duration like 10s`);
    p.need(
      DURATION.test(od.baseEjectionTime),
      `Ejection time "${od.baseEjectionTime}" is not a duration like 30s`,
    );
    p.need(
      od.maxEjectionPercent >= 0 && od.maxEjectionPercent <= 100,
      'Max ejection must be 0–100 %',
    );
  }
  const policy: Record<string, unknown> = {};
  if (pool.enabled) {
    policy.connectionPool = {
      tcp: { maxConnections: pool.maxConnections },
      http: {
        http1MaxPendingRequests: pool.http1MaxPendingRequests,
        maxRequestsPerConnection: pool.maxRequestsPerConnection,
      },
    };
  }
  if (od.enabled) {
    policy.outlierDetection = {
      consecutive5xxErrors: od.consecutive5xxErrors,
      interval: od.interval,
      baseEjectionTime: od.baseEjectionTime,
      maxEjectionPercent: od.maxEjectionPercent,
    };
  }
  return result(p, () => [subsetRule(t, 'circuit-breaking', policy)]);
}
