import {
  type BuildResult,
  DURATION,
  percent,
  Problems,
  result,
  virtualService,
  type WizardTarget,
} from './common';

export interface FaultInjectionForm {
  delay: { enabled: boolean; percent: number; fixedDelay: string };
  abort: { enabled: boolean; percent: number; httpStatus: number };
}

/** Kiali's defaults, which match what the tutorials inject (S17: a 5 s delay; 100 % 503s). */
export const FAULT_DEFAULTS: FaultInjectionForm = {
  delay: { enabled: true, percent: 100, fixedDelay: '5s' },
  abort: { enabled: false, percent: 100, httpStatus: 503 },
};

/** Delays and/or aborts a share of the requests to the service (S17, S18). */
export function buildFaultInjection(t: WizardTarget, form: FaultInjectionForm): BuildResult {
  const p = new Problems();
  const { delay, abort } = form;
  p.need(delay.enabled || abort.enabled, 'Enable a delay, an abort or both');
  if (delay.enabled) {
    p.need(delay.percent > 0 && delay.percent <= 100, 'Delay percentage must be between 0 and 100');
    p.need(
      DURATION.test(delay.fixedDelay),
      `Delay "${delay.fixedDelay}" is not a duration like 5s or 500ms`,
    );
  }
  if (abort.enabled) {
    p.need(abort.percent > 0 && abort.percent <= 100, 'Abort percentage must be between 0 and 100');
    p.need(
      Number.isInteger(abort.httpStatus) && abort.httpStatus >= 200 && abort.httpStatus <= 599,
      'Abort status must be an HTTP status between 200 and 599',
    );
  }
  const fault: Record<string, unknown> = {};
  if (delay.enabled)
    fault.delay = { percentage: percent(delay.percent), fixedDelay: delay.fixedDelay };
  if (abort.enabled)
    fault.abort = { percentage: percent(abort.percent), httpStatus: abort.httpStatus };
  return result(p, () => [
    virtualService(t, 'fault-injection', [
      { fault, route: [{ destination: { host: t.service } }] },
    ]),
  ]);
}
