import {
  type BuildResult,
  DURATION,
  Problems,
  result,
  virtualService,
  type WizardTarget,
} from './common';

export interface TimeoutsRetriesForm {
  timeout: { enabled: boolean; value: string };
  retries: { enabled: boolean; attempts: number; perTryTimeout: string; retryOn: string[] };
}

/** Envoy's retry conditions users pick from (x-envoy-retry-on plus Istio's gRPC ones). */
export const RETRY_ON = [
  '5xx',
  'gateway-error',
  'reset',
  'connect-failure',
  'refused-stream',
  'retriable-4xx',
  'retriable-status-codes',
  'cancelled',
  'deadline-exceeded',
  'unavailable',
] as const;

/** Kiali's defaults: 2 s timeout; 3 attempts of 2 s on gateway errors and connection failures. */
export const TIMEOUTS_DEFAULTS: TimeoutsRetriesForm = {
  timeout: { enabled: true, value: '2s' },
  retries: {
    enabled: true,
    attempts: 3,
    perTryTimeout: '2s',
    retryOn: ['gateway-error', 'connect-failure', 'refused-stream'],
  },
};

/** A request timeout and a retry policy on the service's route (S16, S17). */
export function buildTimeoutsRetries(t: WizardTarget, form: TimeoutsRetriesForm): BuildResult {
  const p = new Problems();
  const { timeout, retries } = form;
  p.need(timeout.enabled || retries.enabled, 'Enable a timeout, retries or both');
  if (timeout.enabled) {
    p.need(DURATION.test(timeout.value), `Timeout "${timeout.value}" is not a duration like 2s`);
  }
  if (retries.enabled) {
    p.need(
      Number.isInteger(retries.attempts) && retries.attempts >= 1 && retries.attempts <= 100,
      'Attempts must be a whole number from 1 to 100',
    );
    p.need(
      DURATION.test(retries.perTryTimeout),
      `Per-try timeout "${retries.perTryTimeout}" is not a duration like 2s`,
    );
    p.need(retries.retryOn.length > 0, 'Pick at least one retry condition');
  }
  const route: Record<string, unknown> = {};
  if (timeout.enabled) route.timeout = timeout.value;
  if (retries.enabled) {
    route.retries = {
      attempts: retries.attempts,
      perTryTimeout: retries.perTryTimeout,
      retryOn: retries.retryOn.join(','),
    };
  }
  return result(p, () => [
    virtualService(t, 'timeouts-retries', [
      { ...route, route: [{ destination: { host: t.service } }] },
    ]),
  ]);
}
